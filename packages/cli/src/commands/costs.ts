// `bevan costs`: spend by point of delivery and organisation from the build's costed activity,
// and the unit-cost table: print it, load a local one, or go back to the repository's.
import { readFileSync, writeFileSync } from "node:fs";
import { Warehouse } from "@bevan/engine";
import { orgNames } from "@bevan/query";
import {
  activeUnitCosts,
  costGaps,
  costsBuilt,
  LEVELS,
  type Level,
  POD_NAMES,
  type PointOfDelivery,
  parseUnitCosts,
  resetLocalUnitCosts,
  spendByPod,
  storeLocalUnitCosts,
  unitCostsCsv,
  wholeIcs,
} from "@bevan/resources";
import { type Command, requireString } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";
import { resourcesStep } from "../steps.ts";

const gbp = (x: number) => `£${Math.round(x).toLocaleString("en-GB")}`;

export const costsCommand: Command = {
  name: "costs",
  summary: "Spend by point of delivery and organisation; show, load or reset the unit-cost table.",
  usage:
    "bevan costs --db FILE [--level icb|place|pcn|practice] [--json] | bevan costs table --db FILE [--out FILE] | bevan costs load FILE.csv --db FILE | bevan costs reset --db FILE",
  options: {
    db: { type: "string", description: "Warehouse file.", placeholder: "FILE" },
    level: {
      type: "string",
      description: "Organisation level to break spend down by.",
      default: "icb",
      placeholder: "LEVEL",
    },
    out: {
      type: "string",
      description: "With `table`: write the CSV here instead of printing it.",
      placeholder: "FILE",
    },
    json: { type: "boolean", description: "Print JSON." },
  },
  examples: [
    "bevan costs --db data/warehouse.duckdb --level practice --json",
    "bevan costs table --db data/warehouse.duckdb --out my-unit-costs.csv",
    "bevan costs load my-unit-costs.csv --db data/warehouse.duckdb",
  ],
  async run(values, positionals) {
    const db = requireString(values, "db", "costs");
    if (!exists(db))
      throw new UsageError(`no warehouse at ${db}: create one with \`bevan ingest\` and \`bevan build\``);
    const [action, file] = positionals;
    if (action === "load") return load(db, file);
    if (action === "reset") return reset(db);
    if (action === "table") return table(db, values.out as string | undefined);
    if (action !== undefined)
      throw new UsageError(
        `unknown action '${action}': use table, load FILE or reset (or none for the spend report)`,
      );
    const level = String(values.level) as Level;
    if (!(LEVELS as readonly string[]).includes(level))
      throw new UsageError(`--level must be one of ${LEVELS.join(", ")} (got '${level}')`);
    return report(db, level, values.json === true);
  },
};

async function report(db: string, level: Level, json: boolean): Promise<number> {
  const wh = await Warehouse.open(db, { readOnly: true });
  try {
    const sw = await wholeIcs(wh);
    const built = await costsBuilt(sw);
    if (!built) throw new UsageError(`no costed activity in ${db}: run \`bevan build --db ${db}\``);
    const spend = await spendByPod(sw, built.asOf, level);
    const gaps = await costGaps(sw);
    const codes = [...spend.population.keys()].sort();
    const names = await orgNames(sw, codes);
    const units = codes.map((code) => {
      const cells = spend.cells.filter((c) => c.unit === code);
      const total = cells.reduce((s, c) => s + c.spend, 0);
      const population = spend.population.get(code) ?? 0;
      return {
        code,
        name: names.get(code) ?? code,
        population,
        spend: total,
        perHead: population > 0 ? total / population : null,
        pointsOfDelivery: cells.map((c) => ({
          pointOfDelivery: c.pod,
          name: POD_NAMES[c.pod as PointOfDelivery]?.name ?? c.pod,
          activity: c.activity,
          people: c.people,
          spend: c.spend,
        })),
      };
    });
    const result = {
      asOf: built.asOf,
      year: "the 12 months to the as-of date",
      unitCosts: built.origin,
      level,
      units,
      notPriced: gaps.map((g) => ({
        pointOfDelivery: g.pointOfDelivery,
        currency: g.currency,
        activity: g.activity,
        reason: g.reason,
      })),
    };
    if (json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    const out = [`Spend in the 12 months to ${built.asOf} (${built.origin} unit costs), by ${level}`, ""];
    for (const u of units) {
      out.push(
        `${u.name} (${u.code}): ${gbp(u.spend)} for ${u.population.toLocaleString("en-GB")} people, ${u.perHead === null ? "–" : gbp(u.perHead)} a head`,
      );
      for (const p of u.pointsOfDelivery)
        out.push(
          `  ${p.name.padEnd(46)} ${p.activity.toLocaleString("en-GB").padStart(10)} ${gbp(p.spend).padStart(14)}`,
        );
    }
    const missing = gaps.reduce((s, g) => s + g.activity, 0);
    if (missing > 0)
      out.push(
        "",
        `Not priced: ${missing.toLocaleString("en-GB")} activity rows in ${gaps.length} currencies without a unit cost (\`--json\` lists them; add them with \`bevan costs load\`).`,
      );
    process.stdout.write(`${out.join("\n")}\n`);
    return 0;
  } finally {
    wh.close();
  }
}

async function table(db: string, out: string | undefined): Promise<number> {
  const wh = await Warehouse.open(db, { readOnly: true });
  try {
    const t = await activeUnitCosts(wh);
    const csv = unitCostsCsv(t.rows);
    if (out) {
      writeFileSync(out, csv);
      process.stderr.write(
        `costs: wrote the ${t.origin} unit-cost table (${t.rows.length} rows) to ${out}\n`,
      );
    } else process.stdout.write(csv);
    return 0;
  } finally {
    wh.close();
  }
}

async function load(db: string, file: string | undefined): Promise<number> {
  if (!file)
    throw new UsageError("`bevan costs load` needs the CSV file to load: bevan costs load FILE.csv --db DB");
  if (!exists(file)) throw new UsageError(`no file at ${file}`);
  const rows = parseUnitCosts(readFileSync(file, "utf8"), file);
  const wh = await Warehouse.open(db);
  try {
    await storeLocalUnitCosts(wh, rows);
    process.stderr.write(`costs: loaded ${rows.length} unit costs from ${file}; re-costing\n`);
    await resourcesStep(wh);
    return 0;
  } finally {
    wh.close();
  }
}

async function reset(db: string): Promise<number> {
  const wh = await Warehouse.open(db);
  try {
    await resetLocalUnitCosts(wh);
    process.stderr.write("costs: back to the repository's unit-cost table; re-costing\n");
    await resourcesStep(wh);
    return 0;
  } finally {
    wh.close();
  }
}
