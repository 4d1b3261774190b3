// Which funnel each unit falls outside, as PHE/UKHSA label it
// (PHEindicatormethods::assign_funnel_significance).
import { MethodsInputError } from "./errors.ts";
import type { FunnelOptions, RateFunnelOptions } from "./funnel-limits.ts";
import {
  checkProportions,
  derivedDenominators,
  FUNNEL_2S_TAIL,
  FUNNEL_3S_TAIL,
  proportionFunnelLimit,
} from "./funnel-limits.ts";
import { poissonLimits } from "./poisson-limits.ts";
import { checkEach, nonNegative, positive, sameLength, sum } from "./validate.ts";

export type FunnelSignificance =
  | "High (0.001)"
  | "High (0.025)"
  | "Low (0.001)"
  | "Low (0.025)"
  | "Not significant"
  | "Not applicable for events less than 10 for dsrs";

/** Confidence levels matching the 3- and 2-sigma funnels. */
const LEVEL_3S = 1 - 2 * FUNNEL_3S_TAIL;
const LEVEL_2S = 1 - 2 * FUNNEL_2S_TAIL;

/** One label per unit, in input order. */
export function funnelSignificance(options: FunnelOptions): FunnelSignificance[] {
  switch (options.statistic) {
    case "proportion": {
      const { numerators, denominators } = options;
      checkProportions(numerators, denominators);
      const average = sum(numerators) / sum(denominators);
      return numerators.map((x, i) => {
        const n = denominators[i] as number;
        const p = x / n;
        if (p < proportionFunnelLimit(FUNNEL_3S_TAIL, n, average, -1)) return "Low (0.001)";
        if (p < proportionFunnelLimit(FUNNEL_2S_TAIL, n, average, -1)) return "Low (0.025)";
        if (p > proportionFunnelLimit(FUNNEL_3S_TAIL, n, average, 1)) return "High (0.001)";
        if (p > proportionFunnelLimit(FUNNEL_2S_TAIL, n, average, 1)) return "High (0.025)";
        return "Not significant";
      });
    }
    case "ratio": {
      const { observed, expected } = options;
      sameLength({ observed, expected });
      checkEach(observed, "observed", nonNegative);
      checkEach(expected, "expected", positive);
      return observed.map((o, i) => classify(o, expected[i] as number, 1));
    }
    case "rate":
      return rateSignificance(options);
    default:
      throw new MethodsInputError("invalid_option", "statistic", "must be one of proportion, ratio or rate");
  }
}

/** Compare a reference value with the Poisson limits of `events / denominator`. */
function classify(events: number, denominator: number, reference: number): FunnelSignificance {
  const [lo3, hi3] = poissonLimits(events, LEVEL_3S);
  const [lo2, hi2] = poissonLimits(events, LEVEL_2S);
  if (reference < (lo3 ?? 0) / denominator) return "High (0.001)";
  if (reference < (lo2 ?? 0) / denominator) return "High (0.025)";
  if (reference > hi3 / denominator) return "Low (0.001)";
  if (reference > hi2 / denominator) return "Low (0.025)";
  return "Not significant";
}

function rateSignificance(options: RateFunnelOptions): FunnelSignificance[] {
  const dens = derivedDenominators(options, false);
  const average = sum(options.events) / sum(dens.filter((d): d is number => d !== null));
  return options.events.map((e, i) => {
    if (options.rateType === "dsr" && e < 10) return "Not applicable for events less than 10 for dsrs";
    const d = dens[i];
    if (d === null || d === undefined) return "Not significant";
    return classify(e, d, average);
  });
}
