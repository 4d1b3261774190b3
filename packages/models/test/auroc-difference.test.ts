import { describe, expect, it } from "vitest";
import { aurocDifferenceWithCi, ModelInputError } from "../src/index.ts";
import { seededUniform } from "../src/random.ts";

describe("paired AUROC difference", () => {
  it("a perfect ranking against a reversed one differs by exactly 1 in every replicate", () => {
    const d = aurocDifferenceWithCi([1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1], [0, 0, 0, 1, 1, 1], {
      replicates: 50,
    });
    expect(d.difference).toBe(1);
    expect(d.a.auroc).toBe(1);
    expect(d.b.auroc).toBe(0);
    expect([d.lower, d.upper]).toEqual([1, 1]);
  });

  it("is paired: a monotone transform of a score has the same AUROC in every replicate", () => {
    const u = seededUniform(5);
    const n = 2000;
    const y = new Uint8Array(n);
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = u() < 0.1 ? 1 : 0;
      a[i] = u() + (y[i] ? 0.3 : 0);
    }
    const b = a.map((x) => Math.exp(3 * x));
    const d = aurocDifferenceWithCi(a, b, y, { replicates: 100, seed: 2 });
    expect(d.difference).toBe(0);
    expect([d.lower, d.upper]).toEqual([0, 0]);
    // Each score on its own still has a CI of real width.
    expect(d.a.upper - d.a.lower).toBeGreaterThan(0.02);
  });

  it("agrees with DeLong's variance of the difference of two correlated AUROCs", () => {
    const u = seededUniform(11);
    const v = seededUniform(12);
    const z = () => Math.sqrt(-2 * Math.log(1 - v())) * Math.cos(2 * Math.PI * v());
    const n = 3000;
    const y = new Uint8Array(n);
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = u() < 0.15 ? 1 : 0;
      const shared = z();
      a[i] = shared + (y[i] ? 1.0 : 0);
      b[i] = 0.7 * shared + 0.7 * z() + (y[i] ? 0.6 : 0);
    }
    const d = aurocDifferenceWithCi(a, b, y, { replicates: 400, seed: 3 });
    // DeLong, DeLong & Clarke-Pearson (1988), Biometrics 44:837-45: structural components.
    const pos = [...y.keys()].filter((i) => y[i] === 1);
    const neg = [...y.keys()].filter((i) => y[i] === 0);
    const psi = (x: number, w: number) => (x > w ? 1 : x === w ? 0.5 : 0);
    const components = (s: Float64Array) => {
      const v10 = pos.map((i) => neg.reduce((t, j) => t + psi(s[i] ?? 0, s[j] ?? 0), 0) / neg.length);
      const v01 = neg.map((j) => pos.reduce((t, i) => t + psi(s[i] ?? 0, s[j] ?? 0), 0) / pos.length);
      return { v10, v01, auc: v10.reduce((t, x) => t + x, 0) / pos.length };
    };
    const ca = components(a);
    const cb = components(b);
    const cov = (x: number[], mx: number, w: number[], mw: number) =>
      x.reduce((t, xi, k) => t + (xi - mx) * ((w[k] ?? 0) - mw), 0) / (x.length - 1);
    const s10 =
      cov(ca.v10, ca.auc, ca.v10, ca.auc) +
      cov(cb.v10, cb.auc, cb.v10, cb.auc) -
      2 * cov(ca.v10, ca.auc, cb.v10, cb.auc);
    const s01 =
      cov(ca.v01, ca.auc, ca.v01, ca.auc) +
      cov(cb.v01, cb.auc, cb.v01, cb.auc) -
      2 * cov(ca.v01, ca.auc, cb.v01, cb.auc);
    const se = Math.sqrt(s10 / pos.length + s01 / neg.length);
    expect(d.difference).toBeCloseTo(ca.auc - cb.auc, 12);
    const bootSe = (d.upper - d.lower) / (2 * 1.959964);
    expect(bootSe / se).toBeGreaterThan(0.8);
    expect(bootSe / se).toBeLessThan(1.25);
  });

  it("rejects mismatched lengths and non-finite scores", () => {
    expect(() => aurocDifferenceWithCi([1, 2], [1], [0, 1])).toThrow(ModelInputError);
    expect(() => aurocDifferenceWithCi([1, Number.NaN], [1, 2], [0, 1])).toThrow(ModelInputError);
  });
});
