import { describe, expect, it } from "vitest";
import { auroc, aurocWithCi, ModelInputError } from "../src/index.ts";
import { seededUniform } from "../src/random.ts";

describe("auroc", () => {
  it("counts concordant pairs of a known ranking", () => {
    // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs concordant.
    expect(auroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(auroc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(auroc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
  });

  it("counts ties as one half", () => {
    expect(auroc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    // Positive 2 vs negatives 1 (win) and 2 (tie); positive 3 wins both: (1 + 0.5 + 2) / 4.
    expect(auroc([1, 2, 2, 3], [0, 0, 1, 1])).toBe(0.875);
  });

  it("does not depend on row order", () => {
    expect(auroc([0.8, 0.35, 0.4, 0.1], [1, 1, 0, 0])).toBe(0.75);
  });

  it("rejects labels that are not 0/1 and scores that are not finite", () => {
    expect(() => auroc([0.1, 0.2], [0, 2])).toThrow(ModelInputError);
    expect(() => auroc([0.1, Number.NaN], [0, 1])).toThrow(ModelInputError);
  });

  it("bootstrap interval agrees with the Hanley–McNeil standard error and is reproducible", () => {
    const u = seededUniform(3);
    const v = seededUniform(4);
    const z = () => Math.sqrt(-2 * Math.log(1 - v())) * Math.cos(2 * Math.PI * v());
    const n = 3000;
    const y = new Uint8Array(n);
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = u() < 0.2 ? 1 : 0;
      s[i] = z() + (y[i] ? 1.2 : 0);
    }
    const est = aurocWithCi(s, y, { replicates: 400, seed: 9 });
    const a = est.auroc;
    let n1 = 0;
    for (const v of y) n1 += v;
    const n0 = n - n1;
    // Hanley & McNeil (1982), Radiology 143:29-36.
    const q1 = a / (2 - a);
    const q2 = (2 * a * a) / (1 + a);
    const se = Math.sqrt((a * (1 - a) + (n1 - 1) * (q1 - a * a) + (n0 - 1) * (q2 - a * a)) / (n1 * n0));
    const bootSe = (est.upper - est.lower) / (2 * 1.959964);
    expect(bootSe / se).toBeGreaterThan(0.8);
    expect(bootSe / se).toBeLessThan(1.25);
    expect(est.lower).toBeLessThan(a);
    expect(est.upper).toBeGreaterThan(a);
    expect(aurocWithCi(s, y, { replicates: 400, seed: 9 })).toEqual(est);
  });
});
