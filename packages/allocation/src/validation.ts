// How well a formula would have shared out what was actually spent: predictions are scaled to
// the actual total first (a fair-share formula divides a fixed budget, so only relative
// predictions matter), then compared with actual costs per person, per group (practice,
// PCN: per head, weighted by list size), by decile of prediction (calibration) and by group
// (residuals by deprivation, ethnicity, practice). Raw capitation scores R² = 0 by
// construction: it predicts the same for everyone.
import { normalQuantile } from "@bevan/methods";
import { AllocationInputError } from "./errors.ts";

function check(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (actual.length !== predicted.length)
    throw new AllocationInputError("predicted", `has ${predicted.length} values, expected ${actual.length}`);
  if (actual.length === 0) throw new AllocationInputError("actual", "is empty");
  return actual.length;
}

/** Predictions scaled so they sum to the actual total. */
export function scaleToTotal(actual: ArrayLike<number>, predicted: ArrayLike<number>): Float64Array {
  const n = check(actual, predicted);
  let a = 0;
  let p = 0;
  for (let i = 0; i < n; i++) {
    a += actual[i] ?? 0;
    p += predicted[i] ?? 0;
  }
  const k = p > 0 ? a / p : 0;
  return Float64Array.from({ length: n }, (_, i) => k * (predicted[i] ?? 0));
}

/** 1 − Σ(y − ŷ)² / Σ(y − ȳ)², on predictions already scaled to the actual total. */
export function rSquared(actual: ArrayLike<number>, scaled: ArrayLike<number>): number {
  const n = check(actual, scaled);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i] ?? 0;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const y = actual[i] ?? 0;
    ssRes += (y - (scaled[i] ?? 0)) ** 2;
    ssTot += (y - mean) ** 2;
  }
  return ssTot > 0 ? 1 - ssRes / ssTot : 0;
}

export interface GroupTotals {
  readonly group: number;
  readonly n: number;
  readonly actual: number;
  readonly predicted: number;
}

/** Sums of actual and (scaled) predicted cost and people per group index. */
export function groupTotals(
  group: ArrayLike<number>,
  actual: ArrayLike<number>,
  scaled: ArrayLike<number>,
): GroupTotals[] {
  const n = check(actual, scaled);
  const by = new Map<number, { n: number; actual: number; predicted: number }>();
  for (let i = 0; i < n; i++) {
    const g = group[i] ?? -1;
    const t = by.get(g) ?? { n: 0, actual: 0, predicted: 0 };
    t.n++;
    t.actual += actual[i] ?? 0;
    t.predicted += scaled[i] ?? 0;
    by.set(g, t);
  }
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([g, t]) => ({ group: g, ...t }));
}

/**
 * R² of cost per head across groups (practices, PCNs), weighted by the number of people:
 * 1 − Σ nₖ(yₖ − ŷₖ)² / Σ nₖ(yₖ − ȳ)², per-head values from scaled predictions.
 */
export function groupRSquared(totals: readonly GroupTotals[]): number {
  let people = 0;
  let spend = 0;
  for (const t of totals) {
    people += t.n;
    spend += t.actual;
  }
  if (people === 0) return 0;
  const mean = spend / people;
  let ssRes = 0;
  let ssTot = 0;
  for (const t of totals) {
    if (t.n === 0) continue;
    ssRes += t.n * (t.actual / t.n - t.predicted / t.n) ** 2;
    ssTot += t.n * (t.actual / t.n - mean) ** 2;
  }
  return ssTot > 0 ? 1 - ssRes / ssTot : 0;
}

export interface CalibrationBin {
  readonly bin: number;
  readonly n: number;
  readonly meanPredicted: number;
  readonly meanActual: number;
}

/** People in `bins` equal groups by scaled prediction (ties kept in input order): mean predicted and actual cost. */
export function calibrationBins(
  actual: ArrayLike<number>,
  scaled: ArrayLike<number>,
  bins = 10,
): CalibrationBin[] {
  const n = check(actual, scaled);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scaled[a] ?? 0) - (scaled[b] ?? 0) || a - b,
  );
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * n) / bins);
    const to = Math.floor(((b + 1) * n) / bins);
    let p = 0;
    let a = 0;
    for (let k = from; k < to; k++) {
      const i = order[k] ?? 0;
      p += scaled[i] ?? 0;
      a += actual[i] ?? 0;
    }
    const m = to - from;
    out.push({ bin: b + 1, n: m, meanPredicted: m ? p / m : 0, meanActual: m ? a / m : 0 });
  }
  return out;
}

export interface GroupResidual {
  readonly group: number;
  readonly n: number;
  readonly meanActual: number;
  readonly meanPredicted: number;
  /** Mean of actual − predicted (pounds per head); positive: the formula gives the group too little. */
  readonly meanResidual: number;
  /** Normal-approximation confidence interval of the mean residual. */
  readonly lower: number | null;
  readonly upper: number | null;
  /** Actual over predicted cost. */
  readonly ratio: number | null;
}

/** Mean residual per group with a normal-approximation interval (null below 2 people). */
export function groupResiduals(
  group: ArrayLike<number>,
  actual: ArrayLike<number>,
  scaled: ArrayLike<number>,
  confidence = 0.95,
): GroupResidual[] {
  const n = check(actual, scaled);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const by = new Map<number, { n: number; a: number; p: number; s: number; ss: number }>();
  for (let i = 0; i < n; i++) {
    const g = group[i] ?? -1;
    const t = by.get(g) ?? { n: 0, a: 0, p: 0, s: 0, ss: 0 };
    const r = (actual[i] ?? 0) - (scaled[i] ?? 0);
    t.n++;
    t.a += actual[i] ?? 0;
    t.p += scaled[i] ?? 0;
    t.s += r;
    t.ss += r * r;
    by.set(g, t);
  }
  return [...by.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([g, t]) => {
      const mean = t.s / t.n;
      const variance = t.n > 1 ? (t.ss - t.n * mean * mean) / (t.n - 1) : null;
      const half = variance === null ? null : z * Math.sqrt(Math.max(0, variance) / t.n);
      return {
        group: g,
        n: t.n,
        meanActual: t.a / t.n,
        meanPredicted: t.p / t.n,
        meanResidual: mean,
        lower: half === null ? null : mean - half,
        upper: half === null ? null : mean + half,
        ratio: t.p > 0 ? t.a / t.p : null,
      };
    });
}
