// Special-cause rules of NHS England's "Making Data Count" (MDC), with the semantics of
// NHSRplotthedots: a point beyond the process limits; a run of points on one side of the
// mean; a run of consecutive increases or decreases (a trend); two of three points in the
// outer third (between the 2- and 3-sigma lines) on one side. The run length is a parameter:
// NHSRplotthedots uses 7 (the default here); some MDC guidance uses 6.

export type Sign = -1 | 0 | 1;

/** 1 at each point that ends `runLength` or more consecutive points with the same non-zero sign. */
export function runOnOneSide(relativeToMean: readonly number[], runLength = 7): number[] {
  return relativeToMean.map((s, i) => {
    if (s === 0 || i < runLength - 1) return 0;
    for (let k = 1; k < runLength; k++) if (relativeToMean[i - k] !== s) return 0;
    return 1;
  });
}

/** Back-fill run flags: 1 where this point or any of the next runLength − 1 is flagged (±1). */
export function partOfRun(flags: readonly number[], runLength = 7): number[] {
  return flags.map((_, i) => {
    for (let k = 0; k < runLength && i + k < flags.length; k++)
      if (Math.abs(flags[i + k] as number) === 1) return 1;
    return 0;
  });
}

/** +1 / −1 at a point ending `runLength` strictly increasing / decreasing points; ties break a trend. */
export function trend(values: readonly number[], runLength = 7): number[] {
  return values.map((_, i) => {
    if (i < runLength - 1) return 0;
    let up = true;
    let down = true;
    for (let k = i - runLength + 2; k <= i; k++) {
      const d = (values[k] as number) - (values[k - 1] as number);
      if (!(d > 0)) up = false;
      if (!(d < 0)) down = false;
    }
    return up ? 1 : down ? -1 : 0;
  });
}

/**
 * 1 where the point lies in some window of three consecutive points that has at least two
 * points close to the limits and all three on the same side of the mean.
 */
export function twoInThree(closeToLimits: readonly number[], relativeToMean: readonly number[]): number[] {
  const n = closeToLimits.length;
  const at = (arr: readonly number[], j: number) => (j >= 0 && j < n ? (arr[j] as number) : 0);
  const windowFlags = (start: number) => {
    let close = 0;
    let side = 0;
    for (let j = start; j < start + 3; j++) {
      close += at(closeToLimits, j);
      side += at(relativeToMean, j);
    }
    return close >= 2 && Math.abs(side) === 3;
  };
  return closeToLimits.map((_, i) => (windowFlags(i - 2) || windowFlags(i - 1) || windowFlags(i) ? 1 : 0));
}

/** Only the close points of a two-in-three pattern are themselves special cause. */
export function partOfTwoInThree(flags: readonly number[], closeToLimits: readonly number[]): number[] {
  return flags.map((f, i) => (f === 1 && Math.abs(closeToLimits[i] as number) === 1 ? 1 : 0));
}

export type SpecialCauseType =
  | "Above UCL"
  | "Below LCL"
  | "Trend (Increasing)"
  | "Trend (Decreasing)"
  | "2 in 3 Above CL"
  | "2 in 3 Below CL"
  | "Run Above CL"
  | "Run Below CL"
  | "Common Cause";

export interface RuleFlags {
  values: readonly number[];
  relativeToMean: readonly number[];
  /** Non-zero where the point is outside the process limits. */
  outsideLimits: readonly number[];
  partOfTrend: readonly number[];
  partOfTwoInThree: readonly number[];
  partOfShift: readonly number[];
}

/**
 * Classify each point by precedence: outside the limits, then trend, then two-in-three, then a
 * run on one side, else common cause. A point inside a trend takes the direction of the step
 * after it when the next point is also in the trend, otherwise of the step before it.
 */
export function specialCauseTypes(flags: RuleFlags): SpecialCauseType[] {
  const { values, relativeToMean, outsideLimits, partOfTrend, partOfTwoInThree, partOfShift } = flags;
  const n = values.length;
  return values.map((_, i) => {
    const above = (relativeToMean[i] as number) > 0;
    if ((outsideLimits[i] as number) !== 0) return relativeToMean[i] === 1 ? "Above UCL" : "Below LCL";
    if ((partOfTrend[i] as number) !== 0) {
      const useNext = i + 1 < n && (partOfTrend[i + 1] as number) !== 0;
      const a = useNext ? i : i - 1;
      const step = a >= 0 && a + 1 < n ? Math.sign((values[a + 1] as number) - (values[a] as number)) : 0;
      return step === 1 ? "Trend (Increasing)" : "Trend (Decreasing)";
    }
    if ((partOfTwoInThree[i] as number) !== 0) return above ? "2 in 3 Above CL" : "2 in 3 Below CL";
    if ((partOfShift[i] as number) !== 0) return above ? "Run Above CL" : "Run Below CL";
    return "Common Cause";
  });
}

/** NHSRplotthedots' label for a special-cause type, with the run length written in ("7 Point Trend ..."). */
export function specialCauseLabel(type: SpecialCauseType, runLength = 7): string {
  if (type.startsWith("Trend")) return `${runLength} Point ${type}`;
  if (type.startsWith("Run")) return `${runLength} Points ${type.slice(4)}`;
  return type;
}

export type ImprovementDirection = "increase" | "decrease" | "neutral";
export type PointType =
  | "common_cause"
  | "special_cause_improvement"
  | "special_cause_concern"
  | "special_cause_neutral_high"
  | "special_cause_neutral_low";

/** Orient a special cause by the improvement direction. */
export function pointType(type: SpecialCauseType, improvement: ImprovementDirection): PointType {
  const high = /Above|Increasing/.test(type);
  const low = /Below|Decreasing/.test(type);
  if (!high && !low) return "common_cause";
  if (improvement === "neutral") return high ? "special_cause_neutral_high" : "special_cause_neutral_low";
  const good = (high && improvement === "increase") || (low && improvement === "decrease");
  return good ? "special_cause_improvement" : "special_cause_concern";
}
