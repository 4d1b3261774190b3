// Spec tests, reference evaluator side: every case of every spec file gives the expected
// people; the compiled SQL of every case is a reviewed golden file per dialect.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { duckdb, trino } from "@bevan/engine";
import { describe, expect, it } from "vitest";
import { compileCohort } from "../src/cohort/compile.ts";
import { evaluateCohort } from "../src/cohort/evaluate.ts";
import { validateCohort } from "../src/cohort/validate.ts";
import { SPECS } from "./spec/all-specs.ts";
import { caseDefinition, resolvedDefinition } from "./spec/definitions.ts";
import { SPEC_AS_OF } from "./spec/spec.ts";

const GOLDEN = join(import.meta.dirname, "golden", "spec");

function golden(name: string, text: string) {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, text);
  }
  expect(text).toBe(readFileSync(path, "utf8"));
}

for (const { id, spec } of SPECS) {
  describe(`spec: ${spec.title}`, () => {
    spec.cases.forEach((c, i) => {
      it(`${c.name} (reference evaluator)`, async () => {
        validateCohort(JSON.parse(JSON.stringify(caseDefinition(c))));
        const def = await resolvedDefinition(spec, c);
        expect(evaluateCohort(def, spec.population, c.asOf ?? SPEC_AS_OF)).toEqual(c.expected);
      });
      it(`${c.name} (golden SQL, DuckDB and Trino)`, async () => {
        const def = await resolvedDefinition(spec, c);
        for (const dialect of [duckdb, trino]) {
          const q = compileCohort(def, { dialect, asOf: c.asOf ?? SPEC_AS_OF });
          golden(`${id}-${i + 1}.${dialect.name}.sql`, `${q.sql}\n-- params: ${JSON.stringify(q.params)}\n`);
        }
      });
    });
  });
}
