// The size of the prize: activity above what the unit's age–sex mix predicts, priced. A
// unit's expected events are its people in each band times the benchmark's rate; the
// benchmark is the ICS average (ratio 1) or the best quartile of units (the lower quartile of
// their ratios), as RightCare-style opportunity packs do. Only units above the benchmark
// have an opportunity; those below it have none (not a negative one).
import { AllocationInputError } from "./errors.ts";

export interface OpportunityInput {
  readonly code: string;
  readonly observed: number;
  readonly expected: number;
}

export interface Opportunity {
  readonly code: string;
  readonly observed: number;
  readonly expected: number;
  /** Events at the benchmark: expected × benchmark ratio. */
  readonly benchmark: number;
  /** Events above the benchmark (0 when at or below it). */
  readonly excess: number;
  /** Excess × unit cost (pounds). */
  readonly prize: number;
}

/** Lower quartile (type 7) of the units' observed/expected ratios. */
export function bestQuartileRatio(units: readonly OpportunityInput[]): number {
  const ratios = units
    .filter((u) => u.expected > 0)
    .map((u) => u.observed / u.expected)
    .sort((a, b) => a - b);
  if (ratios.length === 0) throw new AllocationInputError("units", "no unit has any expected events");
  const h = (ratios.length - 1) * 0.25;
  const lo = Math.floor(h);
  const a = ratios[lo] ?? 0;
  return a + (h - lo) * ((ratios[Math.ceil(h)] ?? a) - a);
}

export function opportunities(
  units: readonly OpportunityInput[],
  unitCost: number,
  benchmarkRatio = 1,
): Opportunity[] {
  if (!(Number.isFinite(unitCost) && unitCost >= 0))
    throw new AllocationInputError("unitCost", "must be a cost in pounds, zero or more");
  if (!(Number.isFinite(benchmarkRatio) && benchmarkRatio >= 0))
    throw new AllocationInputError("benchmarkRatio", "must be zero or more");
  return units.map((u) => {
    const benchmark = u.expected * benchmarkRatio;
    const excess = Math.max(0, u.observed - benchmark);
    return { ...u, benchmark, excess, prize: excess * unitCost };
  });
}
