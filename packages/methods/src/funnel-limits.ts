// Funnel plot control limits at 2 and 3 sigma (two-sided 95% and 99.8%), the PHE/UKHSA way
// (PHEindicatormethods::calculate_funnel_limits), for proportions, ratios of observed to
// expected events, and crude or directly standardised rates over several years of data.

import { MethodsInputError } from "./errors.ts";
import { axisPoints, axisRange } from "./funnel-axis.ts";
import { normalQuantile } from "./normal.ts";
import { exactPoissonLower, exactPoissonUpper } from "./poisson-limits.ts";
import { checkEach, nonNegative, positive, sameLength, sum } from "./validate.ts";

/** Two-sided tail probabilities of the 2- and 3-sigma funnels. */
export const FUNNEL_2S_TAIL = 0.025;
export const FUNNEL_3S_TAIL = 0.001;

export interface ProportionFunnelOptions {
  statistic: "proportion";
  numerators: readonly number[];
  denominators: readonly number[];
  /** Default 100 (percentages). */
  multiplier?: number;
}

export interface RatioFunnelOptions {
  statistic: "ratio";
  observed: readonly number[];
  expected: readonly number[];
  /** "isr": ratio × 100; "count": ratio − 1 (PHE's excess form); "ratio": plain ratio. */
  ratioType: "isr" | "count" | "ratio";
}

export interface RateFunnelOptions {
  statistic: "rate";
  /** Events per unit (e.g. per area). */
  events: readonly number[];
  /** Each unit's rate per `multiplier` (crude or directly standardised); may be null for a unit with no events. */
  rates: readonly (number | null)[];
  /** Optional populations; needed for crude rates where a unit has no events. */
  denominators?: readonly number[];
  rateType: "dsr" | "crude";
  multiplier: number;
  /** The number of years the events and populations cover. */
  yearsOfData: number;
}

export type FunnelOptions = ProportionFunnelOptions | RatioFunnelOptions | RateFunnelOptions;

interface LimitColumns {
  lower2s: number;
  upper2s: number;
  lower3s: number;
  upper3s: number;
  baseline: number;
}

export interface ProportionFunnelRow extends LimitColumns {
  population: number;
}

export interface RatioFunnelRow extends LimitColumns {
  observed: number;
  /** Expected events at which the observed count sits on each limit. */
  lower2sExpected: number;
  upper2sExpected: number;
  lower3sExpected: number;
  upper3sExpected: number;
}

export interface RateFunnelRow extends LimitColumns {
  events: number;
  /** One-year population at which the event count sits on each limit. */
  lower2sPopulation: number;
  upper2sPopulation: number;
  lower3sPopulation: number;
  upper3sPopulation: number;
}

/**
 * A proportion's funnel limit at population n around the average p: the two roots of the
 * Wilson-score quadratic, divided by n. `side` −1 gives the lower root, +1 the upper.
 */
export function proportionFunnelLimit(
  tail: number,
  population: number,
  average: number,
  side: -1 | 1,
): number {
  const z = normalQuantile(1 - tail);
  const z2 = z * z;
  const a = 1 / z2 + 1 / population;
  const b = average * (population / z2 + 1);
  const c = average * (population * (average * (population / z2 + 2) - 1) + z2 * (average - 1));
  const root = (b + side * Math.sqrt(b * b - a * c)) / a;
  return root / population;
}

/** Funnel limit rows along PHE's 100-point axis. */
export function funnelLimits(options: ProportionFunnelOptions): ProportionFunnelRow[];
export function funnelLimits(options: RatioFunnelOptions): RatioFunnelRow[];
export function funnelLimits(options: RateFunnelOptions): RateFunnelRow[];
export function funnelLimits(
  options: FunnelOptions,
): ProportionFunnelRow[] | RatioFunnelRow[] | RateFunnelRow[];
export function funnelLimits(
  options: FunnelOptions,
): ProportionFunnelRow[] | RatioFunnelRow[] | RateFunnelRow[] {
  switch (options.statistic) {
    case "proportion":
      return proportionLimits(options);
    case "ratio":
      return ratioLimits(options);
    case "rate":
      return rateLimits(options);
    default:
      throw new MethodsInputError("invalid_option", "statistic", "must be one of proportion, ratio or rate");
  }
}

function proportionLimits(options: ProportionFunnelOptions): ProportionFunnelRow[] {
  const { numerators, denominators } = options;
  const multiplier = options.multiplier ?? 100;
  positive(multiplier, "multiplier");
  checkProportions(numerators, denominators);
  const average = sum(numerators) / sum(denominators);
  const range = axisRange(Math.min(...denominators), Math.max(...denominators));
  const limit = (tail: number, n: number, side: -1 | 1) => {
    const v = proportionFunnelLimit(tail, n, average, side) * multiplier;
    return side < 0 ? Math.max(0, v) : Math.min(multiplier, v);
  };
  return axisPoints(range.min, range.max).map((population) => ({
    population,
    lower2s: limit(FUNNEL_2S_TAIL, population, -1),
    upper2s: limit(FUNNEL_2S_TAIL, population, 1),
    lower3s: limit(FUNNEL_3S_TAIL, population, -1),
    upper3s: limit(FUNNEL_3S_TAIL, population, 1),
    baseline: average * multiplier,
  }));
}

export function checkProportions(numerators: readonly number[], denominators: readonly number[]): void {
  sameLength({ numerators, denominators });
  if (numerators.length === 0) throw new MethodsInputError("empty_input", "numerators", "must not be empty");
  numerators.forEach((x, i) => {
    nonNegative(x, `numerators[${i}]`);
    positive(denominators[i] as number, `denominators[${i}]`);
    if (x > (denominators[i] as number)) {
      throw new MethodsInputError(
        "numerator_exceeds_denominator",
        `numerators[${i}]`,
        `is ${x} but its denominator is ${denominators[i]}; a proportion needs numerator <= denominator`,
      );
    }
  });
}

/** Expected-event bounds: the Poisson means at which `observed` sits on the lower/upper tail. */
function poissonFunnelMeans(observed: number, tail: number): { high: number; low: number } {
  // high: mean with P(X <= observed) = tail; low: mean with P(X >= observed) = tail.
  return { high: exactPoissonUpper(observed, 1 - 2 * tail), low: exactPoissonLower(observed, 1 - 2 * tail) };
}

function ratioLimits(options: RatioFunnelOptions): RatioFunnelRow[] {
  const { observed, expected, ratioType } = options;
  sameLength({ observed, expected });
  if (observed.length === 0) throw new MethodsInputError("empty_input", "observed", "must not be empty");
  checkEach(observed, "observed", nonNegative);
  checkEach(expected, "expected", positive);
  if (!["isr", "count", "ratio"].includes(ratioType)) {
    throw new MethodsInputError("invalid_option", "ratioType", "must be isr, count or ratio");
  }
  const range = axisRange(Math.min(...expected), Math.max(...expected));
  const express = (ratio: number) =>
    ratioType === "isr" ? ratio * 100 : ratioType === "count" ? ratio - 1 : ratio;
  return axisPoints(range.min, range.max, true).map((o) => {
    const two = poissonFunnelMeans(o, FUNNEL_2S_TAIL);
    const three = poissonFunnelMeans(o, FUNNEL_3S_TAIL);
    return {
      observed: o,
      lower2s: express(o / two.high),
      upper2s: express(o / two.low),
      lower3s: express(o / three.high),
      upper3s: express(o / three.low),
      baseline: express(1),
      lower2sExpected: two.high,
      upper2sExpected: two.low,
      lower3sExpected: three.high,
      upper3sExpected: three.low,
    };
  });
}

/** Each unit's (all-years) denominator implied by its events and rate, as PHE derives it. */
export function derivedDenominators(
  options: Omit<RateFunnelOptions, "statistic" | "yearsOfData">,
  preferGiven = true,
): (number | null)[] {
  const { events, rates, denominators, rateType, multiplier } = options;
  sameLength(denominators ? { events, rates, denominators } : { events, rates });
  positive(multiplier, "multiplier");
  return events.map((e, i) => {
    nonNegative(e, `events[${i}]`);
    const r = rates[i];
    if (e === 0) {
      if (rateType === "dsr") return null;
      if (denominators) return positive(denominators[i] as number, `denominators[${i}]`);
      throw new MethodsInputError(
        "invalid_option",
        "denominators",
        `unit ${i} has no events, so its population must be given`,
      );
    }
    // For the limits PHE uses given crude denominators as they are; for significance it re-derives them.
    if (preferGiven && rateType === "crude" && denominators)
      return positive(denominators[i] as number, `denominators[${i}]`);
    if (r === null || r === undefined) {
      throw new MethodsInputError("non_finite", `rates[${i}]`, "is missing but the unit has events");
    }
    return (multiplier * e) / positive(r, `rates[${i}]`);
  });
}

function rateLimits(options: RateFunnelOptions): RateFunnelRow[] {
  const { events, multiplier, yearsOfData } = options;
  positive(yearsOfData, "yearsOfData");
  if (events.length === 0) throw new MethodsInputError("empty_input", "events", "must not be empty");
  const dens = derivedDenominators(options).filter((d): d is number => d !== null);
  const average = sum(events) / sum(dens);
  const range = axisRange(Math.min(...dens), Math.max(...dens), yearsOfData);
  const first = Math.floor(range.min * average);
  const last = Math.ceil(range.max * average);
  return axisPoints(first, last).map((e) => {
    const two = poissonFunnelMeans(e, FUNNEL_2S_TAIL);
    const three = poissonFunnelMeans(e, FUNNEL_3S_TAIL);
    const population = (mean: number) => mean / average;
    return {
      events: e,
      lower2s: (e / population(two.high)) * multiplier,
      upper2s: (e / population(two.low)) * multiplier,
      lower3s: (e / population(three.high)) * multiplier,
      upper3s: (e / population(three.low)) * multiplier,
      baseline: average * multiplier,
      lower2sPopulation: population(two.high) / yearsOfData,
      upper2sPopulation: population(two.low) / yearsOfData,
      lower3sPopulation: population(three.high) / yearsOfData,
      upper3sPopulation: population(three.low) / yearsOfData,
    };
  });
}
