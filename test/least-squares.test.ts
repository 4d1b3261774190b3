// The scaling fit against values worked by hand.
import { describe, expect, it } from "vitest";
import { fitLine } from "../scripts/least-squares.ts";

describe("fitLine", () => {
  it("matches a least-squares line worked by hand", () => {
    // mean x 2.5, mean y 3.75, Sxy 3.5, Sxx 5: slope 0.7, intercept 3.75 − 0.7 × 2.5 = 2.
    const { slope, intercept } = fitLine([1, 2, 3, 4], [2, 4, 5, 4]);
    expect(slope).toBeCloseTo(0.7, 12);
    expect(intercept).toBeCloseTo(2, 12);
  });

  it("gives the exponent of a power law on log–log axes", () => {
    // t = 3 · N^1.5 at N = 10^5, 10^6, 10^7.
    const n = [1e5, 1e6, 1e7];
    const { slope } = fitLine(
      n.map(Math.log),
      n.map((x) => Math.log(3 * x ** 1.5)),
    );
    expect(slope).toBeCloseTo(1.5, 10);
  });
});
