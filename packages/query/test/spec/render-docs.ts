// Renders docs/cohort-language.md from the spec files and the schema, so the language
// reference is exactly what the tests check.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Population } from "../../src/cohort/population.ts";
import { COHORT_SCHEMA, CRITERION_KINDS } from "../../src/cohort/schema.ts";
import { SPECS } from "./all-specs.ts";
import { SPEC_AS_OF } from "./spec.ts";

const EXAMPLES = join(import.meta.dirname, "..", "..", "examples");

function table(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const cols = ["person_id", ...columns.filter((c) => c !== "person_id")];
  const has = rows.some((r) => "person_id" in r);
  const shown = has ? cols : columns;
  const cell = (v: unknown) =>
    v === null || v === undefined ? "—" : Array.isArray(v) ? v.join(" ") : String(v);
  return [
    `| ${shown.join(" | ")} |`,
    `| ${shown.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${shown.map((c) => cell(r[c])).join(" | ")} |`),
  ].join("\n");
}

export function renderLanguageDocs(): string {
  const defs = COHORT_SCHEMA.$defs as Record<string, { description?: string }>;
  const out: string[] = [
    "# The Bevan cohort language",
    "",
    "Generated from the spec tests (`packages/query/test/spec/`) and the schema by",
    "`UPDATE_GOLDEN=1 npx vitest run packages/query/test/language-docs.test.ts`; do not edit by hand.",
    "",
    "A cohort is a JSON document (schema: `packages/query/cohort.schema.json`): a `population`",
    "and `criteria`, a tree of nodes each tagged with its `kind`. It is validated, compiled to SQL",
    "for DuckDB (run) or Trino (rendered), and can be evaluated in memory by the reference",
    "evaluator; property tests hold the two to the same answers. Every example below is a test:",
    `each is evaluated at ${SPEC_AS_OF} unless it says otherwise, and the people listed are the`,
    "people both the SQL and the reference evaluator return.",
    "",
    "```json",
    JSON.stringify(
      {
        kind: "cohort",
        language: 1,
        name: "75+ on the diabetes register",
        population: "registered",
        criteria: {
          kind: "and",
          of: [
            { kind: "age", min: 75 },
            { kind: "register", register: "DM" },
          ],
        },
      },
      null,
      2,
    ),
    "```",
    "",
    "## Criteria",
    "",
    "| kind | meaning |",
    "| --- | --- |",
    ...CRITERION_KINDS.map((k) => `| \`${k}\` | ${defs[k]?.description ?? ""} |`),
    "",
  ];
  for (const { spec } of SPECS) {
    out.push(`## ${spec.title}`, "", spec.text, "");
    for (const [name, cols] of Object.entries(spec.show) as [keyof Population, readonly string[]][]) {
      const rows = spec.population[name] as readonly Record<string, unknown>[];
      if (rows.length === 0) continue;
      out.push(`\`${name}\`:`, "", table(rows, cols), "");
    }
    if (spec.saved) {
      out.push("Saved cohorts (version 1):", "");
      for (const [id, c] of Object.entries(spec.saved)) out.push(`- \`${id}\`: \`${JSON.stringify(c)}\``);
      out.push("");
    }
    for (const c of spec.cases) {
      const extra = [
        c.population === "everyone" ? 'population `"everyone"`' : "",
        c.asOf ? `as of ${c.asOf}` : "",
      ].filter(Boolean);
      out.push(
        `- **${c.name}**${extra.length ? ` (${extra.join(", ")})` : ""} → people ${c.expected.length ? c.expected.join(", ") : "none"}`,
        "",
        "  ```json",
        `  ${JSON.stringify(c.criteria)}`,
        "  ```",
        "",
      );
    }
  }
  out.push(
    "## Example library",
    "",
    "Shipped in `packages/query/examples/`; run one with `bevan cohort run FILE.json --db FILE`.",
    "",
    "| file | cohort | needs |",
    "| --- | --- | --- |",
  );
  for (const f of readdirSync(EXAMPLES)
    .filter((n) => n.endsWith(".json"))
    .sort()) {
    const def = JSON.parse(readFileSync(join(EXAMPLES, f), "utf8"));
    const scores = [...JSON.stringify(def).matchAll(/"kind":"score","score":"([a-z_0-9]+)"/g)].map(
      (m) => m[1],
    );
    out.push(
      `| \`${f}\` | ${def.name} | ${scores.length ? `the \`${scores.join(", ")}\` score (person_score table)` : "—"} |`,
    );
  }
  return `${out.join("\n")}\n`;
}
