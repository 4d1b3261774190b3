// PHEindicatormethods testdata_Rate (per 100 and per 100,000 at 95% and 99.8%; exact below 10
// events, Byars from 10) and testdata_Rate_g; relative tolerance 1e-9.
import { describe, expect, it } from "vitest";
import { MethodsInputError, rate } from "../src/index.ts";
import { close, num, pheSheet, req } from "./vectors.ts";

const complete = (rows: Record<string, string>[]) =>
  rows.filter((r) => num(r.Numerator) !== null && num(r.Denominator) !== null);

describe("rate (exact / Byars)", () => {
  it.each(
    complete(pheSheet("testdata_Rate__testdata_Rate.csv")).map((r) => [r.Area, r.multiplier, r] as const),
  )("%s per %s", (_a, _m, r) => {
    const x = rate({
      numerator: req(r.Numerator),
      denominator: req(r.Denominator),
      multiplier: req(r.multiplier),
    });
    expect(close(x.value, req(r.value), 1e-12)).toBe(true);
    const [i95, i998] = x.intervals;
    expect(close(i95?.lower ?? null, num(r.lower95_0cl), 1e-9)).toBe(true);
    expect(close(i95?.upper ?? null, num(r.upper95_0cl), 1e-9)).toBe(true);
    expect(close(i998?.lower ?? null, num(r.lower99_8cl), 1e-9)).toBe(true);
    expect(close(i998?.upper ?? null, num(r.upper99_8cl), 1e-9)).toBe(true);
    expect(x.method).toBe(r.method);
  });

  it.each(complete(pheSheet("testdata_Rate__testdata_Rate_g.csv")).map((r) => [r.Area, r] as const))(
    "%s at 95%%",
    (_a, r) => {
      const x = rate({
        numerator: req(r.Numerator),
        denominator: req(r.Denominator),
        confidence: 0.95,
        multiplier: req(r.multiplier),
      });
      expect(close(x.lower, num(r.lowercl), 1e-9)).toBe(true);
      expect(close(x.upper, num(r.uppercl), 1e-9)).toBe(true);
    },
  );

  it("rejects negative counts and non-positive denominators", () => {
    expect(() => rate({ numerator: -2, denominator: 10 })).toThrow(MethodsInputError);
    expect(() => rate({ numerator: 2, denominator: 0 })).toThrow(/denominator: must be greater than zero/);
  });
});
