// Funnel plots against PHEindicatormethods: significance labels for every unit in the
// shared vectors (proportions, ratios, DSRs and crude rates per 100 and 100,000, with and
// without zero-event units), rate funnel points, and the 100-point limit tables (fixtures
// copied from the source). Precision: proportion limits 1e-6 absolute (the fixture has 6
// decimal places); ratio and rate limits 1e-4 relative (the source finds them by bisection).
import { describe, expect, it } from "vitest";
import type { FunnelSignificance } from "../src/index.ts";
import { funnelLimits, funnelPoints, funnelSignificance, MethodsInputError } from "../src/index.ts";
import { close, fixture, num, phe, readCsv, req } from "./vectors.ts";

const propInputs = readCsv(phe("testdata_funnel_prop_inputs.csv"));
const ratioInputs = readCsv(phe("testdata_funnel_ratio_inputs.csv"));
const rateInputs = readCsv(phe("testdata_funnel_rate_dsr_inputs.csv"));
const rateFunnelInputs = readCsv(phe("testdata_funnel_rate_input_funnels.csv"));

describe("funnelSignificance", () => {
  it("labels all 303 proportion units as PHE does", () => {
    const labels = funnelSignificance({
      statistic: "proportion",
      numerators: propInputs.map((r) => req(r.numerator)),
      denominators: propInputs.map((r) => req(r.denominator)),
    });
    expect(labels).toEqual(propInputs.map((r) => r.significance));
  });

  it("labels all 300 ratio units as PHE does", () => {
    const labels = funnelSignificance({
      statistic: "ratio",
      ratioType: "isr",
      observed: ratioInputs.map((r) => req(r.obs)),
      expected: ratioInputs.map((r) => req(r.expected)),
    });
    expect(labels).toEqual(ratioInputs.map((r) => r.significance));
  });

  const rateCases: [string, "dsr" | "crude", number, string, boolean][] = [
    ["dsr_per_100000_with_0", "dsr", 100_000, "rate_dsr", true],
    ["dsr_per_100000_without_0", "dsr", 100_000, "rate_dsr", false],
    ["dsr_per_100_without_0", "dsr", 100, "rate_dsr", false],
    ["crude_per_100000_with_0", "crude", 100_000, "rate_crude_per_100000", true],
    ["crude_per_100_with_0", "crude", 100, "rate_crude_per_100", true],
    ["crude_per_100000_without_0", "crude", 100_000, "rate_crude_per_100000", false],
    ["crude_per_100_without_0", "crude", 100, "rate_crude_per_100", false],
  ];
  it.each(rateCases)("labels rate units: %s", (column, rateType, multiplier, rateColumn, withZero) => {
    const rows = rateInputs.filter((r) => withZero || req(r.count) !== 0);
    const labels = funnelSignificance({
      statistic: "rate",
      rateType,
      multiplier,
      yearsOfData: 1,
      events: rows.map((r) => req(r.count)),
      rates: rows.map((r) => num(r[rateColumn])),
      denominators: rows.map((r) => req(r.pop)),
    });
    expect(labels).toEqual(rows.map((r) => r[column] as FunnelSignificance));
  });

  it("rejects invalid units as the source does", () => {
    const base = {
      statistic: "proportion" as const,
      numerators: [65, 80, 30],
      denominators: [100, 100, 200],
    };
    expect(() => funnelSignificance({ ...base, denominators: [100, 100, 0] })).toThrow(/greater than zero/);
    expect(() => funnelSignificance({ ...base, numerators: [65, -80, 30] })).toThrow(/zero or more/);
    expect(() => funnelSignificance({ ...base, numerators: [65, 180, 30] })).toThrow(MethodsInputError);
  });
});

describe("funnelLimits", () => {
  it("reproduces PHE's proportion funnel (100 rows, axis 1 to 110,000)", () => {
    const rows = funnelLimits({
      statistic: "proportion",
      multiplier: 100,
      numerators: propInputs.map((r) => req(r.numerator)),
      denominators: propInputs.map((r) => req(r.denominator)),
    });
    const expected = readCsv(fixture("phe-funnel-prop-outputs.csv"));
    expect(rows).toHaveLength(100);
    rows.forEach((row, i) => {
      const e = expected[i] as Record<string, string>;
      expect(row.population).toBe(req(e.Population));
      for (const [got, col] of [
        [row.lower2s, "Lower2s0025limit"],
        [row.upper2s, "Upper2s0025limit"],
        [row.lower3s, "Lower3s0001limit"],
        [row.upper3s, "Upper3s0001limit"],
        [row.baseline, "Baseline"],
      ] as const) {
        expect(Math.abs(got - req(e[col]))).toBeLessThan(1e-6);
      }
    });
  });

  it.each(["isr", "count"] as const)("reproduces PHE's ratio funnel (%s)", (ratioType) => {
    const rows = funnelLimits({
      statistic: "ratio",
      ratioType,
      observed: ratioInputs.map((r) => req(r.obs)),
      expected: ratioInputs.map((r) => req(r.expected)),
    });
    const expected = readCsv(fixture("phe-funnel-ratio-outputs.csv"));
    expect(rows.map((r) => r.observed)).toEqual(expected.map((e) => req(e.Observed_events)));
    rows.forEach((row, i) => {
      const e = expected[i] as Record<string, string>;
      const rel = (a: number, col: string) => expect(close(a, req(e[col]), 1e-4, 1e-6)).toBe(true);
      rel(row.lower2sExpected, "lower_2s_exp_events");
      rel(row.upper2sExpected, "upper_2s_exp_events");
      rel(row.lower3sExpected, "lower_3s_exp_events");
      rel(row.upper3sExpected, "upper_3s_exp_events");
      rel(row.lower2s, `lower_2s_${ratioType}`);
      rel(row.upper2s, `upper_2s_${ratioType}`);
      rel(row.lower3s, `lower_3s_${ratioType}`);
      rel(row.upper3s, `upper_3s_${ratioType}`);
      expect(row.baseline).toBe(ratioType === "isr" ? 100 : 0);
    });
  });

  it("reproduces PHE's DSR funnel per 100,000 over 3 years", () => {
    const rows = funnelLimits({
      statistic: "rate",
      rateType: "dsr",
      multiplier: 100_000,
      yearsOfData: 3,
      events: rateFunnelInputs.map((r) => req(r.ev)),
      rates: rateFunnelInputs.map((r) => req(r.rate)),
    });
    const expected = readCsv(fixture("phe-funnel-rate-outputs.csv"));
    expect(rows.map((r) => r.events)).toEqual(expected.map((e) => req(e.Events)));
    rows.forEach((row, i) => {
      const e = expected[i] as Record<string, string>;
      const rel = (a: number, col: string) => expect(close(a, req(e[col]), 1e-4)).toBe(true);
      rel(row.lower2s, "lower_2s_limit");
      rel(row.upper2s, "upper_2s_limit");
      rel(row.lower3s, "lower_3s_limit");
      rel(row.upper3s, "upper_3s_limit");
      rel(row.lower2sPopulation, "lower_2s_population_1_year");
      rel(row.upper2sPopulation, "upper_2s_population_1_year");
      rel(row.lower3sPopulation, "lower_3s_population_1_year");
      rel(row.upper3sPopulation, "upper_3s_population_1_year");
      rel(row.baseline, "baseline");
    });
  });
});

describe("funnelPoints", () => {
  const events = rateFunnelInputs.map((r) => req(r.ev));
  const rates = rateFunnelInputs.map((r) => req(r.rate));
  const check = (points: ReturnType<typeof funnelPoints>, rateCol: string, denCol: string) => {
    points.forEach((p, i) => {
      const e = rateFunnelInputs[i] as Record<string, string>;
      expect(close(p.rate, num(e[rateCol]), 1e-12)).toBe(true);
      expect(close(p.population, num(e[denCol]), 1e-9)).toBe(true);
    });
  };

  it("plots DSRs, leaving off units with fewer than 10 events", () => {
    const max = Math.max(...events);
    const ev = events.map((e) => (e === max ? 5 : e));
    check(
      funnelPoints({ events: ev, rates, rateType: "dsr", multiplier: 1e5, yearsOfData: 3 }),
      "rate_chart",
      "denominator_derived",
    );
  });

  it("plots crude rates, deriving populations from events and rates", () => {
    check(
      funnelPoints({ events, rates, rateType: "crude", multiplier: 1e5, yearsOfData: 3 }),
      "rate_chart_crude",
      "denominator_derived_crude",
    );
  });

  it("plots crude rates with a zero-event unit from its given population", () => {
    const max = Math.max(...events);
    const ev = events.map((e) => (e === max ? 0 : e));
    const pops = rateFunnelInputs.map((r) => req(r.pop));
    check(
      funnelPoints({
        events: ev,
        rates,
        denominators: pops,
        rateType: "crude",
        multiplier: 1e5,
        yearsOfData: 5,
      }),
      "rate_chart_crude_with_denom",
      "denominator_derived_crude_with_denom",
    );
  });
});
