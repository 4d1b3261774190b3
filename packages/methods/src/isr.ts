// Indirectly standardised ratios and rates, as in PHEindicatormethods::calculate_ISRatio and
// calculate_ISRate: observed over expected events, with exact Poisson limits below 10
// observed events and Byars' approximation from 10.
import type { ConfidenceInput } from "./confidence.ts";
import { intervals } from "./confidence.ts";
import { poissonLimits, poissonMethodFor } from "./poisson-limits.ts";
import type { Estimate } from "./proportions.ts";
import { firstLimits } from "./proportions.ts";
import { checkEach, nonNegative, positive, sameLength, sum } from "./validate.ts";

export interface IsrOptions {
  /** Observed events per band in the area (blank bands as 0). */
  counts: readonly number[];
  /** Population per band in the area; zero is allowed (the band expects no events). */
  populations: readonly number[];
  /** Reference (e.g. national) events and population per band. */
  referenceCounts: readonly number[];
  referencePopulations: readonly number[];
  /** Use this total instead of summing counts (when band-level counts are unavailable). */
  observedTotal?: number;
  confidence?: ConfidenceInput;
}

export interface IsrEstimate extends Estimate {
  observed: number;
  expected: number;
}

function expectedEvents(options: IsrOptions): { observed: number; expected: number } {
  const { counts, populations, referenceCounts, referencePopulations } = options;
  sameLength({ counts, populations, referenceCounts, referencePopulations });
  checkEach(counts, "counts", nonNegative);
  checkEach(populations, "populations", nonNegative);
  checkEach(referenceCounts, "referenceCounts", nonNegative);
  checkEach(referencePopulations, "referencePopulations", positive);
  let expected = 0;
  populations.forEach((p, i) => {
    expected += (p * (referenceCounts[i] as number)) / (referencePopulations[i] as number);
  });
  positive(expected, "expected events");
  const observed =
    options.observedTotal === undefined ? sum(counts) : nonNegative(options.observedTotal, "observedTotal");
  return { observed, expected };
}

/** Indirectly standardised ratio (observed / expected) times `multiplier` (1 or 100). */
export function indirectlyStandardisedRatio(options: IsrOptions & { multiplier?: number }): IsrEstimate {
  const multiplier = options.multiplier ?? 1;
  positive(multiplier, "multiplier");
  const { observed, expected } = expectedEvents(options);
  const scale = multiplier / expected;
  const list = intervals(options.confidence, (c) => {
    const [lo, hi] = poissonLimits(observed, c);
    return [lo === null ? null : lo * scale, hi * scale];
  });
  const method = poissonMethodFor(observed) === "exact" ? "Exact" : "Byars";
  return { value: observed * scale, ...firstLimits(list), intervals: list, method, observed, expected };
}

/**
 * Indirectly standardised rate: the ratio times the reference population's crude rate
 * (per `multiplier`, default 100000).
 */
export function indirectlyStandardisedRate(
  options: IsrOptions & { multiplier?: number },
): IsrEstimate & { referenceRate: number } {
  const multiplier = options.multiplier ?? 100_000;
  positive(multiplier, "multiplier");
  const referenceRate = (sum(options.referenceCounts) / sum(options.referencePopulations)) * multiplier;
  const ratio = indirectlyStandardisedRatio({ ...options, multiplier: 1 });
  const scaled = (x: number | null) => (x === null ? null : x * referenceRate);
  return {
    ...ratio,
    value: ratio.value * referenceRate,
    lower: scaled(ratio.lower),
    upper: scaled(ratio.upper),
    intervals: ratio.intervals.map((i) => ({
      confidence: i.confidence,
      lower: scaled(i.lower),
      upper: scaled(i.upper),
    })),
    referenceRate,
  };
}
