// Area under the ROC curve: the probability that a random person with the outcome scores
// higher than a random person without it, ties counting one half (the Mann–Whitney U
// statistic over n₁n₀). The bootstrap CI uses Poisson(1) row weights on the one sorted
// order, so each replicate is a linear pass: it scales to millions of rows.

import { binaryLabels, ModelInputError, sameLength } from "./errors.ts";
import { ascendingOrder } from "./order.ts";
import { seededUniform } from "./random.ts";

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
  const draw = poissonOne(seededUniform(seed));
  const weights = new Float64Array(scores.length);
  const values: number[] = [];
  for (let r = 0; r < replicates; r++) {
    for (let i = 0; i < weights.length; i++) weights[i] = draw();
    const v = weightedAuroc(scores, labels, order, weights);
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

/** Poisson(1) draws by inversion against a precomputed cumulative table. */
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
