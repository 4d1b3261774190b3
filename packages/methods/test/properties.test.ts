// Property tests over seeded random inputs (a small in-house generator; fast-check is not a
// dependency of the repository yet): limits contain the estimate, widen with confidence and
// narrow with sample size; SPC flags do not change when the series is shifted by a constant.
import { describe, expect, it } from "vitest";
import { directlyStandardisedRate, ESP2013, proportion, rate, xmrChart } from "../src/index.ts";
import { uniformRandom } from "../src/random.ts";

const RUNS = 300;
function forAll(
  seed: number,
  body: (rnd: () => number, int: (lo: number, hi: number) => number) => void,
): void {
  const rnd = uniformRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  for (let i = 0; i < RUNS; i++) body(rnd, int);
}

describe("confidence-limit properties", () => {
  it("proportion limits contain the estimate, widen with confidence, narrow with sample size", () => {
    forAll(1, (rnd, int) => {
      const n = int(1, 100_000);
      const x = int(0, n);
      const p = proportion({ numerator: x, denominator: n, confidence: [0.9, 0.95, 0.998] });
      const lim = p.intervals.map((iv) => [iv.lower ?? 0, iv.upper ?? 1] as const);
      const [a, b, c] = [lim[0] ?? [0, 1], lim[1] ?? [0, 1], lim[2] ?? [0, 1]];
      expect(a[0] <= p.value + 1e-12 && p.value <= a[1] + 1e-12).toBe(true);
      expect(b[0] <= a[0] + 1e-12 && a[1] <= b[1] + 1e-12).toBe(true);
      expect(c[0] <= b[0] + 1e-12 && b[1] <= c[1] + 1e-12).toBe(true);
      const k = int(2, 10);
      const bigger = proportion({ numerator: x * k, denominator: n * k, confidence: 0.95 });
      expect((bigger.upper as number) - (bigger.lower as number)).toBeLessThanOrEqual(
        (p.upper as number) - (p.lower as number) + 1e-12,
      );
      void rnd;
    });
  });

  it("rate limits contain the estimate and widen with confidence (exact and Byars)", () => {
    forAll(2, (_rnd, int) => {
      const x = int(0, 5000);
      const n = int(Math.max(1, x), 1_000_000);
      const r = rate({ numerator: x, denominator: n, confidence: [0.95, 0.998] });
      const [i95, i998] = r.intervals;
      const lo95 = i95?.lower ?? 0;
      const lo998 = i998?.lower ?? 0;
      expect(lo95 <= r.value && r.value <= (i95?.upper as number)).toBe(true);
      expect(lo998 <= lo95 && (i95?.upper as number) <= (i998?.upper as number)).toBe(true);
    });
  });

  it("DSR limits contain the DSR and narrow as counts and populations scale up", () => {
    forAll(3, (_rnd, int) => {
      const populations = ESP2013.map(() => int(500, 50_000));
      const counts = populations.map((p) => int(0, Math.floor(p / 20)));
      const d = directlyStandardisedRate({ counts, populations, confidence: 0.95 });
      if (d.value === null) return;
      expect((d.lower as number) <= d.value && d.value <= (d.upper as number)).toBe(true);
      const scaled = directlyStandardisedRate({
        counts: counts.map((c) => c * 4),
        populations: populations.map((p) => p * 4),
        confidence: 0.95,
      });
      expect((scaled.upper as number) - (scaled.lower as number)).toBeLessThan(
        (d.upper as number) - (d.lower as number),
      );
    });
  });
});

describe("SPC properties", () => {
  it("special-cause flags are invariant to shifting the series by a constant", () => {
    forAll(4, (rnd, int) => {
      const n = int(8, 40);
      let level = 0;
      const values = Array.from({ length: n }, () => {
        level += rnd() < 0.1 ? (rnd() - 0.5) * 10 : 0;
        return Math.round((level + (rnd() - 0.5) * 4) * 8) / 8;
      });
      const shift = int(-1000, 1000);
      const a = xmrChart({ values, improvement: "increase" });
      const b = xmrChart({ values: values.map((v) => v + shift), improvement: "increase" });
      expect(b.points.map((p) => p.specialCause)).toEqual(a.points.map((p) => p.specialCause));
      expect(b.variation).toBe(a.variation);
    });
  });
});
