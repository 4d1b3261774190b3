// Calibration of predicted probabilities: logistic recalibration (Cox 1958) gives the slope
// (y on logit p; 1 is ideal, < 1 means predictions too extreme) and the calibration-in-the-
// large intercept (y with logit p as an offset; 0 is ideal, > 0 means risk under-predicted);
// equal-count bins give the calibration plot, each observed proportion with a Wilson interval.
import { wilsonLower, wilsonUpper } from "@bevan/methods";
import { ModelInputError, sameLength } from "./errors.ts";
import { fitLogistic, logit } from "./logistic.ts";
import { ascendingOrder } from "./order.ts";

export interface Estimate {
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
}

export interface Calibration {
  readonly slope: Estimate;
  readonly intercept: Estimate;
  /** Observed events ÷ sum of predicted probabilities. */
  readonly observedOverExpected: number;
}

export interface CalibrationBin {
  readonly n: number;
  readonly meanPredicted: number;
  readonly events: number;
  readonly observed: number;
  /** 95% Wilson interval of the observed proportion. */
  readonly lower: number;
  readonly upper: number;
}

const Z95 = 1.959963984540054;

export function calibration(predicted: ArrayLike<number>, labels: ArrayLike<number>): Calibration {
  sameLength(predicted.length, labels.length, "labels");
  const n = predicted.length;
  const lp = new Float64Array(n);
  let expected = 0;
  let observed = 0;
  for (let i = 0; i < n; i++) {
    const p = predicted[i] ?? Number.NaN;
    if (!(p >= 0 && p <= 1)) throw new ModelInputError("predicted", `value ${i} is not a probability`);
    lp[i] = logit(Math.min(1 - 1e-12, Math.max(1e-12, p)));
    expected += p;
    observed += labels[i] ?? 0;
  }
  // The slope is undefined when every prediction is the same.
  let varies = false;
  for (let i = 1; i < n && !varies; i++) varies = lp[i] !== lp[0];
  const slopeFit = varies
    ? fitLogistic({ x: lp, rows: n, features: 1, y: labels }, { lambda: 0, standardise: false })
    : null;
  const slope = slopeFit?.coefficients[0] ?? Number.NaN;
  const slopeSe = Math.sqrt(slopeFit?.covariance[3] ?? Number.NaN);
  const largeFit = fitLogistic(
    { x: new Float64Array(0), rows: n, features: 0, y: labels, offset: lp },
    { lambda: 0, standardise: false },
  );
  const interceptSe = Math.sqrt(largeFit.covariance[0] ?? Number.NaN);
  return {
    slope: { value: slope, lower: slope - Z95 * slopeSe, upper: slope + Z95 * slopeSe },
    intercept: {
      value: largeFit.intercept,
      lower: largeFit.intercept - Z95 * interceptSe,
      upper: largeFit.intercept + Z95 * interceptSe,
    },
    observedOverExpected: expected > 0 ? observed / expected : Number.NaN,
  };
}

/** Equal-count bins of predicted risk (the last bins take the remainder), lowest risk first. */
export function calibrationBins(
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): CalibrationBin[] {
  sameLength(predicted.length, labels.length, "labels");
  if (!Number.isInteger(bins) || bins < 1) throw new ModelInputError("bins", "must be a whole number ≥ 1");
  const order = ascendingOrder(predicted);
  const n = order.length;
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const start = Math.floor((b * n) / bins);
    const end = Math.floor(((b + 1) * n) / bins);
    if (end <= start) continue;
    let sumP = 0;
    let events = 0;
    for (let i = start; i < end; i++) {
      const row = order[i] ?? 0;
      sumP += predicted[row] ?? 0;
      events += labels[row] ?? 0;
    }
    const m = end - start;
    out.push({
      n: m,
      meanPredicted: sumP / m,
      events,
      observed: events / m,
      lower: wilsonLower(events, m, 0.95),
      upper: wilsonUpper(events, m, 0.95),
    });
  }
  return out;
}
