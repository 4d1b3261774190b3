// The shipped example library: every example is a valid definition, and its compiled SQL
// is a reviewed golden file for DuckDB and Trino.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { duckdb, trino } from "@bevan/engine";
import { expect, it } from "vitest";
import { compileCohort, scoresUsed } from "../src/cohort/compile.ts";
import { validateCohort } from "../src/cohort/validate.ts";

export const EXAMPLES_DIR = join(import.meta.dirname, "..", "examples");
const GOLDEN = join(import.meta.dirname, "golden", "examples");
const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".json"));

it("ships the example library, six answerable now and four needing score tables", () => {
  const needScores = files.filter((f) => {
    const def = validateCohort(JSON.parse(readFileSync(join(EXAMPLES_DIR, f), "utf8")), f);
    return scoresUsed(def.criteria).length > 0;
  });
  expect(files).toHaveLength(10);
  expect(needScores.sort()).toEqual([
    "bin-collection-efi-frailty.json",
    "high-mortality-not-palliative.json",
    "learning-disability-high-admission-risk.json",
    "ndh-high-qdiabetes.json",
  ]);
});

for (const file of files) {
  it(`${file}: golden SQL for DuckDB and Trino`, () => {
    const def = validateCohort(JSON.parse(readFileSync(join(EXAMPLES_DIR, file), "utf8")), file);
    for (const dialect of [duckdb, trino]) {
      const q = compileCohort(def, { dialect, asOf: "2026-03-31" });
      const text = `${q.sql}\n-- params: ${JSON.stringify(q.params)}\n`;
      const path = join(GOLDEN, file.replace(".json", `.${dialect.name}.sql`));
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(path, text);
      }
      expect(text).toBe(readFileSync(path, "utf8"));
    }
  });
}
