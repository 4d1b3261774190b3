// The overview endpoints (pyramid, all-register prevalence, multimorbidity, risk pyramid,
// segments) on the shared 20,000-person warehouse, checked against independent SQL written
// here over the base tables for the clinician's practice (a direct-care role: exact counts).
// The shared build has no risk scores, so this file scores a copy of it first.
import { copyFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SHARED_DATA } from "../../../test/paths.ts";
import { scoreRisk } from "../../risk/src/index.ts";
import { type RoleCode, startApi } from "./harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
const sessions = new Map<RoleCode, { cookie: string; csrf: string }>();
const get = async (role: RoleCode, url: string) => {
  const res = await api.app.inject({ url, headers: { cookie: sessions.get(role)?.cookie ?? "" } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

interface Expected {
  pyramid: Map<string, { f: number; m: number }>;
  registered: number;
  prevalence: Map<string, { num: number; den: number }>;
  icsPrevalence: Map<string, { num: number; den: number }>;
  conditions: Map<number, number>;
  tiers: Map<string, { n: number; adm: number }>;
  segments: Map<string, number>;
}
let x: Expected;
const dir = mkdtempSync(join(tmpdir(), "bevan-analytics-"));

beforeAll(async () => {
  const demo = { ...inject("demo"), db: join(dir, "warehouse.duckdb") };
  copyFileSync(inject("demo").db, demo.db);
  // The re-identification store lives beside the warehouse (secrets/), as ingest writes it.
  cpSync(join(dirname(inject("demo").db), "secrets"), join(dir, "secrets"), { recursive: true });
  const scoring = await Warehouse.open(demo.db);
  try {
    await scoreRisk(scoring, { sharedDataDir: SHARED_DATA });
  } finally {
    scoring.close();
  }
  api = await startApi(demo);
  for (const role of ["clinician", "ics_analyst"] as const) sessions.set(role, await api.signIn(role));
  const practice = api.subjects.practiceIn;
  const minAges = (await get("clinician", "/api/registers")).registers as { code: string; minAge: number }[];
  const wh = await Warehouse.open(demo.db, { readOnly: true });
  try {
    // Bands from the age itself (not person_asof.age_band).
    const pyr = await wh.all<{ b: number; f: bigint; m: bigint }>(
      `SELECT least(floor(age / 5), 18) AS b, count(*) FILTER (WHERE sex = 'F') AS f, count(*) FILTER (WHERE sex = 'M') AS m
       FROM person_asof WHERE registered AND practice_code = $practice GROUP BY 1`,
      { practice },
    );
    const bandName = (b: number) => (b === 18 ? "90+" : `${b * 5}-${b * 5 + 4}`);
    const prevalence = new Map<string, { num: number; den: number }>();
    const icsPrevalence = new Map<string, { num: number; den: number }>();
    for (const r of minAges) {
      for (const [target, where] of [
        [prevalence, "AND p.practice_code = $practice"],
        // The ICS reference is published for planning, which leaves opted-out people out.
        [icsPrevalence, "AND NOT p.planning_opt_out"],
      ] as const) {
        const row = await wh.one<{ num: bigint; den: bigint }>(
          `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM register r WHERE r.person_id = p.person_id AND r.register = $code)) AS num,
                  count(*) AS den
           FROM person_asof p WHERE p.registered AND p.age >= $minAge ${where}`,
          where.includes("$practice")
            ? { code: r.code, minAge: r.minAge, practice }
            : { code: r.code, minAge: r.minAge },
        );
        target.set(r.code, { num: Number(row.num), den: Number(row.den) });
      }
    }
    // Long-term conditions: every register but NDH (a risk state) and PC (palliative care).
    const cond = await wh.all<{ k: number; n: bigint }>(
      `SELECT least(coalesce(c.k, 0), 5) AS k, count(*) AS n FROM person_asof p
       LEFT JOIN (SELECT person_id, count(DISTINCT register) AS k FROM register WHERE register NOT IN ('NDH', 'PC') GROUP BY 1) c
         ON c.person_id = p.person_id
       WHERE p.registered AND p.practice_code = $practice GROUP BY 1`,
      { practice },
    );
    const tiers = await wh.all<{ tier: string; n: bigint; adm: bigint }>(
      `SELECT r.risk_tier AS tier, count(*) AS n,
              sum((SELECT count(*) FROM hospital_spell s WHERE s.person_id = r.person_id AND s.admission_method = 'emergency'
                   AND s.admission_date > DATE '2025-03-31' AND s.admission_date <= DATE '2026-03-31')) AS adm
       FROM person_risk r JOIN person_asof p USING (person_id)
       WHERE p.registered AND p.practice_code = $practice GROUP BY 1`,
      { practice },
    );
    const segs = await wh.all<{ segment: string; n: bigint }>(
      `SELECT r.segment, count(*) AS n FROM person_risk r JOIN person_asof p USING (person_id)
       WHERE p.registered AND p.practice_code = $practice GROUP BY 1`,
      { practice },
    );
    const registered = await wh.one<{ n: bigint }>(
      "SELECT count(*) AS n FROM person_asof WHERE registered AND practice_code = $practice",
      { practice },
    );
    x = {
      pyramid: new Map(pyr.map((r) => [bandName(Number(r.b)), { f: Number(r.f), m: Number(r.m) }])),
      registered: Number(registered.n),
      prevalence,
      icsPrevalence,
      conditions: new Map(cond.map((r) => [Number(r.k), Number(r.n)])),
      tiers: new Map(tiers.map((r) => [r.tier, { n: Number(r.n), adm: Number(r.adm) }])),
      segments: new Map(segs.map((r) => [r.segment, Number(r.n)])),
    };
  } finally {
    wh.close();
  }
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("population pyramid", () => {
  it("counts each band and sex as independent SQL does, and the bands sum to the population total", async () => {
    const p = await get("clinician", "/api/population/pyramid");
    expect(p.bands).toHaveLength(19);
    for (const b of p.bands) {
      const e = x.pyramid.get(b.band) ?? { f: 0, m: 0 };
      expect([b.band, b.female.value, b.male.value]).toEqual([b.band, e.f, e.m]);
    }
    const pop = await get("clinician", "/api/population");
    const sum = p.bands.reduce(
      (a: number, b: { female: { value: number }; male: { value: number } }) =>
        a + b.female.value + b.male.value,
      0,
    );
    expect(sum + p.otherSex.value).toBe(pop.total.value);
    expect(p.total.value).toBe(x.registered);
  });
});

describe("prevalence of every register", () => {
  it("matches independent SQL, with Wilson intervals and the ICS-wide reference", async () => {
    const r = await get("clinician", "/api/prevalence/all");
    expect(r.registers.length).toBe(x.prevalence.size);
    for (const reg of r.registers) {
      const e = x.prevalence.get(reg.code);
      const ics = x.icsPrevalence.get(reg.code);
      if (!e || !ics) throw new Error(`no expectation for ${reg.code}`);
      expect([reg.code, reg.numerator.value, reg.denominator.value]).toEqual([reg.code, e.num, e.den]);
      if (e.den > 0) expect(reg.prevalence).toBeCloseTo(e.num / e.den, 12);
      if (reg.ci95) {
        expect(reg.ci95.lower).toBeLessThanOrEqual(reg.prevalence);
        expect(reg.ci95.upper).toBeGreaterThanOrEqual(reg.prevalence);
      }
      // The reference is the whole ICS through the public policy: computed from counts each
      // perturbed by at most 5 (docs/disclosure-control.md), so within these bounds.
      if (ics.num >= 8 && ics.den > 13 && reg.reference.prevalence !== null) {
        expect(reg.reference.prevalence).toBeGreaterThanOrEqual((ics.num - 5) / (ics.den + 5));
        expect(reg.reference.prevalence).toBeLessThanOrEqual((ics.num + 5) / (ics.den - 5));
      }
      if (reg.significance === "higher") expect(reg.reference.prevalence).toBeLessThan(reg.ci95.lower);
      if (reg.significance === "lower") expect(reg.reference.prevalence).toBeGreaterThan(reg.ci95.upper);
    }
    // A hand-computable Wilson interval for the first register: p ± the score formula.
    const reg = r.registers.find((g: { numerator: { value: number } }) => g.numerator.value > 0);
    const nn = reg.numerator.value;
    const dd = reg.denominator.value;
    const z = 1.959963984540054;
    const p = nn / dd;
    const centre = (p + (z * z) / (2 * dd)) / (1 + (z * z) / dd);
    const half = ((z / (1 + (z * z) / dd)) *
      Math.sqrt((p * (1 - p)) / dd + (z * z) / (4 * dd * dd))) as number;
    expect(reg.ci95.lower).toBeCloseTo(centre - half, 10);
    expect(reg.ci95.upper).toBeCloseTo(centre + half, 10);
  });
});

describe("multimorbidity", () => {
  it("counts people by long-term-condition registers as independent SQL does", async () => {
    const m = await get("clinician", "/api/multimorbidity");
    expect(m.distribution.map((d: { conditions: string }) => d.conditions)).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5+",
    ]);
    m.distribution.forEach((d: { people: { value: number } }, k: number) => {
      expect(d.people.value).toBe(x.conditions.get(k) ?? 0);
    });
    const two = [2, 3, 4, 5].reduce((a, k) => a + (x.conditions.get(k) ?? 0), 0);
    expect(m.share2plus).toBeCloseTo(two / x.registered, 12);
    expect(m.share5plus).toBeCloseTo((x.conditions.get(5) ?? 0) / x.registered, 12);
  });
});

describe("risk pyramid and segments", () => {
  it("counts people and emergency admissions per tier, with rate ratios and the targeting arithmetic", async () => {
    const r = await get("clinician", "/api/risk-pyramid?reduction=0.2");
    expect(r.scored).toBe(true);
    expect(r.window.from).toBe("2025-03-31");
    expect(r.window.to).toBe("2026-03-31");
    const N = [...x.tiers.values()].reduce((a, t) => a + t.n, 0);
    const A = [...x.tiers.values()].reduce((a, t) => a + t.adm, 0);
    expect(r.tiers.map((t: { label: string }) => t.label)).toEqual(["very high", "high", "moderate", "low"]);
    for (const t of r.tiers) {
      const e = x.tiers.get(t.tier) ?? { n: 0, adm: 0 };
      expect([t.tier, t.people.value, t.admissions.value]).toEqual([t.tier, e.n, e.adm]);
      expect(t.peopleShare).toBeCloseTo(e.n / N, 12);
      expect(t.admissionsShare).toBeCloseTo(e.adm / A, 12);
      if (e.n > 0 && e.adm > 0) {
        expect(t.rateRatio).toBeCloseTo(e.adm / e.n / (A / N), 10);
        expect(t.requiredReduction).toBeCloseTo((0.2 * A) / e.adm, 10);
      }
    }
    // The low tier is 80% of people by construction: its share of people dwarfs its rate ratio.
    expect(r.tiers[3].peopleShare).toBeGreaterThan(0.7);
    expect(r.tiers[0].rateRatio).toBeGreaterThan(r.tiers[3].rateRatio);
  });

  it("counts Bridges to Health segments as independent SQL does; shares sum to 1", async () => {
    const s = await get("clinician", "/api/segments");
    expect(s.segments).toHaveLength(8);
    let share = 0;
    for (const g of s.segments) {
      expect([g.segment, g.people.value]).toEqual([g.segment, x.segments.get(g.segment) ?? 0]);
      share += g.share;
    }
    expect(share).toBeCloseTo(1, 12);
    expect(s.total.value).toBe([...x.segments.values()].reduce((a, b) => a + b, 0));
  });

  it("an analyst sees the same pages suppressed and rounded", async () => {
    for (const url of [
      "/api/population/pyramid",
      "/api/multimorbidity",
      "/api/risk-pyramid",
      "/api/segments",
    ]) {
      const body = await get("ics_analyst", url);
      expect(body.disclosure.kind).toBe("suppressed");
    }
  });
});
