// The business case's arithmetic against results worked out by hand (the arithmetic is in the
// comments), and the Monte Carlo against the deterministic model: with every input fixed it
// must return exactly the hand-worked discounted result; with one input uncertain and the
// net present value linear in it, its mean and percentiles must be the closed form's.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BUSINESS_CASE_SCHEMA,
  type BusinessCase,
  BusinessCaseValidationError,
  breakEvenEffect,
  discountFactor,
  project,
  rampShare,
  resolveInputs,
  runBusinessCase,
  validateBusinessCase,
} from "../src/index.ts";

// 1,000 people, 0.5 admissions a person-year at £2,000; 40% take it up, 20% fewer admissions
// among them, £100 a person a year. Every year: 400 take part, 400 × 0.5 × 0.2 = 40 admissions
// avoided, savings 40 × £2,000 = £80,000, costs 400 × £100 = £40,000, net £40,000.
// Discounted (Green Book, year 1 undiscounted): 40,000 × (1 + 1/1.035 + 1/1.035² + 1/1.035³ + 1/1.035⁴)
// = 40,000 × (1 + 0.966183575 + 0.933510700 + 0.901942706 + 0.871442228) = 40,000 × 4.673079209
// = £186,923.17.
const SIMPLE: BusinessCase = {
  name: "Simple",
  size: 1000,
  years: 5,
  discountRate: 0.035,
  runs: 1000,
  seed: 7,
  baseline: { admissionsPerPerson: 0.5, costPerAdmission: 2000 },
  intervention: { uptake: 0.4, effect: 0.2, costPerPerson: 100 },
};
const SIMPLE_NPV = 186_923.17;
const SIMPLE_BY_YEAR = [40_000, 38_647.34, 37_340.43, 36_077.71, 34_857.69];

// Every optional input at work, over 3 years:
//   eligible: 1,000 growing 10% a year → 1,000, 1,100, 1,210
//   uptake 50%, ramp-up over 2 years (average share of the year ramped: 1/4, 3/4, 1),
//   attrition 10% a year (× 1, 0.9, 0.81):
//     participants 1,000 × .5 × .25 = 125; 1,100 × .5 × .75 × .9 = 371.25; 1,210 × .5 × .81 = 490.05
//   effect starts half a year in (share of the year with effect .5, 1, 1); 0.6 admissions a
//   person-year, 25% fewer: avoided 125 × .5 × .15 = 9.375; 371.25 × .15 = 55.6875; 490.05 × .15 = 73.5075
//   4 bed days each: 37.5, 222.75, 294.03
//   savings at £3,000 an admission less 10% optimism bias (× £2,700): 25,312.5; 150,356.25; 198,470.25
//   costs (£100 a participant, £10,000 a year fixed, £50,000 set-up in year 1) plus 20% optimism bias:
//     (12,500 + 10,000 + 50,000) × 1.2 = 87,000; (37,125 + 10,000) × 1.2 = 56,550; (49,005 + 10,000) × 1.2 = 70,806
//   net −61,687.5; 93,806.25; 127,664.25
//   discounted: −61,687.5; 93,806.25 / 1.035 = 90,634.0580; 127,664.25 / 1.071225 = 119,175.9434
//   cumulative −61,687.5; 28,946.5580; 148,122.5014
const FULL: BusinessCase = {
  name: "Every input",
  size: 1000,
  growth: 0.1,
  years: 3,
  runs: 500,
  baseline: { admissionsPerPerson: 0.6, costPerAdmission: 3000, bedDaysPerAdmission: 4 },
  intervention: {
    uptake: 0.5,
    effect: 0.25,
    costPerPerson: 100,
    rampUpYears: 2,
    timeToEffect: 0.5,
    attrition: 0.1,
    fixedCostPerYear: 10_000,
    setupCost: 50_000,
  },
  optimismBias: { costs: 0.2, savings: 0.1 },
};

function valuesOf(c: BusinessCase): Record<string, number> {
  return Object.fromEntries([...resolveInputs(c)].map(([k, v]) => [k, v as number]));
}

describe("the model, worked by hand", () => {
  it("discounts as the Green Book does: year t divided by 1.035^(t−1)", () => {
    expect(discountFactor(1, 0.035)).toBe(1);
    expect(discountFactor(2, 0.035)).toBeCloseTo(0.966183575, 9);
    expect(discountFactor(5, 0.035)).toBeCloseTo(0.871442228, 9);
  });

  it("ramps up linearly: the share of each year ramped, averaged over the year", () => {
    expect([1, 2, 3].map((t) => rampShare(t, 2))).toEqual([0.25, 0.75, 1]);
    expect(rampShare(1, 0)).toBe(1);
    // Over 1.5 years: year 1 averages 1/3; year 2 is ramping for half a year (average 5/6) then 1: (5/6 + 1)/2.
    expect(rampShare(1, 1.5)).toBeCloseTo(1 / 3, 12);
    expect(rampShare(2, 1.5)).toBeCloseTo((5 / 6 + 1) / 2, 12);
  });

  it("the simple case year by year", () => {
    const p = project(valuesOf(SIMPLE), 5, 0.035);
    expect(p.map((y) => y.net)).toEqual([40_000, 40_000, 40_000, 40_000, 40_000]);
    p.forEach((y, i) => {
      expect(y.presentValue).toBeCloseTo(SIMPLE_BY_YEAR[i] as number, 2);
    });
    expect(p[4]?.cumulative).toBeCloseTo(SIMPLE_NPV, 2);
    expect(p[0]?.admissionsAvoided).toBe(40);
  });

  it("every optional input at work", () => {
    const p = project(valuesOf(FULL), 3, 0.035);
    expect(p.map((y) => y.participants)).toEqual([125, 371.25, 490.05].map((x) => expect.closeTo(x, 9)));
    expect(p.map((y) => y.admissionsAvoided)).toEqual(
      [9.375, 55.6875, 73.5075].map((x) => expect.closeTo(x, 9)),
    );
    expect(p.map((y) => y.bedDaysAvoided)).toEqual([37.5, 222.75, 294.03].map((x) => expect.closeTo(x, 9)));
    expect(p.map((y) => y.savings)).toEqual(
      [25_312.5, 150_356.25, 198_470.25].map((x) => expect.closeTo(x, 6)),
    );
    expect(p.map((y) => y.costs)).toEqual([87_000, 56_550, 70_806].map((x) => expect.closeTo(x, 6)));
    expect(p.map((y) => y.cumulative)).toEqual(
      [-61_687.5, 28_946.558, 148_122.5014].map((x) => expect.closeTo(x, 3)),
    );
  });

  it("break-even effect: savings 400 × 0.5 × e × £2,000 = £400,000e a year against £40,000 → e = 10%", () => {
    expect(breakEvenEffect(valuesOf(SIMPLE), 5, 0.035)).toBeCloseTo(0.1, 12);
    // A case that cannot break even: costs above what a 100% reduction saves.
    const dear = { ...valuesOf(SIMPLE), "intervention.costPerPerson": 1_500 };
    expect(breakEvenEffect(dear, 5, 0.035)).toBeNull();
  });
});

describe("the Monte Carlo", () => {
  it("with every input fixed returns exactly the deterministic discounted result", () => {
    const r = runBusinessCase(validateBusinessCase(SIMPLE));
    const det = project(valuesOf(SIMPLE), 5, 0.035);
    const npv = det[4]?.cumulative as number;
    expect(npv).toBeCloseTo(SIMPLE_NPV, 2);
    expect(r.cumulative).toEqual({ p10: npv, p50: npv, p90: npv, mean: npv });
    expect(r.probabilityPositive).toBe(1);
    r.byYear.forEach((y, i) => {
      const d = det[i]?.presentValue as number;
      expect({ p10: y.p10, p50: y.p50, p90: y.p90, mean: y.mean }).toEqual({
        p10: d,
        p50: d,
        p90: d,
        mean: d,
      });
      expect(y.cumulative.p50).toBe(det[i]?.cumulative);
    });
    expect(r.baselineRun.cumulative).toBe(npv);
    expect(r.breakEven.effect).toBeCloseTo(0.1, 12);
    expect(r.tornado).toEqual([]);
    expect(r.activityAvoided.admissions.mean).toBe(200);
  });

  it("with uptake uniform on [0.2, 0.6] the NPV is linear in it: mean, P10 and P90 are the closed form's", () => {
    // NPV(u) = 4.673079209 × 1,000 × u × (0.5 × 0.2 × 2,000 − 100) = 467,307.92 × u;
    // E = 467,307.92 × 0.4; P10 at u = 0.2 + 0.4 × 0.1 = 0.24; P90 at u = 0.56.
    const r = runBusinessCase(
      validateBusinessCase({
        ...SIMPLE,
        runs: 20_000,
        intervention: { ...SIMPLE.intervention, uptake: { uniform: [0.2, 0.6] } },
      }),
    );
    const k = 467_307.92;
    // The sample mean's standard error: k × 0.4/√12 / √20,000 ≈ 377.
    expect(Math.abs(r.cumulative.mean - k * 0.4)).toBeLessThan(4 * 377);
    // A quantile's standard error: √(p(1−p)/n) / density, in u: √(.09/20,000) × 0.4 = 0.00085.
    expect(Math.abs(r.cumulative.p10 - k * 0.24)).toBeLessThan(4 * 0.00085 * k);
    expect(Math.abs(r.cumulative.p90 - k * 0.56)).toBeLessThan(4 * 0.00085 * k);
    expect(r.probabilityPositive).toBe(1);
    expect(r.tornado.map((t) => t.path)).toEqual(["intervention.uptake"]);
    expect(r.tornado[0]?.correlation).toBeCloseTo(1, 12);
    expect(r.tornado[0]?.atLow).toBeCloseTo(k * 0.24, 0);
  });

  it("the same seed gives the same result to the bit; another seed another", () => {
    const c = validateBusinessCase({
      ...SIMPLE,
      runs: 2000,
      intervention: {
        uptake: { beta: [4, 6] },
        effect: { triangular: [0, 0.15, 0.3] },
        costPerPerson: { normal: [100, 20] },
      },
    });
    const a = runBusinessCase(c);
    const b = runBusinessCase(c);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const other = runBusinessCase({ ...c, seed: 8 });
    expect(other.cumulative.mean).not.toBe(a.cumulative.mean);
    // The probability of breaking even is the share of runs with a positive NPV.
    expect(a.probabilityPositive).toBeGreaterThan(0);
    expect(a.probabilityPositive).toBeLessThan(1);
  });

  it("a gain/loss share splits every run's savings: providers' plus commissioner's is the whole", () => {
    const c = validateBusinessCase({
      ...SIMPLE,
      intervention: { ...SIMPLE.intervention, effect: { uniform: [0, 0.2] } },
      riskShare: { providerGainShare: 0.5, providerLossShare: 0.25 },
    });
    const r = runBusinessCase(c);
    const rs = r.riskShare;
    expect(rs).not.toBeNull();
    expect((rs?.providers.mean ?? 0) + (rs?.commissioner.mean ?? 0)).toBeCloseTo(r.cumulative.mean, 6);
    // Effect below 10% loses money: half the runs. Providers bear a quarter of a loss, so lose then too.
    expect(rs?.providers.probabilityLoss).toBeCloseTo(0.5, 1);
  });
});

describe("validation", () => {
  it("names each problem a user can fix", () => {
    expect(() =>
      validateBusinessCase({ name: "x", intervention: { uptake: 1.5, effect: 0.1, costPerPerson: 1 } }),
    ).toThrow(BusinessCaseValidationError);
    try {
      validateBusinessCase({
        name: "x",
        size: 10,
        intervention: { uptake: { triangular: [0.3, 0.1, 0.5] }, effect: 0.1 },
      });
    } catch (e) {
      const msgs = (e as BusinessCaseValidationError).issues.map((i) => `${i.path}: ${i.message}`);
      expect(msgs).toContain(
        "/intervention/uptake: a triangular distribution is [min, mode, max] with min ≤ mode ≤ max",
      );
      expect(
        msgs.some((m) =>
          m.startsWith("/intervention/costPerPerson: 'intervention.costPerPerson' is required"),
        ),
      ).toBe(true);
      expect(msgs.some((m) => m.startsWith("/baseline/admissionsPerPerson"))).toBe(true);
    }
  });

  it("refuses unknown fields and distributions", () => {
    expect(() => validateBusinessCase({ ...SIMPLE, colour: "red" })).toThrow(/unknown field 'colour'/);
    expect(() =>
      validateBusinessCase({
        ...SIMPLE,
        intervention: { ...SIMPLE.intervention, effect: { gamma: [1, 2] } },
      }),
    ).toThrow(/one distribution/);
  });
});

describe("the published schema", () => {
  it("business-case.schema.json is the validator's schema", () => {
    const file = join(import.meta.dirname, "..", "business-case.schema.json");
    expect(readFileSync(file, "utf8")).toBe(`${JSON.stringify(BUSINESS_CASE_SCHEMA, null, 2)}\n`);
  });
});
