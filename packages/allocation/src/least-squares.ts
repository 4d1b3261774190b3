// Ordinary least squares by the normal equations, accumulated row by row so a million people
// never need a design matrix in memory (the row filler is called three times per row).
// Columns are centred and Jacobi-scaled before the Cholesky solve, so a cost in pounds beside
// 0/1 flags stays well conditioned, and a tiny ridge keeps a column that never varies (a
// register nobody is on) from making the system singular.
import { cholesky, choleskyInverse, choleskySolve } from "@bevan/models";
import { AllocationInputError } from "./errors.ts";

export interface LinearFit {
  /** "(intercept)" first, then the columns' names. */
  readonly terms: readonly string[];
  readonly coefficients: Float64Array;
  /** Classical (homoscedastic) standard errors. */
  readonly standardErrors: Float64Array;
  /** Residual variance: residual sum of squares over (n − terms). */
  readonly residualVariance: number;
  readonly n: number;
}

/** Fills `out` (length = names.length) with row i's predictors; the intercept is added here. */
export type RowFiller = (i: number, out: Float64Array) => void;

const RIDGE = 1e-9;

export function fitLeastSquares(
  names: readonly string[],
  n: number,
  fill: RowFiller,
  y: ArrayLike<number>,
): LinearFit {
  const q = names.length;
  if (n <= q + 1) throw new AllocationInputError("rows", `need more people (${n}) than terms (${q + 1})`);
  if (y.length !== n) throw new AllocationInputError("y", `has ${y.length} values, expected ${n}`);
  const x = new Float64Array(q);
  // Pass 1: means, so the cross-products are centred (the intercept then separates out and
  // a column far from zero, such as a cost, is not nearly collinear with it).
  const mean = new Float64Array(q);
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    x.fill(0);
    fill(i, x);
    for (let j = 0; j < q; j++) mean[j] = (mean[j] ?? 0) + (x[j] ?? 0);
    const yi = y[i] ?? 0;
    if (!Number.isFinite(yi)) throw new AllocationInputError("y", `value ${i} is not a finite number`);
    yMean += yi;
  }
  for (let j = 0; j < q; j++) mean[j] = (mean[j] ?? 0) / n;
  yMean /= n;
  // Pass 2: centred cross-products.
  const a = new Float64Array(q * q);
  const b = new Float64Array(q);
  const c = new Float64Array(q);
  for (let i = 0; i < n; i++) {
    x.fill(0);
    fill(i, x);
    for (let j = 0; j < q; j++) c[j] = (x[j] ?? 0) - (mean[j] ?? 0);
    const yi = (y[i] ?? 0) - yMean;
    for (let j = 0; j < q; j++) {
      const cj = c[j] ?? 0;
      b[j] = (b[j] ?? 0) + cj * yi;
      const base = j * q;
      for (let k = j; k < q; k++) a[base + k] = (a[base + k] ?? 0) + cj * (c[k] ?? 0);
    }
  }
  for (let j = 0; j < q; j++) for (let k = 0; k < j; k++) a[j * q + k] = a[k * q + j] ?? 0;
  // Jacobi scaling: D⁻¹ A D⁻¹ has a unit diagonal.
  const d = new Float64Array(q);
  for (let j = 0; j < q; j++) d[j] = Math.sqrt(a[j * q + j] ?? 0) || 1;
  const m = new Float64Array(q * q);
  for (let j = 0; j < q; j++)
    for (let k = 0; k < q; k++) m[j * q + k] = (a[j * q + k] ?? 0) / ((d[j] ?? 1) * (d[k] ?? 1));
  for (let j = 0; j < q; j++) m[j * q + j] = (m[j * q + j] ?? 0) + RIDGE;
  const l = q > 0 ? cholesky(m, q) : new Float64Array(0);
  if (!l) throw new Error("least squares: the scaled normal equations are not positive definite");
  const z =
    q > 0
      ? choleskySolve(
          l,
          q,
          b.map((v, j) => v / (d[j] ?? 1)),
        )
      : new Float64Array(0);
  const slopes = z.map((v, j) => v / (d[j] ?? 1));
  let intercept = yMean;
  for (let j = 0; j < q; j++) intercept -= (slopes[j] ?? 0) * (mean[j] ?? 0);
  const coefficients = new Float64Array(q + 1);
  coefficients[0] = intercept;
  coefficients.set(slopes, 1);
  // Pass 3: residual variance.
  let rss = 0;
  for (let i = 0; i < n; i++) {
    x.fill(0);
    fill(i, x);
    let fitted = intercept;
    for (let j = 0; j < q; j++) fitted += (slopes[j] ?? 0) * (x[j] ?? 0);
    rss += ((y[i] ?? 0) - fitted) ** 2;
  }
  const residualVariance = rss / (n - q - 1);
  // Cov(slopes) = σ² (XcᵀXc)⁻¹; Var(intercept) = σ²/n + meanᵀ Cov(slopes) mean.
  const inv = q > 0 ? choleskyInverse(l, q) : new Float64Array(0);
  const cov = (j: number, k: number) =>
    (residualVariance * (inv[j * q + k] ?? 0)) / ((d[j] ?? 1) * (d[k] ?? 1));
  const standardErrors = new Float64Array(q + 1);
  let v0 = residualVariance / n;
  for (let j = 0; j < q; j++) {
    standardErrors[j + 1] = Math.sqrt(cov(j, j));
    for (let k = 0; k < q; k++) v0 += (mean[j] ?? 0) * cov(j, k) * (mean[k] ?? 0);
  }
  standardErrors[0] = Math.sqrt(v0);
  return { terms: ["(intercept)", ...names], coefficients, standardErrors, residualVariance, n };
}

/** The fitted value for one row of predictors (without the intercept column). */
export function linearPredict(fit: LinearFit, x: ArrayLike<number>): number {
  let v = fit.coefficients[0] ?? 0;
  for (let j = 1; j < fit.coefficients.length; j++) v += (fit.coefficients[j] ?? 0) * (x[j - 1] ?? 0);
  return v;
}
