import { describe, expect, it } from "vitest";
import { baselineLogOdds, contributions, fitLogistic, linearPredictor, topFactors } from "../src/index.ts";

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** One binary feature: 3 of 10 events when x = 0, 6 of 8 when x = 1. */
function binaryData() {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 10; i++) {
    x.push(0);
    y.push(i < 3 ? 1 : 0);
  }
  for (let i = 0; i < 8; i++) {
    x.push(1);
    y.push(i < 6 ? 1 : 0);
  }
  return { x: Float64Array.from(x), y: Uint8Array.from(y), rows: x.length, features: 1 };
}

/**
 * Independent solver for ½·deviance + ½λβ₁² with one standardised feature: nested bisection
 * on the two score equations Σ(y − μ) = 0 and Σ(y − μ)z = λβ₁ (both monotone).
 */
function bisectionSolve(z: readonly number[], y: readonly number[], lambda: number) {
  const interceptFor = (b1: number) => {
    let lo = -30;
    let hi = 30;
    for (let k = 0; k < 200; k++) {
      const mid = (lo + hi) / 2;
      const g = y.reduce((s, yi, i) => s + yi - sigmoid(mid + b1 * (z[i] ?? 0)), 0);
      if (g > 0) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  let lo = -30;
  let hi = 30;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    const b0 = interceptFor(mid);
    const g =
      y.reduce((s, yi, i) => s + (yi - sigmoid(b0 + mid * (z[i] ?? 0))) * (z[i] ?? 0), 0) - lambda * mid;
    if (g > 0) lo = mid;
    else hi = mid;
  }
  const b1 = (lo + hi) / 2;
  return { b0: interceptFor(b1), b1 };
}

describe("fitLogistic", () => {
  it("maximum likelihood with one binary feature equals the closed form", () => {
    const d = binaryData();
    for (const standardise of [true, false]) {
      const fit = fitLogistic(d, { lambda: 0, standardise });
      expect(fit.converged).toBe(true);
      expect(fit.intercept).toBeCloseTo(logit(0.3), 9);
      expect(fit.coefficients[0]).toBeCloseTo(logit(0.75) - logit(0.3), 9);
      // Variance of the log odds ratio: 1/a + 1/b + 1/c + 1/d (Woolf).
      expect(fit.covariance[3]).toBeCloseTo(1 / 3 + 1 / 7 + 1 / 6 + 1 / 2, 8);
    }
  });

  it("the L2-penalised fit matches an independent bisection solution", () => {
    const xs = [0.3, 1.2, -0.7, 2.5, 0.1, -1.4, 0.9, 1.8, -0.2, 0.6, 3.1, -2.0];
    const ys = [0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0];
    const y2 = [1, 1, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0];
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    const z = xs.map((v) => (v - mean) / sd);
    for (const [y, lambda] of [
      [ys, 2],
      [y2, 0.5],
      [y2, 10],
    ] as const) {
      const fit = fitLogistic({ x: Float64Array.from(xs), rows: xs.length, features: 1, y }, { lambda });
      const ref = bisectionSolve(z, y, lambda);
      expect(fit.coefficients[0]).toBeCloseTo(ref.b1 / sd, 8);
      expect(fit.intercept).toBeCloseTo(ref.b0 - (ref.b1 * mean) / sd, 8);
    }
  });

  it("is deterministic and a constant feature gets a zero coefficient", () => {
    const d = binaryData();
    const x = new Float64Array(d.rows * 2);
    for (let i = 0; i < d.rows; i++) {
      x[2 * i] = d.x[i] ?? 0;
      x[2 * i + 1] = 7;
    }
    const a = fitLogistic({ ...d, x, features: 2 }, { lambda: 0 });
    expect(a.coefficients[1]).toBe(0);
    expect(a.coefficients[0]).toBeCloseTo(logit(0.75) - logit(0.3), 9);
    expect(fitLogistic({ ...d, x, features: 2 }, { lambda: 0 })).toEqual(a);
  });

  it("explanations are exact: contributions plus the average person's log-odds give the person's log-odds", () => {
    const model = { intercept: -2, coefficients: [0.5, -1, 0.25], means: [1, 0.5, 4] };
    const row = [3, 0, 2];
    const c = contributions(model, row);
    expect([...c]).toEqual([1, 0.5, -0.5]);
    const lp = linearPredictor(model as never, Float64Array.from(row), 1)[0] ?? 0;
    expect(baselineLogOdds(model) + c.reduce((a, b) => a + b, 0)).toBeCloseTo(lp, 12);
    expect(topFactors(model, row, 5)).toEqual([
      { feature: 0, contribution: 1 },
      { feature: 1, contribution: 0.5 },
    ]);
  });
});
