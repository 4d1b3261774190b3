// `bevan cohort run|explain|timeline FILE.json`: run a cohort definition on a warehouse, or
// print the SQL it compiles to. Definitions are validated against the published schema first.
import { readFileSync } from "node:fs";
import { duckdb, trino } from "@bevan/engine";
import {
  BREAKDOWN_DIMENSIONS,
  type CohortDefinition,
  type Criterion,
  cohortTimeline,
  compileCohort,
  dataVersion,
  runCohort,
  validateCohort,
} from "@bevan/query";
import { type Command, dateOption } from "../command.ts";
import { exists } from "../config.ts";
import { ENGINE_OPTION, openTarget } from "../engine-option.ts";
import { UsageError } from "../errors.ts";

const SUBCOMMANDS = ["run", "explain", "timeline"] as const;

function readDefinition(file: string | undefined): CohortDefinition {
  if (!file) throw new UsageError("give a cohort definition file: bevan cohort run FILE.json --db FILE");
  if (!exists(file)) throw new UsageError(`no cohort definition at ${file}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const def = validateCohort(parsed, file);
  if (usesSavedCohorts(def.criteria))
    throw new UsageError(
      `${file} refers to saved cohorts; the CLI runs self-contained definitions (saved cohorts are resolved by the API)`,
    );
  return def;
}

function usesSavedCohorts(node: Criterion): boolean {
  if (node.kind === "saved_cohort") return true;
  if (node.kind === "and" || node.kind === "or") return node.of.some(usesSavedCohorts);
  if (node.kind === "not") return usesSavedCohorts(node.of);
  return false;
}

export const cohortCommand: Command = {
  name: "cohort",
  summary: "Run a cohort definition (JSON) on a warehouse, or print the SQL it compiles to.",
  usage: "bevan cohort run|explain|timeline FILE.json [--db FILE | --engine URL] [--as-of DATE] [--json]",
  options: {
    db: { type: "string", description: "Warehouse file (run, timeline).", placeholder: "FILE" },
    engine: ENGINE_OPTION,
    "as-of": {
      type: "string",
      description: "Evaluation date (default: the build's as-of date).",
      placeholder: "DATE",
    },
    members: { type: "boolean", description: "run: include the members' pseudonymous ids." },
    json: { type: "boolean", description: "Print JSON." },
    dialect: {
      type: "string",
      description: "explain: duckdb, trino or both.",
      default: "duckdb",
      placeholder: "NAME",
    },
    from: { type: "string", description: "timeline: first month (YYYY-MM-DD).", placeholder: "DATE" },
    to: {
      type: "string",
      description: "timeline: last month (default: the as-of date).",
      placeholder: "DATE",
    },
  },
  examples: [
    "bevan cohort run packages/query/examples/learning-disability.json --db data/demo/warehouse.duckdb --json",
    "bevan cohort explain packages/query/examples/clozapine-secondary-care-only.json --dialect both",
    "bevan cohort timeline packages/query/examples/learning-disability.json --db data/demo/warehouse.duckdb --from 2025-04-01",
  ],
  async run(values, positionals) {
    const [sub, file, ...extra] = positionals;
    if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub))
      throw new UsageError(`say what to do: bevan cohort ${SUBCOMMANDS.join("|")} FILE.json`);
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
    const def = readDefinition(file);
    const asOf = dateOption(values, "as-of");
    if (sub === "explain") return explain(def, String(values.dialect), asOf, Boolean(values.json));
    const wh = await openTarget(values, "cohort", { readOnly: true });
    try {
      if (sub === "timeline") {
        const from = dateOption(values, "from");
        if (!from) throw new UsageError("--from is required for a timeline, e.g. --from 2025-04-01");
        const to = dateOption(values, "to") ?? asOf ?? (await dataVersion(wh)).buildAsOf;
        const points = await cohortTimeline(wh, def, from, to);
        if (values.json)
          process.stdout.write(`${JSON.stringify({ name: def.name, timeline: points }, null, 2)}\n`);
        else
          process.stdout.write(
            `${def.name}\n${points.map((p) => `${p.asOf}  ${String(p.count).padStart(8)}`).join("\n")}\n`,
          );
        return 0;
      }
      const result = await runCohort(wh, def, {
        ...(asOf ? { asOf } : {}),
        members: Boolean(values.members),
      });
      if (values.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return 0;
      }
      const lines = [
        `${def.name}: ${result.count.toLocaleString("en-GB")} people at ${result.asOf} (build as of ${result.data.buildAsOf})`,
      ];
      for (const d of BREAKDOWN_DIMENSIONS) {
        const rows = result.breakdowns[d];
        lines.push("", `By ${d.replace("_", " ")}:`);
        for (const r of rows)
          lines.push(`  ${(r.value ?? "unknown").padEnd(14)} ${String(r.count).padStart(8)}`);
      }
      if (result.members)
        lines.push("", `Members (${result.members.length}):`, ...result.members.map((m) => `  ${m}`));
      lines.push(
        "",
        "Counts are unsuppressed: apply small-number suppression before sharing outside direct care.",
      );
      process.stdout.write(`${lines.join("\n")}\n`);
      return 0;
    } finally {
      wh.close();
    }
  },
};

function explain(def: CohortDefinition, dialect: string, asOf: string | undefined, json: boolean): number {
  const dialects =
    dialect === "both"
      ? [duckdb, trino]
      : dialect === "trino"
        ? [trino]
        : dialect === "duckdb"
          ? [duckdb]
          : null;
  if (!dialects) throw new UsageError(`--dialect must be duckdb, trino or both (got '${dialect}')`);
  // Without --as-of the date is shown as a named placeholder: it is bound when the query runs.
  const date = asOf ?? "AS_OF";
  const compiled = dialects.map((d) => compileCohort(def, { dialect: d, asOf: date }));
  if (json) {
    process.stdout.write(`${JSON.stringify(compiled, null, 2)}\n`);
    return 0;
  }
  for (const q of compiled) {
    process.stdout.write(
      `-- ${def.name}: ${q.dialect}\n${q.sql};\n-- params (in order): ${JSON.stringify(q.params)}\n\n`,
    );
  }
  return 0;
}
