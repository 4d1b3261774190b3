// Patient-specific budgets: a person's expected cost with the range of what people like them
// actually cost. "People like them" are those in the same twentieth (ventile) of expected
// cost in the validation year, when the model's predictions can be compared with what
// happened; their 10th and 90th percentiles of actual cost, scaled to this person's expected
// cost, give a range that 8 in 10 such people fell in.
import { AllocationInputError } from "./errors.ts";

export interface BudgetBands {
  /** Upper bounds of the predicted cost per band (the last is +∞). */
  readonly upper: readonly number[];
  readonly meanPredicted: readonly number[];
  readonly low: readonly number[];
  readonly high: readonly number[];
  readonly n: readonly number[];
  readonly lowQuantile: number;
  readonly highQuantile: number;
}

/** Type 7 (linear interpolation) quantile of sorted values, as R's default. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo] ?? 0;
  return a + (h - lo) * ((sorted[hi] ?? a) - a);
}

/** Bands of predicted cost from a validation year's predictions and the actual costs. */
export function budgetBands(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  bands = 20,
  lowQuantile = 0.1,
  highQuantile = 0.9,
): BudgetBands {
  const n = predicted.length;
  if (actual.length !== n)
    throw new AllocationInputError("actual", `has ${actual.length} values, expected ${n}`);
  if (n < bands) throw new AllocationInputError("predicted", `needs at least ${bands} people`);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (predicted[a] ?? 0) - (predicted[b] ?? 0) || a - b,
  );
  const upper: number[] = [];
  const meanPredicted: number[] = [];
  const low: number[] = [];
  const high: number[] = [];
  const counts: number[] = [];
  for (let b = 0; b < bands; b++) {
    const from = Math.floor((b * n) / bands);
    const to = Math.floor(((b + 1) * n) / bands);
    const ys: number[] = [];
    let p = 0;
    for (let k = from; k < to; k++) {
      const i = order[k] ?? 0;
      ys.push(actual[i] ?? 0);
      p += predicted[i] ?? 0;
    }
    ys.sort((x, y) => x - y);
    upper.push(b === bands - 1 ? Number.POSITIVE_INFINITY : (predicted[order[to - 1] ?? 0] ?? 0));
    meanPredicted.push(p / Math.max(1, to - from));
    low.push(quantileSorted(ys, lowQuantile));
    high.push(quantileSorted(ys, highQuantile));
    counts.push(to - from);
  }
  return { upper, meanPredicted, low, high, n: counts, lowQuantile, highQuantile };
}

/** The range for a person whose expected cost is `expected`, on the scale the bands were made on. */
export function budgetRange(bands: BudgetBands, expected: number): { low: number; high: number } {
  let b = bands.upper.findIndex((u) => expected <= u);
  if (b < 0) b = bands.upper.length - 1;
  const mean = bands.meanPredicted[b] ?? 0;
  const k = mean > 0 ? expected / mean : 1;
  return { low: k * (bands.low[b] ?? 0), high: k * (bands.high[b] ?? 0) };
}
