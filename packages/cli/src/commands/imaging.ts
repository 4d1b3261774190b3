// `bevan imaging`: the diagnostic imaging network from the command line — the DM01-style census,
// the weekly demand forecast (with its back-test), a scenario's Monte Carlo, mutual aid on a
// plain network description (or on the warehouse's network), and loading published DM01
// returns. Every subcommand has --json; the formats are in docs/diagnostics.md.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { planMutualAid, validateNetwork, validateScenario } from "@bevan/diagnostics";
import {
  censusFigures,
  DM01_FOLDER,
  forecastReport,
  imagingCensus,
  loadDm01Returns,
  MODALITY_NAME,
  networkNow,
  publishedReturns,
  SHARED_DM01_FILES,
  simulateScenario,
} from "@bevan/diagnostics-query";
import { Warehouse } from "@bevan/engine";
import { asOfDate, ScopedWarehouse } from "@bevan/query";
import { type Command, intOption, requireString } from "../command.ts";
import { exists, sharedDataDir } from "../config.ts";
import { UsageError } from "../errors.ts";

const SUBCOMMANDS = ["census", "forecast", "simulate", "mutual-aid", "returns"] as const;

async function openNetwork(db: string, write = false) {
  if (!exists(db))
    throw new UsageError(`no warehouse at ${db}: create one with \`bevan ingest\` and \`bevan build\``);
  const wh = await Warehouse.open(db, { readOnly: !write });
  const icbs = await wh.all<{ org_code: string }>("SELECT org_code FROM organisation WHERE org_type = 'icb'");
  const sw = new ScopedWarehouse(wh, {
    grants: icbs.map((r) => ({ level: "icb" as const, code: r.org_code })),
  });
  return { wh, sw };
}

async function builtAsOf(sw: ScopedWarehouse): Promise<string> {
  const asOf = await asOfDate(sw);
  if (!asOf) throw new UsageError("the warehouse has not been built: run `bevan build --db FILE` first");
  return asOf;
}

const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)}%`);
const num = (x: number) => x.toLocaleString("en-GB");
const print = (values: Record<string, unknown>, json: unknown, text: () => string[]) =>
  process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text().join("\n")}\n`);

export const imagingCommand: Command = {
  name: "imaging",
  summary:
    "Diagnostic imaging: `imaging census|forecast|simulate|mutual-aid|returns` (waiting lists, 6-week standard).",
  usage:
    "bevan imaging census --db FILE [--month YYYY-MM] [--by trust|site|modality] [--json]\n" +
    "       bevan imaging forecast --db FILE --weeks N [--seed S] [--json]\n" +
    "       bevan imaging simulate --db FILE --scenario FILE.json --runs N --seed S [--json]\n" +
    "       bevan imaging mutual-aid (--in NETWORK.json | --db FILE --max-travel MINUTES [--network-out FILE]) [--json]\n" +
    "       bevan imaging returns --db FILE [PATH...] [--period YYYY-MM]",
  options: {
    db: { type: "string", description: "Warehouse file (built).", placeholder: "FILE" },
    month: {
      type: "string",
      description: "census: the month (default: the as-of date's month).",
      placeholder: "YYYY-MM",
    },
    by: {
      type: "string",
      description: "census: trust, site or modality.",
      default: "trust",
      placeholder: "DIM",
    },
    weeks: { type: "string", description: "forecast: weeks ahead.", default: "26", placeholder: "N" },
    scenario: {
      type: "string",
      description: "simulate: the scenario (packages/diagnostics/scenario.schema.json).",
      placeholder: "FILE",
    },
    runs: { type: "string", description: "simulate: Monte Carlo runs.", default: "1000", placeholder: "N" },
    seed: { type: "string", description: "forecast, simulate: seed.", default: "1", placeholder: "S" },
    in: {
      type: "string",
      description: "mutual-aid: a network description (mutual-aid-network.schema.json).",
      placeholder: "FILE",
    },
    "max-travel": {
      type: "string",
      description: "mutual-aid from --db: longest journey in minutes.",
      default: "45",
      placeholder: "MIN",
    },
    "network-out": {
      type: "string",
      description: "mutual-aid from --db: also write the network description here.",
      placeholder: "FILE",
    },
    period: {
      type: "string",
      description: "returns: the month the files describe, when they do not say.",
      placeholder: "YYYY-MM",
    },
    json: { type: "boolean", description: "Print JSON." },
  },
  examples: [
    "bevan imaging census --db data/warehouse.duckdb",
    "bevan imaging forecast --db data/warehouse.duckdb --weeks 26 --json",
    "bevan imaging simulate --db data/warehouse.duckdb --scenario docs/examples/imaging-scenario.json --runs 1000 --seed 1",
    "bevan imaging mutual-aid --in docs/examples/imaging-network.json --json",
  ],
  async run(values, positionals) {
    const sub = positionals[0] as (typeof SUBCOMMANDS)[number] | undefined;
    if (!sub || !SUBCOMMANDS.includes(sub))
      throw new UsageError(`say what to do: bevan imaging ${SUBCOMMANDS.join("|")} (see --help)`);
    if (sub === "mutual-aid") return mutualAid(values);
    const db = requireString(values, "db", `imaging ${sub}`);
    if (sub === "returns") return returns(db, positionals.slice(1), values);
    const { wh, sw } = await openNetwork(db);
    try {
      const asOf = await builtAsOf(sw);
      if (sub === "census") return await census(sw, asOf, values);
      if (sub === "forecast") {
        const report = await forecastReport(sw, asOf, {
          weeks: intOption({ weeks: values.weeks }, "weeks", 1, 156),
          seed: intOption(values, "seed", 0, 2 ** 31 - 1),
        });
        print(values, report, () => [
          `Weekly demand forecast from the week of ${report.firstWeek} (requests joining each list: GP direct access and outpatients, not planned).`,
          "",
          "trust  modality                         last 13 wks/wk  next wk mean  80% interval   trend a year",
          ...report.lists.map((l) => {
            const last = l.history.slice(-13).reduce((a, b) => a + b, 0) / 13;
            return `${l.trust.padEnd(6)} ${(MODALITY_NAME[l.modality] ?? l.modality).padEnd(32)} ${last.toFixed(1).padStart(14)} ${(l.forecast.mean[0] ?? 0).toFixed(1).padStart(13)}  ${`${l.forecast.p10[0]}–${l.forecast.p90[0]}`.padStart(12)}   ${pct(l.forecast.model.trendPerYear).padStart(10)}`;
          }),
          "",
          `Back-test (forecasts made ${report.backtest.origins.join(" and ")} weeks before the data end, ${report.backtest.lists} lists with at least one request a week): the 80% interval held in ${pct(report.backtest.covered80)} of ${num(report.backtest.weeks)} weeks, the 95% interval in ${pct(report.backtest.covered95)}.`,
        ]);
        return 0;
      }
      const file = requireString(values, "scenario", "imaging simulate");
      const scenario = validateScenario(readJson(file));
      const runs = intOption(values, "runs", 1, 100_000);
      const result = await simulateScenario(sw, asOf, scenario, {
        runs,
        seed: intOption(values, "seed", 0, 2 ** 31 - 1),
      });
      print(values, result, () => {
        const net = result.series.find((s) => s.level === "network");
        const lines = [
          `Scenario "${scenario.name}": ${num(runs)} runs, seed ${result.seed}, from the week of ${result.firstWeek}.`,
          "",
        ];
        for (const s of result.series.filter((x) => x.level !== "list")) {
          lines.push(s.level === "network" ? "Network" : `Trust ${s.trust}`);
          lines.push("  month    waiting P10    P50    P90   % 6+ wks P10   P50   P90   baseline (run 0)");
          for (const p of s.points)
            lines.push(
              `  ${p.month}  ${[p.waiting.p10, p.waiting.p50, p.waiting.p90].map((x) => Math.round(x).toString().padStart(6)).join(" ")}   ${[p.over6Share.p10, p.over6Share.p50, p.over6Share.p90].map((x) => pct(x).padStart(6)).join("")}   ${Math.round(p.baseline.waiting)} waiting, ${pct(p.baseline.over6Share)} 6+`,
            );
        }
        if (net)
          lines.push(
            "",
            `Chance the network meets the 1% standard by ${net.points.at(-1)?.month}: ${pct(net.points.at(-1)?.meetsStandard ?? 0)}.`,
          );
        return lines;
      });
      return 0;
    } finally {
      wh.close();
    }
  },
};

function readJson(file: string): unknown {
  if (!exists(file)) throw new UsageError(`no file ${file}`);
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new UsageError(`${file} is not valid JSON`);
  }
}

async function census(
  sw: ScopedWarehouse,
  asOf: string,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const month = typeof values.month === "string" ? values.month : asOf.slice(0, 7);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new UsageError(`--month must be YYYY-MM (got '${month}')`);
  const by = String(values.by ?? "trust");
  if (!["trust", "site", "modality"].includes(by))
    throw new UsageError("--by must be trust, site or modality");
  const [rows, total, returns] = await Promise.all([
    imagingCensus(sw, { from: month, to: month, by: [by as "trust" | "site" | "modality"] }),
    imagingCensus(sw, { from: month, to: month, by: [] }),
    publishedReturns(sw),
  ]);
  const lines = rows.map((r) => ({
    group: r.trust ?? r.site ?? r.modality ?? "",
    ...censusFigures(r.weeks),
    weeks: r.weeks,
  }));
  const network = { group: "network", ...censusFigures(total[0]?.weeks ?? []), weeks: total[0]?.weeks ?? [] };
  const codes = new Set(rows.map((r) => r.trust));
  const latest = returns.filter((r) => codes.has(r.providerCode) && r.share6Plus !== null);
  print(values, { month, censusDate: monthEnd(month), by, rows: lines, network, published: latest }, () => [
    `DM01-style census at ${monthEnd(month)}: patients waiting for a DM01 imaging test (MRI, CT, non-obstetric ultrasound, DEXA, barium enema), planned tests left out. Standard: under 1% waiting 6+ weeks.`,
    "",
    `${by.padEnd(24)} waiting   6+ wks   % 6+   13+ wks   median wks   92nd centile wks`,
    ...[...lines, network].map(
      (l) =>
        `${(by === "modality" ? (MODALITY_NAME[l.group] ?? l.group) : l.group).padEnd(24)} ${num(l.waiting).padStart(7)} ${num(l.over6).padStart(8)} ${pct(l.waiting ? l.over6 / l.waiting : null).padStart(6)} ${num(l.over13).padStart(9)} ${(l.medianWeeks?.toFixed(1) ?? "–").padStart(12)} ${(l.p92Weeks?.toFixed(1) ?? "–").padStart(18)}`,
    ),
    ...(latest.length
      ? [
          "",
          "Published DM01 returns for these trusts (share waiting 6+ weeks, as published):",
          ...latest.map(
            (r) =>
              `  ${r.period}  ${r.providerCode}  ${r.providerName}: ${pct(r.share6Plus)} of ${r.waitingTotal === null ? "–" : num(r.waitingTotal)}`,
          ),
        ]
      : []),
  ]);
  return 0;
}

function monthEnd(month: string): string {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0))
    .toISOString()
    .slice(0, 10);
}

async function mutualAid(values: Record<string, string | boolean | undefined>): Promise<number> {
  let network: ReturnType<typeof validateNetwork>;
  if (typeof values.in === "string") network = validateNetwork(readJson(values.in));
  else if (typeof values.db === "string") {
    const { wh, sw } = await openNetwork(values.db);
    try {
      network = await networkNow(sw, await builtAsOf(sw), {
        maxTravelMinutes: intOption(values, "max-travel", 0, 600),
      });
    } finally {
      wh.close();
    }
    if (typeof values["network-out"] === "string")
      (await import("node:fs")).writeFileSync(values["network-out"], `${JSON.stringify(network, null, 2)}\n`);
  } else throw new UsageError("give the network: --in NETWORK.json, or --db FILE to use the warehouse's");
  const plan = await planMutualAid(network);
  // Sites by name where the description gives one (the warehouse's network does), else by code.
  const siteName = new Map(network.sites.map((s) => [s.code, s.name ?? s.code]));
  const site = (code: string) => siteName.get(code) ?? code;
  const width = Math.max(12, ...plan.transfers.flatMap((t) => [site(t.from).length, site(t.to).length]));
  const waited = (w: { min: number; max: number }) => (w.min === w.max ? `${w.min}` : `${w.min}–${w.max}`);
  print(
    values,
    {
      transfers: plan.transfers,
      breachesBefore: plan.breachesBefore,
      breachesAfter: plan.breachesAfter,
      trusts: plan.trusts,
      positions: plan.positions,
      horizonWeeks: plan.horizonWeeks,
      maxTravelMinutes: plan.maxTravelMinutes,
      solver: plan.solver,
    },
    () => [
      `Mutual aid over ${plan.horizonWeeks} weeks, journeys up to ${plan.maxTravelMinutes} minutes: ${num(plan.breachesBefore)} patients would be waiting 6+ weeks without it, ${num(plan.breachesAfter)} with it.`,
      "",
      ...(plan.transfers.length
        ? [
            `${"from".padEnd(width)} ${"to".padEnd(width)} modality  patients  minutes  waited (weeks)`,
            ...plan.transfers.map(
              (t) =>
                `${site(t.from).padEnd(width)} ${site(t.to).padEnd(width)} ${t.modality.padEnd(9)} ${String(t.patients).padStart(8)} ${String(t.minutes).padStart(8)}  ${waited(t.waitedWeeks)}`,
            ),
          ]
        : [
            "No transfer helps: no site with patients it cannot see in time has another within reach with spare capacity.",
          ]),
      "",
      "trust   gives  receives   % 6+ before   % 6+ after",
      ...plan.trusts.map(
        (t) =>
          `${t.trust.padEnd(7)} ${String(t.gives).padStart(5)} ${String(t.receives).padStart(9)} ${pct(t.shareBefore).padStart(13)} ${pct(t.shareAfter).padStart(12)}`,
      ),
    ],
  );
  return 0;
}

async function returns(
  db: string,
  paths: string[],
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const period = typeof values.period === "string" ? values.period : undefined;
  if (period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(period))
    throw new UsageError(`--period must be YYYY-MM (got '${period}')`);
  const files = (
    paths.length ? paths : SHARED_DM01_FILES.map((f) => join(sharedDataDir(), DM01_FOLDER, f))
  ).map((path) => {
    if (!exists(path)) throw new UsageError(`no file ${path}`);
    return { path, ...(period ? { period } : {}) };
  });
  if (!exists(db)) throw new UsageError(`no warehouse at ${db}`);
  const wh = await Warehouse.open(db);
  try {
    const loaded = await loadDm01Returns(wh, files);
    print(values, { loaded }, () =>
      loaded.map((l) => `${l.file}: ${num(l.rows)} provider rows loaded into dm01_return`),
    );
    return 0;
  } finally {
    wh.close();
  }
}
