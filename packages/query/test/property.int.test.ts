// Property test: for random small populations and random definitions, the compiled SQL run
// on DuckDB and the reference evaluator return the same people. 1,000 pairs in CI (250
// populations × 4 definitions, each population around a random as-of date; BEVAN_PROPERTY_RUNS populations
// to run more locally); the seed is fixed so failures reproduce and shrink.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Warehouse } from "@bevan/engine";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { compileCohort } from "../src/cohort/compile.ts";
import { evaluateCohort } from "../src/cohort/evaluate.ts";
import { validateCohort } from "../src/cohort/validate.ts";
import { AS_OF_DATES, definitionArb, populationAround } from "./support/arbitraries.ts";
import { loadPopulation, openScratchWarehouse } from "./support/load-population.ts";

const RUNS = Number(process.env.BEVAN_PROPERTY_RUNS ?? 250);
const PER_POPULATION = 4;

let dir: string;
let wh: Warehouse;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bevan-prop-"));
  wh = await openScratchWarehouse(join(dir, "prop.duckdb"));
});
afterAll(() => {
  wh.close();
  rmSync(dir, { recursive: true, force: true });
});

it(`DuckDB and the reference evaluator agree on ${RUNS * PER_POPULATION} random cohort/population pairs`, async () => {
  let pairs = 0;
  let nonEmpty = 0;
  let withCandidates = 0;
  await fc.assert(
    fc.asyncProperty(
      fc
        .constantFrom(...AS_OF_DATES)
        .chain((asOf) =>
          fc.tuple(
            fc.constant(asOf),
            populationAround(asOf),
            fc.array(definitionArb, { minLength: PER_POPULATION, maxLength: PER_POPULATION }),
          ),
        ),
      async ([asOf, pop, defs]) => {
        await loadPopulation(wh, pop);
        for (const def of defs) {
          validateCohort(def);
          const q = compileCohort(def, { dialect: wh.dialect, asOf });
          const rows = await wh.all<{ person_id: bigint }>(q.sql, [...q.params]);
          const fromSql = rows.map((r) => Number(r.person_id)).sort((a, b) => a - b);
          const fromOracle = evaluateCohort(def, pop, asOf);
          pairs++;
          if (q.sql.includes("cohort_candidates")) withCandidates++;
          if (fromOracle.length > 0) nonEmpty++;
          expect(fromSql).toEqual(fromOracle);
        }
      },
    ),
    { numRuns: RUNS, seed: 20260331, endOnFailure: true },
  );
  expect(pairs).toBe(RUNS * PER_POPULATION);
  // The generators are tuned so that a good share of cases select someone (not all empty).
  expect(nonEmpty / pairs).toBeGreaterThan(0.3);
  // Both compiled shapes are exercised: the plain one, and the one that finds the candidates
  // (cheap conjuncts that narrow the people) first and reads large record tables for them only
  // (44 of the 1,000 pairs with this seed).
  expect(withCandidates).toBeGreaterThanOrEqual(30);
  expect(withCandidates / pairs).toBeLessThan(0.5);
});
