// Spec tests, DuckDB side: the compiled SQL of every case gives the expected people.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileCohort } from "../src/cohort/compile.ts";
import { SPECS } from "./spec/all-specs.ts";
import { resolvedDefinition } from "./spec/definitions.ts";
import { SPEC_AS_OF } from "./spec/spec.ts";
import { loadPopulation, openScratchWarehouse } from "./support/load-population.ts";

let dir: string;
let wh: Warehouse;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bevan-spec-"));
  wh = await openScratchWarehouse(join(dir, "spec.duckdb"));
});
afterAll(() => {
  wh.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const { spec } of SPECS) {
  describe(`spec on DuckDB: ${spec.title}`, () => {
    for (const c of spec.cases) {
      it(c.name, async () => {
        await loadPopulation(wh, spec.population);
        const q = compileCohort(await resolvedDefinition(spec, c), {
          dialect: wh.dialect,
          asOf: c.asOf ?? SPEC_AS_OF,
        });
        const rows = await wh.all<{ person_id: bigint }>(q.sql, [...q.params]);
        expect(rows.map((r) => Number(r.person_id)).sort((a, b) => a - b)).toEqual(c.expected);
      });
    }
  });
}
