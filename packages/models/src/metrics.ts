// Accuracy of probabilities (Brier score) and of targeting the highest scores: sensitivity
// and positive predictive value when the top fraction of people is selected.
import { sameLength } from "./errors.ts";
import { descendingOrder } from "./order.ts";

export function brier(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  sameLength(predicted.length, labels.length, "labels");
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += ((predicted[i] ?? 0) - (labels[i] ?? 0)) ** 2;
  return sum / predicted.length;
}

export interface TopFraction {
  /** Fraction of people selected, e.g. 0.05 for the top 5%. */
  readonly fraction: number;
  readonly selected: number;
  readonly truePositives: number;
  /** Share of all people with the outcome who were selected. */
  readonly sensitivity: number;
  /** Share of the selected who had the outcome. */
  readonly ppv: number;
}

/**
 * Selects round(fraction × n) people (at least one) with the highest scores; among equal
 * scores at the boundary, earlier rows are selected first.
 */
export function topFractions(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  fractions: readonly number[] = [0.005, 0.05, 0.2],
): TopFraction[] {
  sameLength(scores.length, labels.length, "labels");
  const order = descendingOrder(scores);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] ?? 0;
  return fractions.map((fraction) => {
    const selected = Math.max(1, Math.min(order.length, Math.round(fraction * order.length)));
    let tp = 0;
    for (let i = 0; i < selected; i++) tp += labels[order[i] ?? 0] ?? 0;
    return {
      fraction,
      selected,
      truePositives: tp,
      sensitivity: positives > 0 ? tp / positives : Number.NaN,
      ppv: tp / selected,
    };
  });
}
