// Proportions with Wilson score limits, as in PHEindicatormethods::phe_proportion.
import type { ConfidenceInput, Interval } from "./confidence.ts";
import { intervals } from "./confidence.ts";
import { MethodsInputError } from "./errors.ts";
import { nonNegative, positive } from "./validate.ts";
import { wilsonLower, wilsonUpper } from "./wilson.ts";

export interface ProportionOptions {
  numerator: number;
  denominator: number;
  /** One level or several (fractions); default 95% and 99.8%. */
  confidence?: ConfidenceInput;
  /** 1 for a proportion, 100 for a percentage. Default 1. */
  multiplier?: number;
}

export interface Estimate {
  value: number;
  /** Limits at the first requested confidence level. */
  lower: number | null;
  upper: number | null;
  intervals: Interval[];
  method: string;
}

/** A proportion (times the multiplier) with Wilson score confidence limits. */
export function proportion(options: ProportionOptions): Estimate {
  const { numerator, denominator } = options;
  const multiplier = options.multiplier ?? 1;
  nonNegative(numerator, "numerator");
  positive(denominator, "denominator");
  positive(multiplier, "multiplier");
  if (numerator > denominator) {
    throw new MethodsInputError(
      "numerator_exceeds_denominator",
      "numerator",
      `is ${numerator} but the denominator is ${denominator}; a proportion needs numerator <= denominator`,
    );
  }
  const list = intervals(options.confidence, (c) => [
    wilsonLower(numerator, denominator, c) * multiplier,
    wilsonUpper(numerator, denominator, c) * multiplier,
  ]);
  return {
    value: (numerator / denominator) * multiplier,
    ...firstLimits(list),
    intervals: list,
    method: "Wilson",
  };
}

export function firstLimits(list: Interval[]): { lower: number | null; upper: number | null } {
  const first = list[0];
  return { lower: first?.lower ?? null, upper: first?.upper ?? null };
}
