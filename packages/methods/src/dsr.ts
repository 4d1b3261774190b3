// Directly standardised rates with Dobson confidence limits, as in
// PHEindicatormethods::calculate_dsr. Dobson AJ et al., Stat Med 1991;10:457-62: the limits of
// the total count (Byars) are scaled onto the rate through the rate's variance.
import type { ConfidenceInput } from "./confidence.ts";
import { intervals } from "./confidence.ts";
import { MethodsInputError } from "./errors.ts";
import { ESP2013 } from "./esp2013.ts";
import { byarsLower, byarsUpper } from "./poisson-limits.ts";
import type { Estimate } from "./proportions.ts";
import { firstLimits } from "./proportions.ts";
import { checkEach, nonNegative, positive, sameLength, sum } from "./validate.ts";

export interface DsrOptions {
  /** Events per standardisation band (e.g. age band), aligned with populations. */
  counts: readonly number[];
  populations: readonly number[];
  /** Standard population per band; default ESP2013 (19 bands). */
  standardPopulation?: readonly number[];
  confidence?: ConfidenceInput;
  /** Default 100000. */
  multiplier?: number;
}

export interface DsrEstimate {
  /** Null when the total count is below 10: Fingertips does not publish such DSRs. */
  value: number | null;
  lower: number | null;
  upper: number | null;
  intervals: Estimate["intervals"];
  totalCount: number;
  totalPopulation: number;
  method: string;
}

function checkBands(
  populations: readonly number[],
  standard: readonly number[],
  counts?: readonly number[],
): void {
  sameLength(
    counts
      ? { populations, standardPopulation: standard, counts }
      : { populations, standardPopulation: standard },
  );
  checkEach(populations, "populations", positive);
  checkEach(standard, "standardPopulation", nonNegative);
  if (counts) checkEach(counts, "counts", nonNegative);
}

/** Variance of the standardised rate (per 1) when each event is independent. */
function dobsonVariance(
  counts: readonly number[],
  populations: readonly number[],
  standard: readonly number[],
): number {
  const total = sum(standard);
  let v = 0;
  counts.forEach((c, i) => {
    v += c * ((standard[i] as number) / (populations[i] as number)) ** 2;
  });
  return v / (total * total);
}

function assemble(
  counts: readonly number[],
  populations: readonly number[],
  standard: readonly number[],
  variance: number,
  options: { confidence?: ConfidenceInput; multiplier?: number },
  method: string,
): DsrEstimate {
  const multiplier = options.multiplier ?? 100_000;
  positive(multiplier, "multiplier");
  const totalCount = sum(counts);
  const totalPopulation = sum(populations);
  let weighted = 0;
  counts.forEach((c, i) => {
    weighted += (c * (standard[i] as number)) / (populations[i] as number);
  });
  const value = (weighted / sum(standard)) * multiplier;
  if (totalCount < 10) {
    const list = intervals(options.confidence, () => [null, null]);
    return { value: null, lower: null, upper: null, intervals: list, totalCount, totalPopulation, method };
  }
  const scale = Math.sqrt(variance / totalCount) * multiplier;
  const list = intervals(options.confidence, (c) => {
    const lo = byarsLower(totalCount, c);
    return [
      lo === null ? null : value + scale * (lo - totalCount),
      value + scale * (byarsUpper(totalCount, c) - totalCount),
    ];
  });
  return { value, ...firstLimits(list), intervals: list, totalCount, totalPopulation, method };
}

/** A directly standardised rate with Dobson limits; value and limits are null below 10 events. */
export function directlyStandardisedRate(options: DsrOptions): DsrEstimate {
  const standard = options.standardPopulation ?? ESP2013;
  checkBands(options.populations, standard, options.counts);
  const variance = dobsonVariance(options.counts, options.populations, standard);
  return assemble(options.counts, options.populations, standard, variance, options, "Dobson");
}

export interface NonIndependentDsrOptions extends Omit<DsrOptions, "counts"> {
  /**
   * Per band, how many people had each number of events: `{ 1: 75, 2: 16 }` means 75 people
   * with one event and 16 with two. A band's total events are the sum of count × people.
   */
  personsByEventCount: readonly Readonly<Record<number, number>>[];
}

/**
 * A DSR for events that can recur in the same person (e.g. admissions). The variance sums,
 * over each event multiplicity k, k² times the Dobson variance of the people with k events,
 * which widens the limits relative to treating every event as independent.
 */
export function directlyStandardisedRateNonIndependent(options: NonIndependentDsrOptions): DsrEstimate {
  const standard = options.standardPopulation ?? ESP2013;
  const { populations, personsByEventCount } = options;
  checkBands(populations, standard);
  sameLength({ populations, personsByEventCount });
  const multiplicities = new Set<number>();
  const counts = personsByEventCount.map((byCount, i) => {
    let events = 0;
    for (const [key, persons] of Object.entries(byCount)) {
      const k = Number(key);
      if (!(Number.isInteger(k) && k >= 1)) {
        throw new MethodsInputError(
          "invalid_option",
          `personsByEventCount[${i}]`,
          `event count ${key} must be a whole number >= 1`,
        );
      }
      nonNegative(persons, `personsByEventCount[${i}][${key}]`);
      multiplicities.add(k);
      events += k * persons;
    }
    return events;
  });
  let variance = 0;
  const total = sum(standard);
  for (const k of multiplicities) {
    let vk = 0;
    personsByEventCount.forEach((byCount, i) => {
      const persons = byCount[k] ?? 0;
      vk += persons * ((standard[i] as number) / (populations[i] as number)) ** 2;
    });
    variance += (k * k * vk) / (total * total);
  }
  return assemble(
    counts,
    populations,
    standard,
    variance,
    options,
    "Dobson, with confidence adjusted for non-independent events",
  );
}
