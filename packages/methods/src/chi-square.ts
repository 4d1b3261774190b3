// Gamma and chi-square distributions (cdf and quantile), used for exact Poisson limits.

import { normalQuantile } from "./normal.ts";
import { invertIncreasing } from "./root-finding.ts";
import { gammaP, gammaQ, logGamma } from "./special-functions.ts";

/** Quantile of the Gamma(shape, 1) distribution: x with P(shape, x) = p. */
export function gammaQuantile(p: number, shape: number): number {
  if (!(p >= 0 && p <= 1) || !(shape > 0)) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return Number.POSITIVE_INFINITY;
  // Wilson–Hilferty start; fall back to the small-x series when it goes non-positive.
  const z = normalQuantile(p);
  const c = 1 / (9 * shape);
  let start = shape * (1 - c + z * Math.sqrt(c)) ** 3;
  if (!(start > 0)) start = Math.exp((Math.log(p) + logGamma(shape + 1)) / shape);
  const logNorm = logGamma(shape);
  const density = (x: number) => Math.exp((shape - 1) * Math.log(x) - x - logNorm);
  let hi = Math.max(2 * start, shape + 10);
  // Solve in whichever tail is smaller, so tiny tail probabilities keep full precision.
  if (p <= 0.5) {
    while (gammaP(shape, hi) < p) hi *= 2;
    return invertIncreasing((x) => gammaP(shape, x), density, p, 0, hi, start);
  }
  const q = 1 - p;
  while (gammaQ(shape, hi) > q) hi *= 2;
  return invertIncreasing((x) => -gammaQ(shape, x), density, -q, 0, hi, start);
}

/** P(X <= x) for X ~ chi-square with df degrees of freedom. */
export function chiSquareCdf(x: number, df: number): number {
  return gammaP(df / 2, x / 2);
}

/** P(X > x) for X ~ chi-square with df degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

/** Quantile of the chi-square distribution; 0 for df = 0 (a point mass at zero). */
export function chiSquareQuantile(p: number, df: number): number {
  if (df === 0) return 0;
  return 2 * gammaQuantile(p, df / 2);
}
