// Property tests (fast-check, seeded): limits contain the estimate, widen with confidence and
// narrow with sample size; SPC flags do not change when the series is shifted by a constant.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { directlyStandardisedRate, ESP2013, proportion, rate, xmrChart } from "../src/index.ts";

const RUNS = { numRuns: 300 };
const EPS = 1e-12;

describe("confidence-limit properties", () => {
  it("proportion limits contain the estimate, widen with confidence, narrow with sample size", () => {
    const input = fc
      .integer({ min: 1, max: 100_000 })
      .chain((n) =>
        fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 2, max: 10 })),
      );
    fc.assert(
      fc.property(input, ([n, x, k]) => {
        const p = proportion({ numerator: x, denominator: n, confidence: [0.9, 0.95, 0.998] });
        const lim = p.intervals.map((iv) => [iv.lower ?? 0, iv.upper ?? 1] as const);
        const [a, b, c] = [lim[0] ?? [0, 1], lim[1] ?? [0, 1], lim[2] ?? [0, 1]];
        expect(a[0] <= p.value + EPS && p.value <= a[1] + EPS).toBe(true);
        expect(b[0] <= a[0] + EPS && a[1] <= b[1] + EPS).toBe(true);
        expect(c[0] <= b[0] + EPS && b[1] <= c[1] + EPS).toBe(true);
        const bigger = proportion({ numerator: x * k, denominator: n * k, confidence: 0.95 });
        expect((bigger.upper as number) - (bigger.lower as number)).toBeLessThanOrEqual(
          (p.upper as number) - (p.lower as number) + EPS,
        );
      }),
      { ...RUNS, seed: 1 },
    );
  });

  it("rate limits contain the estimate and widen with confidence (exact and Byars)", () => {
    const input = fc
      .integer({ min: 0, max: 5000 })
      .chain((x) => fc.tuple(fc.constant(x), fc.integer({ min: Math.max(1, x), max: 1_000_000 })));
    fc.assert(
      fc.property(input, ([x, n]) => {
        const r = rate({ numerator: x, denominator: n, confidence: [0.95, 0.998] });
        const [i95, i998] = r.intervals;
        const lo95 = i95?.lower ?? 0;
        const lo998 = i998?.lower ?? 0;
        expect(lo95 <= r.value && r.value <= (i95?.upper as number)).toBe(true);
        expect(lo998 <= lo95 && (i95?.upper as number) <= (i998?.upper as number)).toBe(true);
      }),
      { ...RUNS, seed: 2 },
    );
  });

  it("DSR limits contain the DSR and narrow as counts and populations scale up", () => {
    const band = fc
      .integer({ min: 500, max: 50_000 })
      .chain((p) => fc.tuple(fc.constant(p), fc.integer({ min: 0, max: Math.floor(p / 20) })));
    fc.assert(
      fc.property(fc.array(band, { minLength: ESP2013.length, maxLength: ESP2013.length }), (bands) => {
        const populations = bands.map(([p]) => p);
        const counts = bands.map(([, c]) => c);
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
      }),
      { ...RUNS, seed: 3 },
    );
  });
});

describe("SPC properties", () => {
  it("special-cause flags are invariant to shifting the series by a constant", () => {
    // Values on a 1/8 grid keep the shifted arithmetic exact.
    const series = fc.array(
      fc.integer({ min: -400, max: 400 }).map((v) => v / 8),
      { minLength: 8, maxLength: 40 },
    );
    fc.assert(
      fc.property(series, fc.integer({ min: -1000, max: 1000 }), (values, shift) => {
        const a = xmrChart({ values, improvement: "increase" });
        const b = xmrChart({ values: values.map((v) => v + shift), improvement: "increase" });
        expect(b.points.map((p) => p.specialCause)).toEqual(a.points.map((p) => p.specialCause));
        expect(b.variation).toBe(a.variation);
      }),
      { ...RUNS, seed: 4 },
    );
  });
});
