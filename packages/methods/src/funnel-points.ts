// Points to plot on a rate funnel (PHEindicatormethods::calculate_funnel_points): each unit's
// rate and its one-year population, with DSRs from fewer than 10 events left off.
import type { RateFunnelOptions } from "./funnel-limits.ts";
import { nonNegative, positive, sameLength } from "./validate.ts";

export interface RateFunnelPoint {
  /** The rate to plot; null for a DSR from fewer than 10 events. */
  rate: number | null;
  /** Average one-year population: all-years denominator / years of data. */
  population: number | null;
}

export function funnelPoints(options: Omit<RateFunnelOptions, "statistic">): RateFunnelPoint[] {
  const { events, rates, denominators, rateType, multiplier, yearsOfData } = options;
  sameLength(denominators ? { events, rates, denominators } : { events, rates });
  positive(multiplier, "multiplier");
  positive(yearsOfData, "yearsOfData");
  return events.map((e, i) => {
    nonNegative(e, `events[${i}]`);
    const r = rates[i] ?? null;
    if (rateType === "dsr") {
      if (e < 10) return { rate: null, population: null };
      return { rate: r, population: r === null ? null : (multiplier * e) / r / yearsOfData };
    }
    if (e === 0 && denominators) return { rate: r, population: (denominators[i] as number) / yearsOfData };
    return { rate: r, population: r === null ? null : (multiplier * e) / r / yearsOfData };
  });
}
