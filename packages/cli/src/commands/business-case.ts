// `bevan business-case run CASE.json [--db FILE] [--json]`: a business case for an
// intervention as ranges — the seeded Monte Carlo of net savings, discounted per the Green
// Book. A case gives its cohort's size and baseline directly, or names a cohort (a
// cohort-language file or an inline definition) whose baseline is taken from the warehouse's
// costed activity. The formats are in docs/business-cases.md.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  type BusinessCase,
  type BusinessCaseResult,
  describeValue,
  type InputUnit,
  runBusinessCase,
  validateBusinessCase,
} from "@bevan/finance";
import type { CohortBaseline } from "@bevan/finance-query";
import type { CohortDefinition } from "@bevan/query";
import { type Command, intOption } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";

function readJson(file: string, what: string): unknown {
  if (!exists(file)) throw new UsageError(`no ${what} at ${file}`);
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** The case's cohort, validated (the cohort language and the warehouse load only for such a case). */
async function cohortOf(c: BusinessCase, caseFile: string): Promise<CohortDefinition | null> {
  if (!c.cohort) return null;
  if (c.cohort.saved)
    throw new UsageError(
      "the case names a saved cohort; the command line runs cohort files and inline definitions (saved cohorts are run by the web app and the API)",
    );
  const { validateCohort } = await import("@bevan/query");
  if (c.cohort.file) {
    const file = resolve(dirname(caseFile), c.cohort.file);
    return validateCohort(readJson(file, "cohort definition"), file);
  }
  return validateCohort(c.cohort.definition, "the case's cohort");
}

const money = (x: number) => `${x < 0 ? "−" : ""}£${Math.round(Math.abs(x)).toLocaleString("en-GB")}`;
const pct = (x: number) => `${x < 0 ? "−" : ""}${Math.abs(Math.round(100 * x))}%`;
const FORMAT: Record<InputUnit, (x: number) => string> = {
  people: (x) => Math.round(x).toLocaleString("en-GB"),
  share: (x) => `${Number((100 * x).toPrecision(3))}%`,
  rate: (x) => String(Number(x.toPrecision(3))),
  pounds: (x) => `£${Number(x.toPrecision(4)).toLocaleString("en-GB")}`,
  days: (x) => `${Number(x.toPrecision(3))} days`,
  years: (x) => `${Number(x.toPrecision(3))} years`,
};

function text(r: BusinessCaseResult, baseline: CohortBaseline | null): string[] {
  const lines = [
    `${r.name}: ${r.runs.toLocaleString("en-GB")} runs over ${r.years} years (seed ${r.seed}), discounted at ${(100 * r.discountRate).toFixed(1)}% a year`,
    "",
  ];
  if (baseline) {
    const rm = baseline.regression;
    lines.push(
      `Baseline from the warehouse (as of ${baseline.asOf}; ${baseline.from === "following-year" ? "what such a cohort did in the year after it was chosen" : "the cohort's last year"}):`,
    );
    if (rm && rm.selectionYear !== null && rm.followingYear !== null)
      lines.push(
        `  Regression to the mean: people chosen on ${rm.chosenAt} had ${rm.selectionYear.toFixed(2)} emergency admissions each in the year before and ${rm.followingYear.toFixed(2)} in the year after (${rm.change === null ? "–" : pct(rm.change)}) with no intervention.`,
      );
    for (const n of baseline.notes) lines.push(`  ${n}`);
    lines.push("");
  }
  lines.push("Net savings, discounted (P10 / P50 / P90; mean):");
  for (const y of r.byYear)
    lines.push(
      `  Year ${y.year}: ${money(y.p10)} / ${money(y.p50)} / ${money(y.p90)}; mean ${money(y.mean)}   cumulative P50 ${money(y.cumulative.p50)}`,
    );
  lines.push(
    `  Over ${r.years} years: ${money(r.cumulative.p10)} / ${money(r.cumulative.p50)} / ${money(r.cumulative.p90)}; mean ${money(r.cumulative.mean)}`,
    "",
    `Chance of breaking even: ${pct(r.probabilityPositive)}`,
    `Reduction in emergency admissions needed to break even: ${r.breakEven.effect === null ? "none up to 100%" : pct(r.breakEven.effect)}`,
    `Emergency admissions avoided: ${Math.round(r.activityAvoided.admissions.p50).toLocaleString("en-GB")} (P10 ${Math.round(r.activityAvoided.admissions.p10).toLocaleString("en-GB")}, P90 ${Math.round(r.activityAvoided.admissions.p90).toLocaleString("en-GB")}); bed days ${Math.round(r.activityAvoided.bedDays.p50).toLocaleString("en-GB")}`,
  );
  if (r.tornado.length) {
    lines.push("", "What drives the uncertainty (net savings with the input at its P10 and P90):");
    for (const t of r.tornado.slice(0, 8))
      lines.push(`  ${t.label.padEnd(48)} ${money(t.atLow).padStart(12)} to ${money(t.atHigh)}`);
  }
  lines.push("", "Inputs:");
  for (const i of r.inputs.filter((x) => x.source !== "default"))
    lines.push(
      `  ${i.label}: ${describeValue(i.value, FORMAT[i.unit])}${i.source === "cohort" ? " (from the data)" : ""}`,
    );
  for (const w of r.warnings) lines.push(`Note: ${w}`);
  return lines;
}

export const businessCaseCommand: Command = {
  name: "business-case",
  summary: "Run a business case for an intervention as ranges (Monte Carlo, Green Book discounting).",
  usage: "bevan business-case run CASE.json [--db FILE] [--runs N] [--seed S] [--json]",
  options: {
    db: {
      type: "string",
      description: "Warehouse file (built), for a case that names a cohort.",
      placeholder: "FILE",
    },
    runs: {
      type: "string",
      description: "Monte Carlo runs (default: the case's, else 10,000).",
      placeholder: "N",
    },
    seed: { type: "string", description: "Random seed (default: the case's, else 1).", placeholder: "S" },
    json: { type: "boolean", description: "Print JSON (cumulative, byYear, probabilityPositive, …)." },
  },
  examples: [
    "bevan business-case run packages/finance/examples/structured-education.json --json",
    "bevan business-case run packages/finance/examples/proactive-care-very-high-risk.json --db data/warehouse.duckdb",
  ],
  async run(values, positionals) {
    const [sub, file] = positionals;
    if (sub !== "run" || !file)
      throw new UsageError("usage: bevan business-case run CASE.json [--db FILE] [--json]");
    let c = validateBusinessCase(readJson(file, "business case"));
    if (values.runs !== undefined) c = { ...c, runs: intOption(values, "runs", 1, 100_000) };
    if (values.seed !== undefined) c = { ...c, seed: intOption(values, "seed", 0, 4294967295) };
    const def = await cohortOf(c, file);
    let baseline: CohortBaseline | null = null;
    if (def) {
      if (!values.db)
        throw new UsageError(
          "the case names a cohort: give the warehouse to take its baseline from (--db FILE)",
        );
      const { dataVersion } = await import("@bevan/query");
      const { baselineInputs, cohortBaselineCells, exactFigures } = await import("@bevan/finance-query");
      const { openTarget } = await import("../engine-option.ts");
      const wh = await openTarget(values, "business-case", { readOnly: true });
      try {
        const data = await dataVersion(wh);
        const cells = await cohortBaselineCells(wh, def, data.buildAsOf, await wh.tableExists("person_cost"));
        baseline = baselineInputs(exactFigures(cells), c.baselineFrom ?? "following-year");
      } finally {
        await wh.close();
      }
    }
    const result = runBusinessCase(c, baseline ? { fromCohort: baseline.fromCohort } : {});
    process.stdout.write(
      values.json
        ? `${JSON.stringify(baseline ? { ...result, baseline } : result, null, 2)}\n`
        : `${text(result, baseline).join("\n")}\n`,
    );
    return 0;
  },
};
