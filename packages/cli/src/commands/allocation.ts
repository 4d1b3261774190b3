// `bevan allocation`: a budget divided between practices or PCNs by the fair-share formulas
// the build fitted, with last year's spend, the distance from target, a pace-of-change path
// and the formulas' out-of-time validation.
import { FORMULA_NAMES, FORMULAS, type Formula, toPence } from "@bevan/allocation";
import { Warehouse } from "@bevan/engine";
import { asOfDate, orgNames } from "@bevan/query";
import {
  type AllocationLevel,
  allocateBudget,
  allocationReportOf,
  allocationUnits,
  wholeIcs,
} from "@bevan/resources";
import { type Command, intOption, requireString } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";

const gbp = (pence: number) =>
  `£${(pence / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export const allocationCommand: Command = {
  name: "allocation",
  summary:
    "Divide a budget between practices or PCNs by fair shares: targets, spend, distance from target, R².",
  usage:
    "bevan allocation --db FILE --budget GBP [--level practice|pcn] [--formula need|need_supply|age_sex|capitation] [--years N] [--json]",
  options: {
    db: { type: "string", description: "Warehouse file.", placeholder: "FILE" },
    budget: {
      type: "string",
      description: "The budget to divide, in pounds (e.g. 25000000 or 25,000,000.00).",
      placeholder: "GBP",
    },
    level: {
      type: "string",
      description: "Divide between practices or PCNs.",
      default: "practice",
      placeholder: "LEVEL",
    },
    formula: {
      type: "string",
      description: "The formula that sets the targets.",
      default: "need",
      placeholder: "FORMULA",
    },
    years: {
      type: "string",
      description: "Years of the pace-of-change path.",
      default: "3",
      placeholder: "N",
    },
    json: { type: "boolean", description: "Print JSON." },
  },
  examples: ["bevan allocation --db data/warehouse.duckdb --budget 25000000 --level pcn --json"],
  async run(values) {
    const db = requireString(values, "db", "allocation");
    const budgetText = requireString(values, "budget", "allocation").replace(/^£/, "").replaceAll(",", "");
    const budget = Number(budgetText);
    if (!(budgetText !== "" && Number.isFinite(budget) && budget > 0))
      throw new UsageError(
        `--budget must be a sum of money in pounds, more than zero (got '${values.budget}')`,
      );
    const level = String(values.level) as AllocationLevel;
    if (level !== "practice" && level !== "pcn")
      throw new UsageError(`--level must be practice or pcn (got '${level}')`);
    const formula = String(values.formula) as Formula;
    if (!(FORMULAS as readonly string[]).includes(formula))
      throw new UsageError(`--formula must be one of ${FORMULAS.join(", ")} (got '${formula}')`);
    const years = intOption(values, "years", 1, 20);
    if (!exists(db))
      throw new UsageError(`no warehouse at ${db}: create one with \`bevan ingest\` and \`bevan build\``);
    const wh = await Warehouse.open(db, { readOnly: true });
    try {
      const sw = await wholeIcs(wh);
      const report = await allocationReportOf(sw);
      const asOf = await asOfDate(sw);
      if (!report || !asOf)
        throw new UsageError(
          `no fair-share formulas in ${db}: run \`bevan build --db ${db}\` (it needs two years of history)`,
        );
      if (formula === "need_supply" && report.supplyNote)
        throw new UsageError(`need_supply is not available: ${report.supplyNote}`);
      const units = await allocationUnits(sw, asOf, level);
      const result = allocateBudget(units, new Map(units.map((u) => [u.code, u.actual])), {
        budgetPence: toPence(budget),
        formula,
        years,
      });
      const names = await orgNames(
        sw,
        units.map((u) => u.code),
      );
      const validation = report.formulas.map((f) => ({
        formula: f.formula,
        name: FORMULA_NAMES[f.formula],
        r2Practice: f.r2Practice,
        r2Pcn: f.r2Pcn,
        r2Person: f.r2Person,
      }));
      if (values.json) {
        process.stdout.write(
          `${JSON.stringify(
            {
              asOf,
              budget: result.budgetPence / 100,
              level,
              formula,
              years,
              remainderRule: result.remainderRule,
              sumOfTargets: result.totals[formula] === null ? null : (result.totals[formula] ?? 0) / 100,
              validation: {
                trainedAt: report.trainedAt,
                validatedAt: report.validatedAt,
                formulas: validation,
              },
              units: result.units.map((u) => ({
                code: u.code,
                name: names.get(u.code) ?? u.code,
                registered: u.registered,
                share: u.share,
                target: u.targetPence / 100,
                targets: Object.fromEntries(
                  Object.entries(u.targets).map(([k, v]) => [k, v === null ? null : v / 100]),
                ),
                actualSpend: u.actual,
                current: u.currentPence === null ? null : u.currentPence / 100,
                distanceFromTarget: u.distanceFromTarget,
                paceOfChange: u.path.map((p) => p / 100),
              })),
            },
            null,
            2,
          )}\n`,
        );
        return 0;
      }
      const out = [
        `${gbp(result.budgetPence)} divided between ${units.length} ${level === "pcn" ? "PCNs" : "practices"} by ${FORMULA_NAMES[formula].toLowerCase()} (as of ${asOf}).`,
        "",
        `${"".padEnd(40)} ${"target".padStart(16)} ${"current".padStart(16)} ${"from target".padStart(12)}`,
      ];
      for (const u of result.units)
        out.push(
          `${`${names.get(u.code) ?? u.code}`.slice(0, 40).padEnd(40)} ${gbp(u.targetPence).padStart(16)} ${(u.currentPence === null ? "–" : gbp(u.currentPence)).padStart(16)} ${(u.distanceFromTarget === null ? "–" : `${u.distanceFromTarget >= 0 ? "+" : ""}${u.distanceFromTarget.toFixed(1)}%`).padStart(12)}`,
        );
      out.push(
        "",
        "Current: last year's spend on each unit's registered people, scaled to the same total as the budget.",
        `Targets add up to ${gbp(result.totals[formula] ?? 0)}. ${result.remainderRule}`,
        "",
      );
      out.push(
        `Out-of-time R² (fitted on people as at ${report.trainedAt} and their cost in the next 12 months; tested on people as at ${report.validatedAt} and their cost in the 12 months to ${asOf}):`,
      );
      // A formula that explains nothing prints 0.000, not -0.000.
      const r2 = (x: number) => (Math.abs(x) < 0.0005 ? 0 : x).toFixed(3);
      for (const v of validation)
        out.push(
          `  ${v.name.padEnd(50)} practice ${r2(v.r2Practice).padStart(6)}   person ${r2(v.r2Person).padStart(6)}`,
        );
      process.stdout.write(`${out.join("\n")}\n`);
      return 0;
    } finally {
      wh.close();
    }
  },
};
