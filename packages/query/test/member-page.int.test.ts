// Member pages and attrition on the shared 20,000-person warehouse. Pages: every page of the
// list, put together, is the cohort's members (compiled separately by compileCohort), in the
// order asked for; filters give the members a filter written by hand selects; the "why"
// values are the ones hand-written SQL finds. Attrition: each step alone is the count of a
// cohort of that step only, and what is left after the last step is the cohort's count.
import { Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { attritionOn } from "../src/cohort/attrition.ts";
import { cohortMembers, countCohort } from "../src/cohort/execute.ts";
import type { CohortDefinition } from "../src/cohort/ir.ts";
import { memberPageOn, reasonColumns } from "../src/cohort/member-page.ts";
import { AS_OF, load } from "./support/hand-sql.ts";

let wh: Warehouse;
const at = { asOf: AS_OF, buildAsOf: AS_OF };
beforeAll(async () => {
  wh = await Warehouse.open(inject("demo").db, { readOnly: true });
});
afterAll(() => wh.close());

const older: CohortDefinition = {
  kind: "cohort",
  language: 1,
  name: "65+ with hypertension, emergency admissions and HbA1c",
  population: "registered",
  criteria: {
    kind: "and",
    of: [
      { kind: "age", min: 65 },
      { kind: "register", register: "HYP" },
      {
        kind: "or",
        of: [
          {
            kind: "hospital_activity",
            activity: "emergency_admission",
            atLeast: 1,
            window: {
              kind: "window",
              from: { kind: "offset", n: -24, unit: "months" },
              to: { kind: "offset", n: 0, unit: "days" },
            },
          },
          {
            kind: "latest_value",
            codes: { kind: "codelist", id: "gm-sde/hba1c" },
            op: ">",
            value: 0,
            window: { kind: "window", from: null, to: { kind: "offset", n: 0, unit: "days" } },
          },
        ],
      },
    ],
  },
};

describe("member pages", () => {
  it("pages put together are the members, in the order asked for, with the filtered total", async () => {
    const members = await cohortMembers(wh, older, AS_OF);
    expect(members.length).toBeGreaterThan(250);
    const seen: string[] = [];
    const ages: number[] = [];
    for (let offset = 0; ; offset += 100) {
      const p = await memberPageOn(wh, older, at, {
        sort: "age",
        desc: true,
        page: { limit: 100, offset },
        filters: {},
      });
      expect(p.total).toBe(members.length);
      if (p.rows.length === 0) break;
      seen.push(...p.rows.map((r) => r.personId));
      ages.push(...p.rows.map((r) => r.age));
    }
    expect([...seen].sort()).toEqual([...members].sort());
    expect(ages).toEqual([...ages].sort((a, b) => b - a));
  });

  it("filters select what a hand-written filter selects", async () => {
    const all = await memberPageOn(wh, older, at, { sort: "person", desc: false, page: null, filters: {} });
    const p = await memberPageOn(wh, older, at, {
      sort: "person",
      desc: false,
      page: null,
      filters: { sexes: ["F"], ageMin: 70, ageMax: 79, imdQuintiles: [1, 2] },
    });
    const expected = all.rows.filter(
      (r) => r.sex === "F" && r.age >= 70 && r.age <= 79 && r.imdQuintile !== null && r.imdQuintile <= 2,
    );
    expect(p.rows.map((r) => r.personId)).toEqual(expected.map((r) => r.personId));
    expect(p.total).toBe(expected.length);
  });

  it("the why values are the latest HbA1c and the emergency admissions hand-written SQL finds", async () => {
    const reasons = reasonColumns(older);
    expect(reasons.map((r) => r.node.kind)).toEqual(["register", "hospital_activity", "latest_value"]);
    const page = await memberPageOn(wh, older, at, {
      sort: "r2",
      desc: true,
      page: { limit: 40, offset: 0 },
      filters: {},
    });
    const values = page.rows.map((r) => r.reasons.r2?.value ?? null);
    expect(values.filter((v) => v !== null)).toEqual(
      values.filter((v) => v !== null).sort((a, b) => (b as number) - (a as number)),
    );
    for (const row of page.rows.slice(0, 15)) {
      const hand = await wh.json<{ value: number; event_date: string }>(
        `SELECT e.value, CAST(e.event_date AS VARCHAR) AS event_date FROM gp_event e
         JOIN codelist_code c ON c.code = e.code AND c.codelist_id = 'gm-sde/hba1c'
         WHERE e.person_id = ${row.personId} AND e.coding_system = 'snomedct' AND e.value IS NOT NULL AND e.event_date <= DATE '${AS_OF}'
         ORDER BY e.event_date DESC, e.value DESC LIMIT 1`,
      );
      expect(row.reasons.r2?.value ?? null).toBe(hand[0]?.value ?? null);
      expect(row.reasons.r2?.date ?? null).toBe(hand[0]?.event_date ?? null);
      const adm = await wh.json<{ n: number }>(
        `SELECT count(*) AS n FROM hospital_spell WHERE person_id = ${row.personId} AND admission_method = 'emergency'
         AND admission_date > DATE '2024-03-31' AND admission_date <= DATE '${AS_OF}'`,
      );
      expect(row.reasons.r1?.count ?? 0).toBe(Number(adm[0]?.n ?? 0));
    }
  });

  it("an offset past the end gives no rows and still the total", async () => {
    const p = await memberPageOn(wh, older, at, {
      sort: "person",
      desc: false,
      page: { limit: 10, offset: 1_000_000 },
      filters: {},
    });
    expect(p.rows).toEqual([]);
    expect(p.total).toBe((await cohortMembers(wh, older, AS_OF)).length);
  });
});

describe("attrition", () => {
  it("each step alone is that step's own cohort; the last step leaves the cohort", async () => {
    for (const def of [older, load("elderly-diabetes-polypharmacy"), load("deprived-multimorbidity")]) {
      const a = await attritionOn(wh, def, at);
      const whole = await countCohort(wh, def, at, []);
      expect(a.steps.at(-1)?.left.cell.n).toBe(whole.count);
      const everyone = await countCohort(wh, { ...def, criteria: { kind: "everyone" } }, at, []);
      expect(a.population.cell.n).toBe(everyone.count);
      for (const s of a.steps) {
        const alone = await countCohort(wh, { ...def, criteria: s.node }, at, []);
        expect(s.alone.cell.n).toBe(alone.count);
        expect(s.alone.cell.key).toBe(alone.key);
      }
      const left = a.steps.map((s) => s.left.cell.n);
      expect(left).toEqual([...left].sort((x, y) => y - x));
    }
  });
});
