import { describe, expect, it } from "vitest";
import { brier, calibration, calibrationBins, calibrationFlag, topFractions } from "../src/index.ts";

/** Rows with predicted p where exactly `events` of `n` have the outcome. */
function rows(groups: readonly [p: number, n: number, events: number][]) {
  const p: number[] = [];
  const y: number[] = [];
  for (const [pi, n, e] of groups) {
    for (let i = 0; i < n; i++) {
      p.push(pi);
      y.push(i < e ? 1 : 0);
    }
  }
  return { p, y };
}
const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe("calibration", () => {
  it("a perfectly calibrated score has slope 1 and intercept 0", () => {
    const { p, y } = rows([
      [0.2, 10, 2],
      [0.5, 10, 5],
      [0.8, 10, 8],
    ]);
    const c = calibration(p, y);
    expect(c.slope.value).toBeCloseTo(1, 8);
    expect(c.intercept.value).toBeCloseTo(0, 8);
    expect(c.observedOverExpected).toBeCloseTo(1, 12);
    expect(calibrationFlag(c)).toBeNull();
  });

  it("a score twice as extreme on the log-odds scale has slope one half", () => {
    const { p, y } = rows([
      [0.2, 10, 2],
      [0.5, 10, 5],
      [0.8, 10, 8],
    ]);
    const c = calibration(
      p.map((v) => sigmoid(2 * logit(v))),
      y,
    );
    expect(c.slope.value).toBeCloseTo(0.5, 8);
  });

  it("a constant score under-predicting has intercept logit(observed) − logit(predicted)", () => {
    const { p, y } = rows([[0.1, 1000, 200]]);
    expect(calibration(p, y).intercept.value).toBeCloseTo(logit(0.2) - logit(0.1), 8);
    const big = rows([
      [0.1, 5000, 1000],
      [0.3, 5000, 2500],
    ]);
    expect(calibrationFlag(calibration(big.p, big.y))).toMatch(/under-predicted/);
  });

  it("bins hold equal counts with Wilson intervals", () => {
    const { p, y } = rows([
      [0.1, 50, 5],
      [0.6, 50, 30],
    ]);
    const bins = calibrationBins(p, y, 2);
    expect(bins.map((b) => [b.n, b.events])).toEqual([
      [50, 5],
      [50, 30],
    ]);
    expect(bins[0]?.meanPredicted).toBeCloseTo(0.1, 12);
    expect(bins[1]?.meanPredicted).toBeCloseTo(0.6, 12);
    // Wilson 95% for 5/50: (0.043475, 0.213603) (Newcombe 1998, by the closed form).
    expect(bins[0]?.lower).toBeCloseTo(0.043475, 5);
    expect(bins[0]?.upper).toBeCloseTo(0.213603, 5);
  });
});

describe("brier and targeting", () => {
  it("Brier score of hand-computed predictions", () => {
    expect(brier([0.2, 0.9], [0, 1])).toBeCloseTo((0.04 + 0.01) / 2, 15);
  });

  it("sensitivity and PPV of the top fraction", () => {
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05];
    const labels = [1, 0, 1, 0, 0, 1, 0, 0, 0, 1];
    const [top10, top20, top50] = topFractions(scores, labels, [0.1, 0.2, 0.5]);
    expect(top10).toMatchObject({ selected: 1, truePositives: 1, sensitivity: 0.25, ppv: 1 });
    expect(top20).toMatchObject({ selected: 2, truePositives: 1, sensitivity: 0.25, ppv: 0.5 });
    expect(top50).toMatchObject({ selected: 5, truePositives: 2, sensitivity: 0.5, ppv: 0.4 });
  });
});
