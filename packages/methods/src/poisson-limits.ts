// Confidence limits for a Poisson count: exact (chi-square) and Byars' approximation.
// Byars: Breslow & Day, Statistical methods in cancer research vol. II (IARC, 1987).
import { chiSquareQuantile } from "./chi-square.ts";
import { zFor } from "./normal.ts";

/** Byars' lower limit for an observed count; null where the approximation goes below zero. */
export function byarsLower(observed: number, confidence: number): number | null {
  if (observed === 0) return 0;
  const z = zFor(confidence);
  const lower = observed * (1 - 1 / (9 * observed) - z / (3 * Math.sqrt(observed))) ** 3;
  return lower < 0 ? null : lower;
}

/** Byars' upper limit for an observed count. */
export function byarsUpper(observed: number, confidence: number): number {
  const z = zFor(confidence);
  const x = observed + 1;
  return x * (1 - 1 / (9 * x) + z / (3 * Math.sqrt(x))) ** 3;
}

/** Exact Poisson lower limit: half the chi-square quantile on 2x degrees of freedom. */
export function exactPoissonLower(observed: number, confidence: number): number {
  if (observed === 0) return 0;
  return chiSquareQuantile((1 - confidence) / 2, 2 * observed) / 2;
}

/** Exact Poisson upper limit: half the chi-square quantile on 2x + 2 degrees of freedom. */
export function exactPoissonUpper(observed: number, confidence: number): number {
  return chiSquareQuantile(confidence + (1 - confidence) / 2, 2 * observed + 2) / 2;
}

/** Fingertips' rule for counts: exact below 10 events, Byars at 10 or more. */
export type PoissonMethod = "exact" | "byars";

export function poissonMethodFor(observed: number): PoissonMethod {
  return observed < 10 ? "exact" : "byars";
}

/** Limits for an observed count by Fingertips' rule (exact below 10, Byars from 10). */
export function poissonLimits(observed: number, confidence: number): [number | null, number] {
  return poissonMethodFor(observed) === "exact"
    ? [exactPoissonLower(observed, confidence), exactPoissonUpper(observed, confidence)]
    : [byarsLower(observed, confidence), byarsUpper(observed, confidence)];
}
