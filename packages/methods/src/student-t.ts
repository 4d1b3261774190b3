// Student's t distribution via the regularised incomplete beta function.
import { invertIncreasing } from "./root-finding.ts";
import { betaI, logBeta } from "./special-functions.ts";

/** P(T <= t) for T ~ t with df degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * betaI(x, df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** Quantile of Student's t with df degrees of freedom. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) {
    if (p === 0) return Number.NEGATIVE_INFINITY;
    if (p === 1) return Number.POSITIVE_INFINITY;
    return Number.NaN;
  }
  if (p === 0.5) return 0;
  // With y = t^2 / (df + t^2), P(|T| <= t) = I_y(1/2, df/2): solve for y, then map back.
  const central = Math.abs(2 * p - 1);
  const a = 0.5;
  const b = df / 2;
  const logB = logBeta(a, b);
  const density = (y: number) => Math.exp((a - 1) * Math.log(y) + (b - 1) * Math.log1p(-y) - logB);
  const y = invertIncreasing((v) => betaI(v, a, b), density, central, 0, 1, 0.5);
  const t = Math.sqrt((df * y) / (1 - y));
  return p < 0.5 ? -t : t;
}
