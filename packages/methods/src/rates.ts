// Crude rates with exact Poisson limits below 10 events and Byars' approximation from 10,
// as in PHEindicatormethods::phe_rate.
import type { ConfidenceInput } from "./confidence.ts";
import { intervals } from "./confidence.ts";
import { poissonLimits, poissonMethodFor } from "./poisson-limits.ts";
import type { Estimate } from "./proportions.ts";
import { firstLimits } from "./proportions.ts";
import { nonNegative, positive } from "./validate.ts";

export interface RateOptions {
  numerator: number;
  denominator: number;
  confidence?: ConfidenceInput;
  /** Rate per this many, e.g. 100000. Default 100000. */
  multiplier?: number;
}

/** A crude rate per `multiplier` with exact (below 10 events) or Byars limits. */
export function rate(options: RateOptions): Estimate {
  const { numerator, denominator } = options;
  const multiplier = options.multiplier ?? 100_000;
  nonNegative(numerator, "numerator");
  positive(denominator, "denominator");
  positive(multiplier, "multiplier");
  const scale = multiplier / denominator;
  const list = intervals(options.confidence, (c) => {
    const [lo, hi] = poissonLimits(numerator, c);
    return [lo === null ? null : lo * scale, hi * scale];
  });
  const method = poissonMethodFor(numerator) === "exact" ? "Exact" : "Byars";
  return { value: numerator * scale, ...firstLimits(list), intervals: list, method };
}
