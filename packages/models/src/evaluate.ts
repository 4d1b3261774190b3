// One call for everything the issue asks of a risk model on held-out rows: discrimination
// with its uncertainty, calibration (slope, intercept, plot bins), Brier score, targeting
// figures, and the same per group, with a flag where calibration is off.
import { type AurocEstimate, aurocWithCi, type BootstrapOptions } from "./auroc.ts";
import { type Calibration, type CalibrationBin, calibration, calibrationBins } from "./calibration.ts";
import { sameLength } from "./errors.ts";
import { brier, type TopFraction, topFractions } from "./metrics.ts";

export interface Evaluation {
  readonly n: number;
  readonly events: number;
  readonly auroc: AurocEstimate;
  readonly calibration: Calibration;
  readonly bins: readonly CalibrationBin[];
  readonly brier: number;
  readonly top: readonly TopFraction[];
}

export interface GroupEvaluation {
  /** e.g. "imd_quintile". */
  readonly dimension: string;
  readonly group: string;
  readonly n: number;
  readonly events: number;
  readonly meanPredicted: number;
  readonly observed: number;
  /** Null when the group has people of only one outcome. */
  readonly auroc: AurocEstimate | null;
  /** Null when the group has fewer than MIN_GROUP_EVENTS events or non-events. */
  readonly calibration: Calibration | null;
  /** Why calibration is judged off, or null when it is not (or cannot be judged). */
  readonly calibrationFlag: string | null;
}

/** Below this many events (or non-events) a group's calibration is not estimated. */
export const MIN_GROUP_EVENTS = 20;
/** A calibration intercept beyond ±this (log-odds, about ±15% in the odds) whose 95% CI excludes 0 is flagged. */
export const INTERCEPT_FLAG = 0.15;
/** A calibration slope outside this range whose 95% CI excludes 1 is flagged. */
export const SLOPE_FLAG: readonly [number, number] = [0.8, 1.2];

export function evaluate(
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: BootstrapOptions & { readonly bins?: number } = {},
): Evaluation {
  sameLength(predicted.length, labels.length, "labels");
  let events = 0;
  for (let i = 0; i < labels.length; i++) events += labels[i] ?? 0;
  return {
    n: predicted.length,
    events,
    auroc: aurocWithCi(predicted, labels, options),
    calibration: calibration(predicted, labels),
    bins: calibrationBins(predicted, labels, options.bins ?? 10),
    brier: brier(predicted, labels),
    top: topFractions(predicted, labels),
  };
}

/** Per-group figures for one dimension; `groups[i]` names row i's group (null: not in any). */
export function evaluateGroups(
  dimension: string,
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups: readonly (string | null)[],
  options: BootstrapOptions = {},
): GroupEvaluation[] {
  sameLength(predicted.length, groups.length, "groups");
  const members = new Map<string, number[]>();
  groups.forEach((g, i) => {
    if (g === null) return;
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  });
  return [...members.keys()].sort().map((group) => {
    const rows = members.get(group) ?? [];
    const p = Float64Array.from(rows, (i) => predicted[i] ?? 0);
    const y = Uint8Array.from(rows, (i) => labels[i] ?? 0);
    let events = 0;
    let sumP = 0;
    for (let i = 0; i < y.length; i++) {
      events += y[i] ?? 0;
      sumP += p[i] ?? 0;
    }
    const bothClasses = events > 0 && events < y.length;
    const enough = events >= MIN_GROUP_EVENTS && y.length - events >= MIN_GROUP_EVENTS;
    const cal = enough ? calibration(p, y) : null;
    return {
      dimension,
      group,
      n: y.length,
      events,
      meanPredicted: sumP / y.length,
      observed: events / y.length,
      auroc: bothClasses ? aurocWithCi(p, y, { replicates: 100, ...options }) : null,
      calibration: cal,
      calibrationFlag: cal ? calibrationFlag(cal) : null,
    };
  });
}

export function calibrationFlag(c: Calibration): string | null {
  const reasons: string[] = [];
  const i = c.intercept;
  if (Math.abs(i.value) > INTERCEPT_FLAG && (i.lower > 0 || i.upper < 0)) {
    reasons.push(i.value > 0 ? "risk under-predicted" : "risk over-predicted");
  }
  const s = c.slope;
  if ((s.value < SLOPE_FLAG[0] || s.value > SLOPE_FLAG[1]) && (s.lower > 1 || s.upper < 1)) {
    reasons.push(s.value < 1 ? "predictions too extreme" : "predictions too modest");
  }
  return reasons.length > 0 ? reasons.join("; ") : null;
}
