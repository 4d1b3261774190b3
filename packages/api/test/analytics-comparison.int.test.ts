// Variation (funnel plots) and inequalities on the shared 20,000-person warehouse, against
// independent SQL and hand-written formulas: counts per unit and group, the funnel's limits
// from @bevan/methods' funnelLimits over the same counts, outlier flags against the PHE
// Wilson-score limit written out here, rate ratios, ESP2013 age standardisation and the SII.
import { Warehouse } from "@bevan/engine";
import { funnelLimits } from "@bevan/methods";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RoleCode, startApi } from "./harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
const sessions = new Map<RoleCode, { cookie: string; csrf: string }>();
const get = async (role: RoleCode, url: string) =>
  api.app.inject({ url, headers: { cookie: sessions.get(role)?.cookie ?? "" } });
const ok = async (role: RoleCode, url: string) => {
  const res = await get(role, url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

type Counts = Map<string, { num: number; den: number }>;
let hypByPractice: Counts;
let hba1cByPractice: Counts;
let hypByImd: Counts;
/** HYP by IMD quintile and five-year band (from the age itself), for the hand DSR. */
let hypByImdAge: Map<string, Map<number, { num: number; den: number }>>;

const toMap = (rows: { g: string | number | null; num: bigint; den: bigint }[]): Counts =>
  new Map(rows.map((r) => [String(r.g), { num: Number(r.num), den: Number(r.den) }]));

beforeAll(async () => {
  const demo = inject("demo");
  api = await startApi(demo);
  for (const role of ["care_coordinator", "ics_analyst"] as const) sessions.set(role, await api.signIn(role));
  const pcn = api.subjects.pcnIn;
  const wh = await Warehouse.open(demo.db, { readOnly: true });
  try {
    const hyp = `EXISTS (SELECT 1 FROM register r WHERE r.person_id = p.person_id AND r.register = 'HYP')`;
    hypByPractice = toMap(
      await wh.all(
        `SELECT practice_code AS g, count(*) FILTER (WHERE ${hyp}) AS num, count(*) AS den
         FROM person_asof p WHERE registered AND pcn_code = $pcn GROUP BY 1`,
        { pcn },
      ),
    );
    hba1cByPractice = toMap(
      await wh.all(
        `SELECT p.practice_code AS g, count(*) FILTER (WHERE c.latest_hba1c <= 58) AS num, count(*) AS den
         FROM person_asof p JOIN diabetes_care c USING (person_id) WHERE p.registered AND p.pcn_code = $pcn GROUP BY 1`,
        { pcn },
      ),
    );
    hypByImd = toMap(
      await wh.all(
        `SELECT imd_quintile AS g, count(*) FILTER (WHERE ${hyp}) AS num, count(*) AS den
         FROM person_asof p WHERE registered AND pcn_code = $pcn GROUP BY 1`,
        { pcn },
      ),
    );
    const cells = await wh.all<{ g: number | null; b: number; num: bigint; den: bigint }>(
      `SELECT imd_quintile AS g, least(floor(age / 5), 18) AS b, count(*) FILTER (WHERE ${hyp}) AS num, count(*) AS den
       FROM person_asof p WHERE registered AND pcn_code = $pcn GROUP BY 1, 2`,
      { pcn },
    );
    hypByImdAge = new Map();
    for (const c of cells) {
      const g = String(c.g);
      if (!hypByImdAge.has(g)) hypByImdAge.set(g, new Map());
      hypByImdAge.get(g)?.set(Number(c.b), { num: Number(c.num), den: Number(c.den) });
    }
  } finally {
    wh.close();
  }
});
afterAll(async () => api.close());

/** PHE's proportion funnel limit: the Wilson-score root at population n around p, two-sided tail t. */
function funnelLimit(p: number, n: number, z: number, side: -1 | 1): number {
  const z2 = z * z;
  const a = 1 / z2 + 1 / n;
  const b = p * (n / z2 + 1);
  const c = p * (n * (p * (n / z2 + 2) - 1) + z2 * (p - 1));
  return (b + side * Math.sqrt(b * b - a * c)) / a / n;
}
const Z_998 = 3.090232306167813;

describe("GET /api/variation", () => {
  it("puts each practice of the PCN on the funnel with counts from independent SQL", async () => {
    const v = await ok("care_coordinator", "/api/variation?indicator=register:HYP&level=practice");
    expect(v.disclosure.kind).toBe("direct-care");
    expect(v.units.length).toBe(hypByPractice.size);
    for (const u of v.units) {
      const e = hypByPractice.get(u.code);
      expect([u.code, u.numerator.value, u.denominator.value]).toEqual([u.code, e?.num, e?.den]);
      expect(u.name.length).toBeGreaterThan(0);
    }
    const N = [...hypByPractice.values()].reduce((a, x) => a + x.num, 0);
    const D = [...hypByPractice.values()].reduce((a, x) => a + x.den, 0);
    expect(v.overall.rate).toBeCloseTo(N / D, 12);
    expect(v.overall.numerator.value).toBe(N);
    // The limits are methods' funnelLimits over the same counts (the overall rate at its centre).
    const expected = funnelLimits({
      statistic: "proportion",
      numerators: v.units.map((u: { numerator: { value: number } }) => u.numerator.value),
      denominators: v.units.map((u: { denominator: { value: number } }) => u.denominator.value),
      multiplier: 1,
    });
    expect(v.limits).toEqual(
      expected.map((l) => ({
        denominator: l.population,
        lower95: l.lower2s,
        upper95: l.upper2s,
        lower998: l.lower3s,
        upper998: l.upper3s,
      })),
    );
    for (const l of v.limits.slice(0, 5)) {
      expect(l.upper998).toBeCloseTo(Math.min(1, funnelLimit(N / D, l.denominator, Z_998, 1)), 10);
      expect(l.lower998).toBeCloseTo(Math.max(0, funnelLimit(N / D, l.denominator, Z_998, -1)), 10);
    }
    for (const u of v.units) {
      const p = u.numerator.value / u.denominator.value;
      const hi = p > funnelLimit(N / D, u.denominator.value, Z_998, 1);
      const lo = p < funnelLimit(N / D, u.denominator.value, Z_998, -1);
      expect([u.code, u.flag]).toEqual([u.code, hi ? "high" : lo ? "low" : "none"]);
    }
  });

  it("has a care-quality indicator (HbA1c target) and names unknown indicators", async () => {
    const v = await ok("care_coordinator", "/api/variation?indicator=dm:hba1c-target");
    for (const u of v.units) {
      const e = hba1cByPractice.get(u.code);
      expect([u.code, u.numerator.value, u.denominator.value]).toEqual([u.code, e?.num, e?.den]);
    }
    const indicators = (await ok("care_coordinator", "/api/indicators")).indicators.map(
      (i: { id: string }) => i.id,
    );
    expect(indicators).toContain("register:HYP");
    expect(indicators).toContain("dm:treatment-targets");
    const bad = await get("care_coordinator", "/api/variation?indicator=register:NOPE");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("unknown_indicator");
  });

  it("withholds small units' rates and flags from an aggregate role", async () => {
    const v = await ok("ics_analyst", "/api/variation?indicator=register:LD&level=practice");
    expect(v.disclosure.kind).toBe("suppressed");
    for (const u of v.units)
      if (u.numerator.suppressed || u.denominator.suppressed) {
        expect(u.rate).toBeNull();
        expect(u.flag).toBeNull();
      }
  });
});

describe("GET /api/inequalities", () => {
  it("compares IMD quintiles: counts, rate ratios against the least deprived, ESP2013 DSRs and the SII", async () => {
    const r = await ok("care_coordinator", "/api/inequalities?indicator=register:HYP&dimension=imd_quintile");
    expect(r.reference).toBe("5");
    expect(r.standardisation).toBe("ESP2013 direct, 5-year bands");
    const ref = hypByImd.get("5");
    if (!ref) throw new Error("no least-deprived quintile in the PCN");
    // European Standard Population 2013, 0-4 … 90+ (Eurostat).
    const esp = [
      5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500,
      1500, 1000,
    ];
    const dsrs = new Map<string, number>();
    for (const g of r.groups) {
      const e = hypByImd.get(g.group);
      if (!e) throw new Error(`unexpected group ${g.group}`);
      expect([g.group, g.numerator.value, g.denominator.value]).toEqual([g.group, e.num, e.den]);
      expect(g.rate).toBeCloseTo(e.num / e.den, 12);
      if (g.group !== "5" && e.num > 0) {
        expect(g.rateRatio).toBeCloseTo(e.num / e.den / (ref.num / ref.den), 12);
        expect(g.significant).toBe(g.rrCi95.lower > 1 || g.rrCi95.upper < 1);
      }
      const bands = hypByImdAge.get(g.group) ?? new Map();
      let w = 0;
      let s = 0;
      for (let b = 0; b < 19; b++) {
        const c = bands.get(b);
        if (!c || c.den === 0) continue;
        w += esp[b] as number;
        s += ((esp[b] as number) * c.num) / c.den;
      }
      if (e.num >= 10) expect(g.standardisedRate).toBeCloseTo(s / w, 12);
      dsrs.set(g.group, s / w);
      if (g.standardisedCi95) {
        expect(g.standardisedCi95.lower).toBeGreaterThanOrEqual(0);
        expect(g.standardisedCi95.upper).toBeLessThanOrEqual(1);
      }
    }
    // SII: population-weighted least squares of the rate on the quintiles' cumulative midpoints.
    const q = ["1", "2", "3", "4", "5"].map((k) => hypByImd.get(k) ?? { num: 0, den: 0 });
    const total = q.reduce((a, x) => a + x.den, 0);
    let cum = 0;
    const xs = q.map((x) => {
      const mid = (cum + x.den / 2) / total;
      cum += x.den;
      return mid;
    });
    const ys = q.map((x) => x.num / x.den);
    const mx = q.reduce((a, x, i) => a + x.den * (xs[i] as number), 0) / total;
    const my = q.reduce((a, x, i) => a + x.den * (ys[i] as number), 0) / total;
    const sxy = q.reduce((a, x, i) => a + x.den * ((xs[i] as number) - mx) * ((ys[i] as number) - my), 0);
    const sxx = q.reduce((a, x, i) => a + x.den * ((xs[i] as number) - mx) ** 2, 0);
    expect(r.sii.value).toBeCloseTo(sxy / sxx, 10);
    expect(r.sii.ci95.lower).toBeLessThan(r.sii.value);
    expect(r.sii.ci95.upper).toBeGreaterThan(r.sii.value);
    // RII: the fitted least-deprived end over the most deprived end (x = 1 over x = 0).
    const a = my - (sxy / sxx) * mx;
    expect(r.sii.rii).toBeCloseTo((a + sxy / sxx) / a, 10);
    // The same regression on the age-standardised rates (hypertension rises with age, and age
    // differs by deprivation: the crude and standardised gradients need not agree).
    const zs = q.map((_, i) => dsrs.get(String(i + 1)) as number);
    const mz = q.reduce((acc, x, i) => acc + x.den * (zs[i] as number), 0) / total;
    const sxz = q.reduce((acc, x, i) => acc + x.den * ((xs[i] as number) - mx) * ((zs[i] as number) - mz), 0);
    expect(r.siiStandardised.value).toBeCloseTo(sxz / sxx, 10);
    expect(r.siiStandardised.ci95.lower).toBeLessThan(r.siiStandardised.value);
    expect(r.siiStandardised.ci95.upper).toBeGreaterThan(r.siiStandardised.value);
  });

  it("compares people with a learning disability on five or more long-term conditions and on living in the most deprived fifth", async () => {
    const demo = inject("demo");
    const pcn = api.subjects.pcnIn;
    const wh = await Warehouse.open(demo.db, { readOnly: true });
    const flags = {
      // Long-term-condition registers (not learning disability, palliative care or NDH), counted as seed 001 counts them.
      "multimorbidity:5-plus":
        "(SELECT count(DISTINCT r.register) FROM register r WHERE r.person_id = p.person_id AND r.register NOT IN ('LD', 'PC', 'NDH')) >= 5",
      "deprivation:most-deprived": "coalesce(p.imd_quintile = 1, FALSE)",
    };
    try {
      for (const [id, flag] of Object.entries(flags)) {
        const expected = toMap(
          await wh.all(
            `SELECT CASE WHEN learning_disability THEN 'yes' ELSE 'no' END AS g, count(*) FILTER (WHERE ${flag}) AS num, count(*) AS den
             FROM person_asof p WHERE registered AND pcn_code = $pcn GROUP BY 1`,
            { pcn },
          ),
        );
        const r = await ok(
          "care_coordinator",
          `/api/inequalities?indicator=${id}&dimension=learning_disability`,
        );
        expect(r.reference).toBe("no");
        for (const g of r.groups) {
          const e = expected.get(g.group);
          expect([id, g.group, g.numerator.value, g.denominator.value]).toEqual([
            id,
            g.group,
            e?.num,
            e?.den,
          ]);
        }
      }
    } finally {
      wh.close();
    }
    const list = await ok("ics_analyst", "/api/indicators");
    for (const id of ["risk:high", "multimorbidity:5-plus", "deprivation:most-deprived"])
      expect(list.indicators.map((i: { id: string }) => i.id)).toContain(id);
  });

  it("answers every dimension; age bands are not standardised and only IMD has an SII", async () => {
    for (const dimension of ["ethnicity_group", "sex", "age_band", "learning_disability"]) {
      const r = await ok("ics_analyst", `/api/inequalities?indicator=register:DM&dimension=${dimension}`);
      expect(r.sii).toBeNull();
      expect(r.siiStandardised).toBeNull();
      expect(r.standardisation).toBe(dimension === "age_band" ? null : "ESP2013 direct, 5-year bands");
      expect(r.groups.some((g: { group: string }) => g.group === r.reference)).toBe(true);
    }
    const bad = await get("ics_analyst", "/api/inequalities?indicator=register:HYP&dimension=postcode");
    expect(bad.statusCode).toBe(400);
  });
});
