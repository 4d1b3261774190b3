// Comparisons between groups. No shared vectors cover these, so they are checked against
// published or independently computed values: Newcombe (Stat Med 1998;17:873-90, Table II,
// method 10) to the paper's 4 decimal places; chi-squared, z-test, relative risk and BH
// against SciPy 1.17 (chi2_contingency without correction, contingency.relative_risk,
// false_discovery_control) to 1e-9 relative; Holm worked by hand from its definition.
import { describe, expect, it } from "vitest";
import {
  benjaminiHochberg,
  chiSquaredTest,
  holm,
  MethodsInputError,
  proportionDifference,
  proportionRatio,
  rateRatio,
  twoProportionZTest,
} from "../src/index.ts";
import { close } from "./vectors.ts";

const g = (numerator: number, denominator: number) => ({ numerator, denominator });
const dp4 = (a: number, b: number) => Math.abs(a - b) <= 5e-5;

describe("comparisons between groups", () => {
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
  ])("Newcombe hybrid score: %i/%i − %i/%i", (x1, n1, x2, n2, lo, hi) => {
    const d = proportionDifference(g(x1, n1), g(x2, n2));
    expect(dp4(d.lower, lo)).toBe(true);
    expect(dp4(d.upper, hi)).toBe(true);
  });

  it("relative risk with the log interval (SciPy relative_risk)", () => {
    const r = proportionRatio(g(56, 70), g(48, 80));
    expect(close(r.estimate, 1.3333333333333335, 1e-12)).toBe(true);
    expect(close(r.lower, 1.076626422763193, 1e-9)).toBe(true);
    expect(close(r.upper, 1.651248511266387, 1e-9)).toBe(true);
  });

  it("two-proportion z-test equals the 2×2 chi-squared test (SciPy)", () => {
    const z = twoProportionZTest(g(56, 70), g(48, 80));
    expect(close(z.statistic, 2.6501719512585336, 1e-9)).toBe(true);
    expect(close(z.pValue, 0.00804508136819656, 1e-9)).toBe(true);
    const c = chiSquaredTest([
      [56, 14],
      [48, 32],
    ]);
    expect(close(c.statistic, 7.023411371237456, 1e-9)).toBe(true);
    expect(close(c.pValue, 0.008045081368196585, 1e-9)).toBe(true);
    expect(c.degreesOfFreedom).toBe(1);
  });

  it("chi-squared test on a 2×3 table (SciPy)", () => {
    const c = chiSquaredTest([
      [20, 30, 50],
      [40, 35, 25],
    ]);
    expect(close(c.statistic, 15.384615384615387, 1e-9)).toBe(true);
    expect(close(c.pValue, 0.0004563239005810305, 1e-9)).toBe(true);
    expect(c.degreesOfFreedom).toBe(2);
  });

  it("rate ratio equals the ratio of rates, with limits either side", () => {
    const r = rateRatio(g(30, 10_000), g(15, 10_000));
    expect(r.estimate).toBe(2);
    expect(r.lower < 2 && r.upper > 2).toBe(true);
  });

  it("rejects invalid groups and tables", () => {
    expect(() => proportionDifference(g(11, 10), g(1, 10))).toThrow(MethodsInputError);
    expect(() => chiSquaredTest([[1, 2]])).toThrow(/2 rows/);
    expect(() => chiSquaredTest([[1, 2], [3]])).toThrow(/columns/);
  });
});

describe("multiple-comparison adjustment", () => {
  const p = [0.01, 0.04, 0.03, 0.005];
  it("Holm (by hand: sorted p × (m − rank + 1), running maximum)", () => {
    expect(holm(p).map((v) => Number(v.toFixed(12)))).toEqual([0.03, 0.06, 0.06, 0.02]);
  });
  it("Benjamini–Hochberg (SciPy false_discovery_control)", () => {
    expect(benjaminiHochberg(p).map((v) => Number(v.toFixed(12)))).toEqual([0.02, 0.04, 0.04, 0.02]);
  });
  it("caps at 1 and rejects values outside [0, 1]", () => {
    expect(holm([0.6, 0.7])).toEqual([1, 1]);
    expect(() => benjaminiHochberg([0.2, 1.2])).toThrow(/pValues\[1\]/);
  });
});
