// The beta distribution's quantile, by inverting the regularised incomplete beta function
// (the shares in a business case, such as uptake, are often given as beta distributions).
import { invertIncreasing } from "./root-finding.ts";
import { betaI, logBeta } from "./special-functions.ts";

/** P(X <= x) for X ~ Beta(a, b). */
export function betaCdf(x: number, a: number, b: number): number {
  return betaI(x, a, b);
}

/** The p-quantile of Beta(a, b) (a, b > 0). */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || !(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const logB = logBeta(a, b);
  const density = (x: number) => Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logB);
  return invertIncreasing((x) => betaI(x, a, b), density, p, 0, 1, a / (a + b));
}
