// Each distribution's sampler against its theoretical mean and variance: 200,000 draws, the
// sample mean within 4 standard errors (σ/√n) and the sample variance within 4 of its own
// standard errors (√((m4 − s⁴)/n), from the sample's fourth central moment). The theory is
// the textbook's: triangular (a+b+c)/3 and (a²+b²+c²−ab−ac−bc)/18; lognormal e^(μ+σ²/2) and
// (e^σ² − 1)e^(2μ+σ²); beta a/(a+b) and ab/((a+b)²(a+b+1)); uniform (a+b)/2 and (b−a)²/12.
import { describe, expect, it } from "vitest";
import { type Distribution, draw, meanOf, quantileOf, Random, varianceOf } from "../src/index.ts";

const N = 200_000;

const CASES: [string, Distribution, number, number][] = [
  ["triangular [0, 0.2, 1]", { triangular: [0, 0.2, 1] }, 0.4, (0 + 1 + 0.04 - 0 - 0 - 0.2) / 18],
  [
    "triangular [100, 300, 300]",
    { triangular: [100, 300, 300] },
    700 / 3,
    (10000 + 90000 + 90000 - 30000 - 30000 - 90000) / 18,
  ],
  ["normal [250, 40]", { normal: [250, 40] }, 250, 1600],
  ["lognormal [7, 0.5]", { lognormal: [7, 0.5] }, Math.exp(7.125), (Math.exp(0.25) - 1) * Math.exp(14.25)],
  ["beta [2, 5]", { beta: [2, 5] }, 2 / 7, 10 / (49 * 8)],
  ["beta [0.5, 0.5]", { beta: [0.5, 0.5] }, 0.5, 0.25 / 2],
  ["beta [30, 70]", { beta: [30, 70] }, 0.3, 2100 / (10000 * 101)],
  ["uniform [0.1, 0.4]", { uniform: [0.1, 0.4] }, 0.25, 0.09 / 12],
];

describe("distributions", () => {
  it.each(CASES)("%s: sample mean and variance match theory", (_, d, mean, variance) => {
    expect(Math.abs(meanOf(d) - mean)).toBeLessThanOrEqual(1e-12 * Math.abs(mean));
    expect(Math.abs(varianceOf(d) - variance)).toBeLessThanOrEqual(1e-12 * variance);
    const rng = new Random(20261207, 3);
    const x = new Float64Array(N);
    for (let i = 0; i < N; i++) x[i] = draw(d, rng);
    let m = 0;
    for (const v of x) m += v;
    m /= N;
    let m2 = 0;
    let m4 = 0;
    for (const v of x) {
      const e = (v - m) ** 2;
      m2 += e;
      m4 += e * e;
    }
    const s2 = m2 / (N - 1);
    m4 /= N;
    expect(Math.abs(m - mean)).toBeLessThan(4 * Math.sqrt(variance / N));
    expect(Math.abs(s2 - variance)).toBeLessThan(4 * Math.sqrt((m4 - s2 * s2) / N));
  });

  it.each(CASES)("%s: the quantile function inverts the sampler (10th and 90th centiles)", (_, d) => {
    const rng = new Random(99, 1);
    const x = Float64Array.from({ length: 50_000 }, () => draw(d, rng)).sort();
    for (const p of [0.1, 0.9]) {
      const q = quantileOf(d, p);
      let below = 0;
      for (const v of x) if (v <= q) below++;
      // √(p(1−p)/n) = 0.00134.
      expect(Math.abs(below / x.length - p)).toBeLessThan(4 * 0.00134);
    }
  });

  it("triangular quantiles by hand: [0, 0.2, 1] at 0.1 is √(0.1 × 1 × 0.2) = 0.141421…", () => {
    expect(quantileOf({ triangular: [0, 0.2, 1] }, 0.1)).toBeCloseTo(Math.sqrt(0.02), 12);
    expect(quantileOf({ triangular: [0, 0.2, 1] }, 0.9)).toBeCloseTo(1 - Math.sqrt(0.1 * 0.8), 12);
  });

  it("streams from one seed are reproducible and distinct", () => {
    const a = new Random(5, 1);
    const b = new Random(5, 1);
    const c = new Random(5, 2);
    const xs = [a.uniform(), a.uniform()];
    expect([b.uniform(), b.uniform()]).toEqual(xs);
    expect(c.uniform()).not.toBe(xs[0]);
  });
});
