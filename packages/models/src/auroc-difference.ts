// The difference between two scores' AUROCs on the same people, with a paired bootstrap CI:
// each replicate weights every row by one Poisson(1) draw shared by both scores, so the
// interval reflects the correlation between them (a model and an oracle rank the same people).
import {
  type AurocEstimate,
  type BootstrapOptions,
  fillPoissonOne,
  quantile,
  weightedAuroc,
} from "./auroc.ts";
import { binaryLabels, ModelInputError, sameLength } from "./errors.ts";
import { ascendingOrder } from "./order.ts";

export interface AurocDifference {
  /** AUROC(a) − AUROC(b). */
  readonly difference: number;
  readonly lower: number;
  readonly upper: number;
  readonly a: Pick<AurocEstimate, "auroc" | "lower" | "upper">;
  readonly b: Pick<AurocEstimate, "auroc" | "lower" | "upper">;
  readonly confidence: number;
  readonly replicates: number;
  readonly seed: number;
}

export function aurocDifferenceWithCi(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: BootstrapOptions = {},
): AurocDifference {
  sameLength(labels.length, a.length, "a");
  sameLength(labels.length, b.length, "b");
  binaryLabels(labels);
  for (const s of [a, b])
    for (let i = 0; i < s.length; i++)
      if (!Number.isFinite(s[i])) throw new ModelInputError("scores", "must be finite numbers");
  const replicates = options.replicates ?? 200;
  const seed = options.seed ?? 1;
  const confidence = options.confidence ?? 0.95;
  if (!(replicates >= 10)) throw new ModelInputError("replicates", "use at least 10 bootstrap replicates");
  const orderA = ascendingOrder(a);
  const orderB = ascendingOrder(b);
  const pointA = weightedAuroc(a, labels, orderA, null);
  const pointB = weightedAuroc(b, labels, orderB, null);
  const state = new Uint32Array([seed >>> 0]);
  const weights = new Float64Array(labels.length);
  const va: number[] = [];
  const vb: number[] = [];
  const vd: number[] = [];
  for (let r = 0; r < replicates; r++) {
    fillPoissonOne(weights, state);
    const ra = weightedAuroc(a, labels, orderA, weights);
    const rb = weightedAuroc(b, labels, orderB, weights);
    if (Number.isNaN(ra) || Number.isNaN(rb)) continue;
    va.push(ra);
    vb.push(rb);
    vd.push(ra - rb);
  }
  for (const v of [va, vb, vd]) v.sort((x, y) => x - y);
  const lo = (1 - confidence) / 2;
  const hi = 1 - lo;
  return {
    difference: pointA - pointB,
    lower: quantile(vd, lo),
    upper: quantile(vd, hi),
    a: { auroc: pointA, lower: quantile(va, lo), upper: quantile(va, hi) },
    b: { auroc: pointB, lower: quantile(vb, lo), upper: quantile(vb, hi) },
    confidence,
    replicates,
    seed,
  };
}
