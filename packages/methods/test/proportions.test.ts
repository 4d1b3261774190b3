// PHEindicatormethods testdata_Proportion (95% and 99.8%, multipliers 1 and 100) and
// testdata_Prop_g; relative tolerance 1e-9. Rows with a blank numerator or denominator are
// input the source skips (NA in, NA out); this API rejects missing numbers instead.
import { describe, expect, it } from "vitest";
import { MethodsInputError, proportion } from "../src/index.ts";
import { close, num, pheSheet, req } from "./vectors.ts";

const complete = (rows: Record<string, string>[]) =>
  rows.filter((r) => num(r.Numerator) !== null && num(r.Denominator) !== null);

describe("proportion (Wilson)", () => {
  it.each(
    complete(pheSheet("testdata_Proportion__testdata_Prop.csv")).map(
      (r) => [r.Area, r.multiplier, r] as const,
    ),
  )("%s × %s at 95%% and 99.8%%", (_a, _m, r) => {
    const p = proportion({
      numerator: req(r.Numerator),
      denominator: req(r.Denominator),
      multiplier: req(r.multiplier),
    });
    expect(close(p.value, req(r.value), 1e-12)).toBe(true);
    const [i95, i998] = p.intervals;
    expect(close(i95?.lower ?? null, num(r.lower95_0cl), 1e-9)).toBe(true);
    expect(close(i95?.upper ?? null, num(r.upper95_0cl), 1e-9)).toBe(true);
    expect(close(i998?.lower ?? null, num(r.lower99_8cl), 1e-9)).toBe(true);
    expect(close(i998?.upper ?? null, num(r.upper99_8cl), 1e-9)).toBe(true);
    expect(p.method).toBe(r.method);
  });

  it.each(complete(pheSheet("testdata_Proportion__testdata_Prop_g.csv")).map((r) => [r.Area, r] as const))(
    "%s at 95%%",
    (_a, r) => {
      const p = proportion({
        numerator: req(r.Numerator),
        denominator: req(r.Denominator),
        confidence: 0.95,
      });
      expect(close(p.lower, num(r.lowercl), 1e-9)).toBe(true);
      expect(close(p.upper, num(r.uppercl), 1e-9)).toBe(true);
    },
  );

  it("rejects a numerator above the denominator, negative counts and zero denominators", () => {
    expect(() => proportion({ numerator: 11, denominator: 10 })).toThrow(MethodsInputError);
    expect(() => proportion({ numerator: -1, denominator: 10 })).toThrow(/numerator/);
    expect(() => proportion({ numerator: 1, denominator: 0 })).toThrow(/denominator/);
    expect(() => proportion({ numerator: 1, denominator: 10, confidence: 95 })).toThrow(/fraction/);
    try {
      proportion({ numerator: 11, denominator: 10 });
    } catch (e) {
      expect((e as MethodsInputError).code).toBe("numerator_exceeds_denominator");
    }
  });
});
