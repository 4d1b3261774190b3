// Acceptance: the practice-level opportunity table reproduces, for one practice, counts worked
// out here in plain SQL over the base tables (code lists written out by hand, not imported),
// on the shared 20,000-person warehouse. Also: the expected counts add up to the observed
// over the whole scope (indirect standardisation against the scope itself).
import { Warehouse } from "@bevan/engine";
import { ScopedWarehouse } from "@bevan/query";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { OPPORTUNITY_KINDS, opportunity } from "../src/index.ts";

let wh: Warehouse;
let sw: ScopedWarehouse;
let asOf: string;
let practice: string;

beforeAll(async () => {
  wh = await Warehouse.open(inject("demo").db, { readOnly: true });
  const icbs = await wh.all<{ org_code: string }>("SELECT org_code FROM organisation WHERE org_type = 'icb'");
  sw = new ScopedWarehouse(wh, { grants: icbs.map((r) => ({ level: "icb", code: r.org_code })) });
  asOf = (await wh.one<{ value: string }>("SELECT value FROM build_info WHERE key = 'as_of'")).value;
  // The largest practice.
  practice = (
    await wh.one<{ p: string }>(
      "SELECT practice_code AS p FROM person_asof WHERE registered GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
    )
  ).p;
});

afterAll(() => wh?.close());

/** People of the practice on its list in the year to the as-of date (registered, or died in the year). */
const onList = `p.practice_code = $practice AND (p.registered OR EXISTS (SELECT 1 FROM person x
  WHERE x.person_id = p.person_id AND x.death_date > DATE '2025-03-31' AND x.death_date <= DATE '2026-03-31'))`;
const inYear = (col: string) => `${col} > DATE '2025-03-31' AND ${col} <= DATE '2026-03-31'`;

const ACSC = `(s.primary_diagnosis LIKE 'I20%' OR s.primary_diagnosis IN ('I240', 'I248', 'I249') OR s.primary_diagnosis LIKE 'I25%'
  OR s.primary_diagnosis LIKE 'Z034%' OR s.primary_diagnosis LIKE 'J45%' OR s.primary_diagnosis LIKE 'J46%'
  OR s.primary_diagnosis LIKE 'I110%' OR s.primary_diagnosis LIKE 'I50%' OR s.primary_diagnosis LIKE 'J81%'
  OR s.primary_diagnosis LIKE 'G40%' OR s.primary_diagnosis LIKE 'G41%' OR s.primary_diagnosis LIKE 'R56%' OR s.primary_diagnosis LIKE 'O15%'
  OR s.primary_diagnosis LIKE 'J41%' OR s.primary_diagnosis LIKE 'J42%' OR s.primary_diagnosis LIKE 'J43%' OR s.primary_diagnosis LIKE 'J44%' OR s.primary_diagnosis LIKE 'J47%'
  OR (s.primary_diagnosis LIKE 'J20%' AND EXISTS (SELECT 1 FROM hospital_diagnosis d WHERE d.spell_id = s.spell_id AND d.position > 1
      AND (d.code LIKE 'J41%' OR d.code LIKE 'J42%' OR d.code LIKE 'J43%' OR d.code LIKE 'J44%' OR d.code LIKE 'J47%')))
  OR s.primary_diagnosis LIKE 'F00%' OR s.primary_diagnosis LIKE 'F01%' OR s.primary_diagnosis LIKE 'F02%' OR s.primary_diagnosis LIKE 'F03%' OR s.primary_diagnosis LIKE 'G30%'
  OR (substr(s.primary_diagnosis, 1, 3) IN ('E10', 'E11', 'E12', 'E13', 'E14') AND substr(s.primary_diagnosis, 4, 1) IN ('0', '1', '2', '3', '4', '5', '6', '7', '8'))
  OR s.primary_diagnosis LIKE 'I10%' OR s.primary_diagnosis LIKE 'I119%'
  OR s.primary_diagnosis IN ('D501', 'D508', 'D509') OR s.primary_diagnosis LIKE 'I48%' OR s.primary_diagnosis IN ('B180', 'B181'))`;

const EBI = `EXISTS (SELECT 1 FROM hospital_procedure hp WHERE hp.spell_id = s.spell_id AND hp.position = 1 AND (
     (hp.code LIKE 'F34%' AND (s.primary_diagnosis LIKE 'J03%' OR s.primary_diagnosis LIKE 'J35%'))
  OR (hp.code LIKE 'D151%' AND (s.primary_diagnosis LIKE 'H65%' OR s.primary_diagnosis LIKE 'H66%'))
  OR (substr(hp.code, 1, 3) IN ('S05', 'S06', 'S08', 'S09', 'S10', 'S11') AND substr(s.primary_diagnosis, 1, 3) IN ('D22', 'D23', 'L72', 'L82', 'B07'))
  OR (substr(hp.code, 1, 3) IN ('Q07', 'Q08') AND s.primary_diagnosis LIKE 'N92%')
  OR (substr(hp.code, 1, 3) IN ('H51', 'H52', 'H53') AND substr(s.primary_diagnosis, 1, 3) IN ('I84', 'K64'))
  OR (substr(hp.code, 1, 3) IN ('W85', 'W87', 'W88') AND s.primary_diagnosis LIKE 'M17%')
  OR (hp.code LIKE 'A651%' AND s.primary_diagnosis LIKE 'G560%')
  OR (substr(hp.code, 1, 3) IN ('T52', 'T54') AND s.primary_diagnosis LIKE 'M720%')
  OR (substr(hp.code, 1, 3) IN ('L84', 'L85', 'L86', 'L87', 'L88') AND s.primary_diagnosis LIKE 'I83%')
  OR (hp.code LIKE 'J18%' AND substr(s.primary_diagnosis, 1, 3) IN ('K80', 'K81'))
  OR (substr(hp.code, 1, 3) IN ('T19', 'T20') AND s.primary_diagnosis LIKE 'K40%')
  OR hp.code LIKE 'G45%'
  OR (substr(hp.code, 1, 3) IN ('C71', 'C72', 'C73', 'C74', 'C75') AND substr(s.primary_diagnosis, 1, 3) IN ('H25', 'H26'))))`;

async function plain(sql: string, at = practice): Promise<{ events: number; people: number }> {
  const r = await wh.one<{ events: bigint; people: bigint }>(sql, { practice: at });
  return { events: Number(r.events), people: Number(r.people) };
}

const spells = (cond: string, at = practice) =>
  plain(
    `SELECT count(*) AS events, count(DISTINCT s.person_id) AS people
    FROM hospital_spell s JOIN person_asof p ON p.person_id = s.person_id
    WHERE ${onList} AND ${inYear("s.admission_date")} AND ${cond}`,
    at,
  );

describe("the opportunity table for one practice", () => {
  it("is as of the shared warehouse's date (the SQL below writes its year out)", () => {
    expect(asOf).toBe("2026-03-31");
  });

  /** Frequent attenders are rare (about 1 in 1,000 people): the practice with most of them. */
  const frequentPractice = async () =>
    (
      await wh.one<{
        p: string;
      }>(`SELECT p.practice_code AS p FROM ae_attendance a JOIN person_asof p ON p.person_id = a.person_id
        WHERE ${inYear("a.arrival_date")} GROUP BY a.person_id, p.practice_code HAVING count(*) >= 5
        ORDER BY count(*) OVER (PARTITION BY p.practice_code) DESC, 1 LIMIT 1`)
    ).p;
  const frequent = (at: string) =>
    plain(
      `SELECT count(*) AS events, count(*) AS people FROM (
        SELECT a.person_id FROM ae_attendance a JOIN person_asof p ON p.person_id = a.person_id
        WHERE ${onList} AND ${inYear("a.arrival_date")} GROUP BY a.person_id HAVING count(*) >= 5) AS f`,
      at,
    );
  const expected: Record<string, (at: string) => Promise<{ events: number; people: number }>> = {
    acsc: (at) => spells(`s.admission_method = 'emergency' AND ${ACSC}`, at),
    short_stay: (at) => spells("s.admission_method = 'emergency' AND s.length_of_stay <= 1", at),
    elective: (at) => spells("s.admission_method = 'elective'", at),
    ebi: (at) => spells(`s.admission_method = 'elective' AND ${EBI}`, at),
    frequent_ae: frequent,
  };

  for (const kind of OPPORTUNITY_KINDS) {
    it(`${kind}: events and people match plain SQL`, async () => {
      const at = kind === "frequent_ae" ? await frequentPractice() : practice;
      const table = await opportunity(sw, asOf, kind, "practice");
      const row = table.units.find((u) => u.code === at);
      const want = await (expected[kind] ?? (() => Promise.reject(new Error(kind))))(at);
      expect(want.events, `${kind} has events to count`).toBeGreaterThan(0);
      expect(row?.events).toBe(want.events);
      expect(row?.people).toBe(want.people);
      // Standardised against the scope itself, expected events add up to the observed.
      const o = table.units.reduce((s, u) => s + u.events, 0);
      const e = table.units.reduce((s, u) => s + u.expected, 0);
      expect(e).toBeCloseTo(o, 6);
    });
  }
});
