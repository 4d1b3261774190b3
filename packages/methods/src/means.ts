// Means with Student's t confidence limits, as in PHEindicatormethods::phe_mean.
import type { ConfidenceInput } from "./confidence.ts";
import { intervals } from "./confidence.ts";
import { MethodsInputError } from "./errors.ts";
import type { Estimate } from "./proportions.ts";
import { firstLimits } from "./proportions.ts";
import { studentTQuantile } from "./student-t.ts";
import { checkEach, finite } from "./validate.ts";

export interface MeanEstimate extends Estimate {
  count: number;
  sum: number;
  /** Sample standard deviation (n - 1 denominator). */
  standardDeviation: number;
}

/** Mean of the values with t-based limits: mean ± t(n-1) · sd / √n. */
export function mean(options: { values: readonly number[]; confidence?: ConfidenceInput }): MeanEstimate {
  const { values } = options;
  if (values.length < 2) {
    throw new MethodsInputError(
      "too_few_points",
      "values",
      `needs at least 2 values for a t interval, got ${values.length}`,
    );
  }
  checkEach(values, "values", finite);
  const n = values.length;
  let total = 0;
  for (const v of values) total += v;
  const m = total / n;
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const list = intervals(options.confidence, (c) => {
    const half = (studentTQuantile(c + (1 - c) / 2, n - 1) * sd) / Math.sqrt(n);
    return [m - half, m + half];
  });
  return {
    value: m,
    ...firstLimits(list),
    intervals: list,
    method: "Student's t-distribution",
    count: n,
    sum: total,
    standardDeviation: sd,
  };
}
