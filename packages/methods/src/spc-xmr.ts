// XmR (individuals) charts in the NHS "Making Data Count" style, as NHSRplotthedots computes
// them: mean ± 2.66 × mean moving range, with moving ranges above 3.267 × their mean screened
// out before the limits are set; optional rebasing and fixed baselines.
import { MethodsInputError } from "./errors.ts";
import type { Lines, RuleOptions, SpcPoint, SpcSummary } from "./spc-chart.ts";
import { evaluate } from "./spc-chart.ts";
import { checkEach, finite } from "./validate.ts";

/** Scaling constants: 2.66 = 3 / d2 (d2 = 1.128); 3.267 = D4 for moving ranges of two. */
export const XMR_LIMIT = 2.66;
export const MOVING_RANGE_SCREEN = 3.267;

export interface XmrOptions extends RuleOptions {
  values: readonly number[];
  /** Drop moving ranges of 3.267 × their mean or more before computing limits. Default true. */
  screenOutliers?: boolean;
  /** Indices at which a new baseline starts (index 0 is always a start). */
  rebaseAt?: readonly number[];
  /** Fix each segment's mean and limits on its first n points. */
  fixAfterPoints?: number;
}

export interface XmrChart extends SpcSummary {
  points: SpcPoint[];
}

export function xmrChart(options: XmrOptions): XmrChart {
  const { values } = options;
  const screen = options.screenOutliers ?? true;
  checkEach(values, "values", finite);
  const runLength = options.runLength ?? 7;
  if (!Number.isInteger(runLength) || runLength < 2) {
    throw new MethodsInputError(
      "invalid_option",
      "runLength",
      `must be a whole number of at least 2, got ${runLength}`,
    );
  }
  const rebase = new Set(options.rebaseAt ?? []);
  for (const r of rebase) {
    if (!Number.isInteger(r) || r < 0 || r >= Math.max(1, values.length)) {
      throw new MethodsInputError("invalid_option", "rebaseAt", `index ${r} is not a point of the series`);
    }
  }
  const fix = options.fixAfterPoints;
  if (fix !== undefined && !(Number.isInteger(fix) && fix >= 2)) {
    throw new MethodsInputError(
      "invalid_option",
      "fixAfterPoints",
      `must be a whole number of at least 2, got ${fix}`,
    );
  }
  const segments: number[] = [];
  values.forEach((_, i) => {
    segments.push(i === 0 ? 0 : (segments[i - 1] as number) + (rebase.has(i) ? 1 : 0));
  });
  const lines: Lines[] = new Array(values.length);
  let start = 0;
  while (start < values.length) {
    let end = start;
    while (end < values.length && segments[end] === segments[start]) end++;
    const baseline = values.slice(start, fix === undefined ? end : Math.min(end, start + fix));
    const l = xmrLines(baseline, screen);
    for (let i = start; i < end; i++) lines[i] = l;
    start = end;
  }
  const { points, summary } = evaluate(values, segments, lines, options);
  return { points, ...summary };
}

/** Mean and limits from a baseline series. */
export function xmrLines(baseline: readonly number[], screenOutliers = true): Lines {
  const mean = baseline.reduce((a, b) => a + b, 0) / baseline.length;
  let ranges = baseline.slice(1).map((y, i) => Math.abs(y - (baseline[i] as number)));
  let amr = ranges.length ? ranges.reduce((a, b) => a + b, 0) / ranges.length : Number.NaN;
  if (screenOutliers && ranges.length) {
    ranges = ranges.filter((r) => r < MOVING_RANGE_SCREEN * amr);
    amr = ranges.length ? ranges.reduce((a, b) => a + b, 0) / ranges.length : Number.NaN;
  }
  const near = (2 * XMR_LIMIT) / 3;
  return {
    mean,
    lower: mean - XMR_LIMIT * amr,
    upper: mean + XMR_LIMIT * amr,
    lowerNear: mean - near * amr,
    upperNear: mean + near * amr,
  };
}
