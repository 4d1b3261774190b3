// Applies the Making Data Count rules to a series given each point's centre line and limits;
// shared by XmR and attribute (p, u, c) charts.
import type { AssuranceIcon, VariationIcon } from "./spc-icons.ts";
import { assuranceIcon, variationIcon } from "./spc-icons.ts";
import type { ImprovementDirection, PointType, SpecialCauseType } from "./spc-rules.ts";
import {
  partOfRun,
  partOfTwoInThree,
  pointType,
  runOnOneSide,
  specialCauseTypes,
  trend,
  twoInThree,
} from "./spc-rules.ts";

export interface SpcPoint {
  index: number;
  value: number;
  /** Which baseline segment (0 first; a rebase starts a new one). */
  segment: number;
  mean: number;
  lowerLimit: number;
  upperLimit: number;
  /** The 2-sigma lines ("near" limits) that bound the outer third. */
  lowerNear: number;
  upperNear: number;
  relativeToMean: -1 | 0 | 1;
  outsideLimits: boolean;
  closeToLimits: boolean;
  specialCause: SpecialCauseType;
  pointType: PointType;
}

export interface SpcSummary {
  /** MDC variation icon for the latest point. */
  variation: VariationIcon;
  /** MDC assurance icon against the target, for the latest point's limits. */
  assurance: AssuranceIcon | null;
}

export interface RuleOptions {
  improvement?: ImprovementDirection;
  /** Points in a run or trend; default 7 as in NHSRplotthedots. */
  runLength?: number;
  target?: number;
}

export interface Lines {
  mean: number;
  lower: number;
  upper: number;
  lowerNear: number;
  upperNear: number;
}

/** Evaluate the rules within each segment and classify every point. */
export function evaluate(
  values: readonly number[],
  segments: readonly number[],
  lines: readonly Lines[],
  options: RuleOptions,
): { points: SpcPoint[]; summary: SpcSummary } {
  const improvement = options.improvement ?? "neutral";
  const runLength = options.runLength ?? 7;
  const points: SpcPoint[] = [];
  let start = 0;
  while (start < values.length) {
    let end = start;
    while (end < values.length && segments[end] === segments[start]) end++;
    const ys = values.slice(start, end);
    const ls = lines.slice(start, end);
    const rtm = ys.map((y, i) => Math.sign(y - (ls[i] as Lines).mean) as -1 | 0 | 1);
    const outside = ys.map((y, i) => y > (ls[i] as Lines).upper || y < (ls[i] as Lines).lower);
    const close = ys.map(
      (y, i) => !outside[i] && (y < (ls[i] as Lines).lowerNear || y > (ls[i] as Lines).upperNear),
    );
    const closeNum = close.map((c) => (c ? 1 : 0));
    const types = specialCauseTypes({
      values: ys,
      relativeToMean: rtm,
      outsideLimits: outside.map((o) => (o ? 1 : 0)),
      partOfTrend: partOfRun(trend(ys, runLength), runLength),
      partOfTwoInThree: partOfTwoInThree(twoInThree(closeNum, rtm), closeNum),
      partOfShift: partOfRun(runOnOneSide(rtm, runLength), runLength),
    });
    ys.forEach((value, i) => {
      const l = ls[i] as Lines;
      const type = types[i] as SpecialCauseType;
      points.push({
        index: start + i,
        value,
        segment: segments[start] as number,
        mean: l.mean,
        lowerLimit: l.lower,
        upperLimit: l.upper,
        lowerNear: l.lowerNear,
        upperNear: l.upperNear,
        relativeToMean: rtm[i] as -1 | 0 | 1,
        outsideLimits: outside[i] as boolean,
        closeToLimits: close[i] as boolean,
        specialCause: type,
        pointType: pointType(type, improvement),
      });
    });
    start = end;
  }
  const last = points[points.length - 1];
  return {
    points,
    summary: {
      variation: last ? variationIcon(last.pointType, improvement) : "common_cause",
      assurance: last
        ? assuranceIcon(options.target, { lower: last.lowerLimit, upper: last.upperLimit }, improvement)
        : null,
    },
  };
}
