// Summaries over Monte Carlo runs: P10, P50, P90 (linear interpolation between order
// statistics, Hyndman and Fan's type 7, as R's and NumPy's defaults) and the mean.

export interface Summary {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly mean: number;
}

/** The q-quantile (0 ≤ q ≤ 1) of sorted values, type 7. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, n - 1)] as number;
  return a === b ? a : a + (h - lo) * (b - a);
}

/** The mean, shifted by the first value so that equal values give that value exactly. */
export function meanOfArray(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const x0 = values[0] as number;
  let s = 0;
  for (let i = 0; i < n; i++) s += (values[i] as number) - x0;
  return x0 + s / n;
}

export function summarise(values: Float64Array): Summary {
  const sorted = Float64Array.from(values).sort();
  return {
    p10: quantileSorted(sorted, 0.1),
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    mean: meanOfArray(values),
  };
}

/** Ranks (1…n, ties averaged). */
export function ranks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (values[a] as number) - (values[b] as number),
  );
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1] as number] === values[order[i] as number]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k] as number] = rank;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation (0 when either side does not vary). */
export function spearman(x: Float64Array, y: Float64Array): number {
  const rx = ranks(x);
  const ry = ranks(y);
  const n = rx.length;
  const m = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const a = (rx[i] as number) - m;
    const b = (ry[i] as number) - m;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}
