// The example library against the shared 20,000-person synthetic warehouse: each example's
// members equal those of hand-written SQL for the same question (written independently
// of the compiler, with literal dates). Score examples run against a copy of the warehouse
// with a person_score table this test creates, standing in for issues 5 and 6.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { compileCohort } from "../src/cohort/compile.ts";
import { cohortMembers, runCohort } from "../src/cohort/execute.ts";
import { personScoreDdl, ScoresNotBuiltError } from "../src/cohort/score-contract.ts";
import { validateCohort } from "../src/cohort/validate.ts";
import { AS_OF, HAND, load, REGISTERED } from "./support/hand-sql.ts";

let wh: Warehouse;
beforeAll(async () => {
  wh = await Warehouse.open(inject("demo").db, { readOnly: true });
});
afterAll(() => wh.close());

async function ids(sql: string): Promise<string[]> {
  const rows = await wh.json<{ person_id: string }>(`SELECT person_id FROM (${sql}) ORDER BY person_id`);
  return rows.map((r) => String(r.person_id));
}

describe("example library on the 20,000-person synthetic warehouse", () => {
  for (const [name, hand] of Object.entries(HAND)) {
    it(`${name}: the same people as hand-written SQL`, async () => {
      const def = load(name);
      const members = await cohortMembers(wh, def, AS_OF);
      const expected = await ids(hand(def));
      expect(expected.length, "the synthetic population plants people for every example").toBeGreaterThan(0);
      expect(members).toEqual(expected);
    });
  }

  it("the learning disability register's size matches the build's register table", async () => {
    const result = await runCohort(wh, load("learning-disability"));
    const reg = await wh.one<{ n: bigint }>(
      "SELECT count(*) AS n FROM register r JOIN person_asof p USING (person_id) WHERE r.register = 'LD' AND p.registered",
    );
    expect(result.count).toBe(Number(reg.n));
    expect(result.breakdowns.sex.reduce((a, r) => a + r.count, 0)).toBe(result.count);
    expect(result.data.buildAsOf).toBe(AS_OF);
  });

  it("at the build's as-of date, reading person_asof gives the same people as recomputing status", async () => {
    for (const name of Object.keys(HAND)) {
      const def = load(name);
      const run = async (buildAsOf?: string) => {
        const q = compileCohort(def, {
          dialect: wh.dialect,
          asOf: AS_OF,
          ...(buildAsOf ? { buildAsOf } : {}),
        });
        return (
          await wh.json<{ person_id: string }>(`SELECT person_id FROM (${q.sql}) ORDER BY 1`, [...q.params])
        ).map((r) => r.person_id);
      };
      expect(await run(AS_OF), name).toEqual(await run());
    }
  });

  it("score examples fail clearly on a warehouse without the person_score table", async () => {
    await expect(runCohort(wh, load("ndh-high-qdiabetes"))).rejects.toThrow(ScoresNotBuiltError);
    await expect(runCohort(wh, load("ndh-high-qdiabetes"))).rejects.toThrow(
      /uses qdiabetes, which this warehouse has not scored for 2026-03-31: run `bevan build --db .*warehouse\.duckdb` to compute the clinical scores/,
    );
  });
});

describe("score examples against a person_score table this test creates", () => {
  let dir: string;
  let copy: Warehouse;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "bevan-scores-"));
    copyFileSync(inject("demo").db, join(dir, "w.duckdb"));
    copy = await Warehouse.open(join(dir, "w.duckdb"));
    await copy.exec(personScoreDdl());
    // Stand-in scores, deterministic in the person key: not clinical values.
    await copy.exec(`INSERT INTO person_score
      SELECT person_id, 'qdiabetes', CAST(person_id % 200 AS DOUBLE) / 10, NULL FROM person_asof
      UNION ALL SELECT person_id, 'admission_risk', NULL, CASE WHEN person_id % 7 = 0 THEN 'high' ELSE 'low' END FROM person_asof
      UNION ALL SELECT person_id, 'mortality_risk', NULL, CASE WHEN person_id % 5 = 0 THEN 'high' ELSE 'low' END FROM person_asof
      UNION ALL SELECT person_id, 'efi', NULL, CASE WHEN person_id % 3 = 0 THEN 'moderate' ELSE 'fit' END FROM person_asof`);
  });
  afterAll(() => {
    copy.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const cases: Record<string, string> = {
    "ndh-high-qdiabetes": `${REGISTERED} AND person_id IN (SELECT person_id FROM register WHERE register = 'NDH') AND person_id NOT IN (SELECT person_id FROM register WHERE register = 'DM') AND person_id % 200 >= 100`,
    "learning-disability-high-admission-risk": `${REGISTERED} AND learning_disability AND person_id % 7 = 0`,
    "high-mortality-not-palliative": `${REGISTERED} AND person_id % 5 = 0 AND person_id NOT IN (SELECT person_id FROM register WHERE register = 'PC')`,
    "bin-collection-efi-frailty": `${REGISTERED} AND person_id % 3 = 0 AND person_id IN (SELECT person_id FROM social_care_service WHERE service_type = 'assisted_bin_collection' AND start_date <= DATE '${AS_OF}' AND (end_date IS NULL OR end_date > DATE '2025-03-31'))`,
  };
  it("a score the table lacks (a build with --no-risk) fails with the fix instead of finding nobody", async () => {
    const def = validateCohort({
      kind: "cohort",
      language: 1,
      name: "Frail, in a risk segment",
      population: "registered",
      criteria: {
        kind: "and",
        of: [
          { kind: "score", score: "efi", bands: ["moderate"] },
          { kind: "score", score: "segment", bands: ["frailty"] },
        ],
      },
    });
    const run = runCohort(copy, def);
    await expect(run).rejects.toThrow(ScoresNotBuiltError);
    await expect(run).rejects.toThrow(
      /^this cohort uses segment, which this warehouse has not scored for 2026-03-31: run `bevan build --db .*w\.duckdb` without --no-risk$/,
    );
    await expect(cohortMembers(copy, def, AS_OF)).rejects.toThrow(ScoresNotBuiltError);
  });
  for (const [name, sql] of Object.entries(cases)) {
    it(`${name}: the same people as hand-written SQL`, async () => {
      const members = await cohortMembers(copy, load(name), AS_OF);
      const rows = await copy.json<{ person_id: string }>(
        `SELECT person_id FROM (${sql}) ORDER BY person_id`,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(members).toEqual(rows.map((r) => String(r.person_id)));
    });
  }
});
