// Area under the ROC curve: the probability that a random person with the outcome scores
// higher than a random person without it, ties counting one half (the Mann–Whitney U
// statistic over n₁n₀). The bootstrap CI uses Poisson(1) row weights on the one sorted
// order, so each replicate is a linear pass: it scales to millions of rows.

import { binaryLabels, ModelInputError, sameLength } from "./errors.ts";
import { ascendingOrder } from "./order.ts";

export interface AurocEstimate {
  readonly auroc: number;
  /** Percentile bootstrap interval. */
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
  readonly replicates: number;
  readonly seed: number;
}

export interface BootstrapOptions {
  readonly replicates?: number;
  readonly seed?: number;
  readonly confidence?: number;
}

export function auroc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  check(scores, labels);
  return weightedAuroc(scores, labels, ascendingOrder(scores), null);
}

export function aurocWithCi(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: BootstrapOptions = {},
): AurocEstimate {
  check(scores, labels);
  const replicates = options.replicates ?? 200;
  const seed = options.seed ?? 1;
  const confidence = options.confidence ?? 0.95;
  if (!(replicates >= 10)) throw new ModelInputError("replicates", "use at least 10 bootstrap replicates");
  const order = ascendingOrder(scores);
  const point = weightedAuroc(scores, labels, order, null);
  // Replicates run on the sorted labels and the ends of runs of tied scores; Poisson weights
  // are independent of the row, so they are drawn in sorted order directly.
  const n = order.length;
  const sortedLabels = new Uint8Array(n);
  const ends: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = order[i] as number;
    sortedLabels[i] = labels[row] as number;
    if (i + 1 === n || scores[order[i + 1] as number] !== scores[row]) ends.push(i + 1);
  }
  const groupEnds = Int32Array.from(ends);
  const state = new Uint32Array([seed >>> 0]);
  const weights = new Float64Array(n);
  const values: number[] = [];
  for (let r = 0; r < replicates; r++) {
    fillPoissonOne(weights, state);
    const v = groupedAuroc(sortedLabels, groupEnds, weights);
    if (!Number.isNaN(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  const alpha = (1 - confidence) / 2;
  return {
    auroc: point,
    lower: quantile(values, alpha),
    upper: quantile(values, 1 - alpha),
    confidence,
    replicates,
    seed,
  };
}

function groupedAuroc(labels: Uint8Array, ends: Int32Array, weights: Float64Array): number {
  let below = 0;
  let pairs = 0;
  let pos = 0;
  let start = 0;
  for (let g = 0; g < ends.length; g++) {
    const end = ends[g] as number;
    let tiePos = 0;
    let tieAll = 0;
    for (let i = start; i < end; i++) {
      const w = weights[i] as number;
      tieAll += w;
      if (labels[i] === 1) tiePos += w;
    }
    const tieNeg = tieAll - tiePos;
    pairs += tiePos * (below + tieNeg / 2);
    below += tieNeg;
    pos += tiePos;
    start = end;
  }
  return pos > 0 && below > 0 ? pairs / (pos * below) : Number.NaN;
}

/** AUROC over rows in ascending score order, with optional row weights (NaN if a class is empty). */
export function weightedAuroc(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  order: Uint32Array,
  weights: Float64Array | null,
): number {
  let below = 0; // weight of negatives with a lower score
  let pairs = 0;
  let pos = 0;
  let neg = 0;
  let i = 0;
  while (i < order.length) {
    const s = scores[order[i] ?? 0];
    let tiePos = 0;
    let tieNeg = 0;
    while (i < order.length && scores[order[i] ?? 0] === s) {
      const row = order[i] ?? 0;
      const w = weights ? (weights[row] ?? 0) : 1;
      if (labels[row] === 1) tiePos += w;
      else tieNeg += w;
      i++;
    }
    pairs += tiePos * (below + tieNeg / 2);
    below += tieNeg;
    pos += tiePos;
    neg += tieNeg;
  }
  return pos > 0 && neg > 0 ? pairs / (pos * neg) : Number.NaN;
}

/** Linear-interpolated quantile of sorted values (R type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[Math.min(sorted.length - 1, lo + 1)] ?? a;
  return a + (h - lo) * (b - a);
}

const POISSON_ONE_CDF = (() => {
  const cdf = new Float64Array(20);
  let p = Math.exp(-1);
  let c = 0;
  for (let k = 0; k < 20; k++) {
    c += p;
    cdf[k] = c;
    p /= k + 1;
  }
  return cdf;
})();

/**
 * Fills `weights` with Poisson(1) draws by inversion (the bootstrap's row weights), from a
 * mulberry32 stream whose state is `state[0]` (inlined: this loop runs for every row of every
 * replicate).
 */
export function fillPoissonOne(weights: Float64Array, state: Uint32Array): void {
  const c0 = POISSON_ONE_CDF[0] as number;
  const c1 = POISSON_ONE_CDF[1] as number;
  // Signed 32-bit arithmetic keeps `s` a small integer (no boxing); the bits are mulberry32's.
  let s = (state[0] as number) | 0;
  for (let i = 0; i < weights.length; i++) {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    if (u <= c0) weights[i] = 0;
    else if (u <= c1) weights[i] = 1;
    else {
      let k = 2;
      while (k < 19 && u > (POISSON_ONE_CDF[k] as number)) k++;
      weights[i] = k;
    }
  }
  state[0] = s;
}

/** Poisson(1) draws by inversion against a precomputed cumulative table (one at a time). */
export function poissonOne(uniform: () => number): () => number {
  const cdf: number[] = [];
  let p = Math.exp(-1);
  let c = 0;
  for (let k = 0; k < 20; k++) {
    c += p;
    cdf.push(c);
    p /= k + 1;
  }
  return () => {
    const u = uniform();
    let k = 0;
    while (k < cdf.length - 1 && u > (cdf[k] ?? 1)) k++;
    return k;
  };
}

function check(scores: ArrayLike<number>, labels: ArrayLike<number>): void {
  sameLength(scores.length, labels.length, "labels");
  binaryLabels(labels);
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) throw new ModelInputError("scores", `value ${i} is not a finite number`);
  }
}
