// The business case's baseline cells against plain SQL on the shared warehouse's costed
// activity: the members come from the cohort language (tested on its own), the sums over
// person_cost and hospital_spell are written out here by hand.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Warehouse } from "@bevan/engine";
import { addMonthsIso, cohortMembers, dataVersion, validateCohort } from "@bevan/query";
import { describe, expect, inject, it } from "vitest";
import { REPO_ROOT } from "../../../test/paths.ts";
import { scoredDemo } from "../../../test/scored-demo.ts";
import { baselineInputs, cohortBaselineCells, exactFigures } from "../src/index.ts";

const cohortFile = (f: string) =>
  validateCohort(
    JSON.parse(readFileSync(join(REPO_ROOT, "packages", "finance", "examples", "cohorts", f), "utf8")),
  );

async function plain(wh: Warehouse, ids: string[], year: number, pods: string[]) {
  if (ids.length === 0) return { events: 0, cost: 0, people: 0 };
  const r = await wh.one<{ events: number | bigint | null; cost: number | null; people: number | bigint }>(
    `SELECT sum(activity) AS events, sum(cost) AS cost, count(DISTINCT person_id) AS people FROM person_cost
     WHERE year = ${year} AND point_of_delivery IN (${pods.map((p) => `'${p}'`).join(", ")})
       AND CAST(person_id AS VARCHAR) IN (${ids.map((i) => `'${i}'`).join(", ")})`,
  );
  return { events: Number(r.events ?? 0), cost: Number(r.cost ?? 0), people: Number(r.people) };
}

describe("cohort baseline", () => {
  it("older people with recurrent admissions: now and as chosen a year before, by plain SQL", async () => {
    const { db } = inject("demo");
    const wh = await Warehouse.open(db, { readOnly: true });
    try {
      const def = cohortFile("older-people-recurrent-admissions.json");
      const { buildAsOf } = await dataVersion(wh);
      const cells = await cohortBaselineCells(wh, def, buildAsOf, await wh.tableExists("person_cost"));
      const now = await cohortMembers(wh, def, buildAsOf);
      const before = await cohortMembers(wh, def, addMonthsIso(buildAsOf, -12));
      expect(now.length).toBeGreaterThan(20);
      expect(cells.now.people.n).toBe(now.length);
      expect(cells.yearBefore?.people.n).toBe(before.length);
      for (const [cohort, ids] of [
        [cells.now, now],
        [cells.yearBefore, before],
      ] as const)
        for (const y of [0, 1] as const) {
          const adm = await plain(wh, ids, y, ["emergency_admission"]);
          expect(cohort?.years[y].events.admissions.n).toBe(adm.events);
          expect(cohort?.years[y].events.admissions.people).toBe(adm.people);
          expect(cohort?.years[y].cost.admissions.total).toBeCloseTo(adm.cost, 6);
          const op = await plain(wh, ids, y, ["outpatient_first", "outpatient_follow_up"]);
          expect(cohort?.years[y].events.outpatient.n).toBe(op.events);
          expect(cohort?.years[y].cost.outpatient.total).toBeCloseTo(op.cost, 6);
          const ae = await plain(wh, ids, y, ["ae"]);
          expect(cohort?.years[y].events.ae.n).toBe(ae.events);
        }
      // Bed days in the year after the earlier choice: nights after emergency admissions.
      const beds = await wh.one<{ n: number | bigint | null }>(
        `SELECT sum(length_of_stay) AS n FROM hospital_spell WHERE admission_method = 'emergency'
           AND admission_date > DATE '${addMonthsIso(buildAsOf, -12)}' AND admission_date <= DATE '${buildAsOf}'
           AND CAST(person_id AS VARCHAR) IN (${before.map((i) => `'${i}'`).join(", ")})`,
      );
      expect(cells.yearBefore?.years[0].bedDays.total).toBe(Number(beds.n ?? 0));

      // The inputs are ratios of those figures; chosen on 2+ admissions, the cohort regresses.
      const b = baselineInputs(exactFigures(cells));
      const adm0 = await plain(wh, before, 0, ["emergency_admission"]);
      const adm1 = await plain(wh, before, 1, ["emergency_admission"]);
      expect(b.fromCohort.size).toBe(now.length);
      expect(b.fromCohort["baseline.admissionsPerPerson"]).toBeCloseTo(adm0.events / before.length, 12);
      expect(b.fromCohort["baseline.costPerAdmission"]).toBeCloseTo(adm0.cost / adm0.events, 6);
      expect(b.fromCohort.growth).toBeCloseTo(now.length / before.length - 1, 12);
      expect(b.regression?.selectionYear).toBeCloseTo(adm1.events / before.length, 12);
      expect(b.regression?.selectionYear).toBeGreaterThanOrEqual(2);
      expect(b.regression?.change).toBeLessThan(0);
    } finally {
      wh.close();
    }
  });

  it("a cohort chosen on scores is not evaluated a year before: the baseline is its last year, and says why", async () => {
    const { db } = await scoredDemo(inject("demo"));
    const wh = await Warehouse.open(db, { readOnly: true });
    try {
      const { buildAsOf } = await dataVersion(wh);
      const cells = await cohortBaselineCells(wh, cohortFile("very-high-risk-tier.json"), buildAsOf, true);
      expect(cells.yearBefore).toBeNull();
      const b = baselineInputs(exactFigures(cells));
      expect(b.from).toBe("last-year");
      expect(b.regression).toBeNull();
      expect(b.notes[0]).toContain("admission_risk");
    } finally {
      wh.close();
    }
  });
});
