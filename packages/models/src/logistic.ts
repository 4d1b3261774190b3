// Penalised (L2, ridge) logistic regression fitted by Newton–Raphson (IRLS) with step
// halving. Features are standardised internally so one penalty suits every feature; the
// intercept is never penalised. Deterministic: no random starts, a fixed order of sums.
import { binaryLabels, ModelInputError, sameLength } from "./errors.ts";
import { cholesky, choleskyInverse, choleskySolve } from "./linalg.ts";

export interface LogisticData {
  /** Row-major design matrix, rows × features (no intercept column). */
  readonly x: Float64Array;
  readonly rows: number;
  readonly features: number;
  /** 0/1 outcome per row. */
  readonly y: ArrayLike<number>;
  /** Fixed term added to each row's linear predictor (e.g. logit of a score being recalibrated). */
  readonly offset?: Float64Array;
}

export interface LogisticOptions {
  /** Penalty λ in ½λ‖β‖² on the standardised coefficients (default 1). 0 gives maximum likelihood. */
  readonly lambda?: number;
  /** Standardise features before fitting (default true); coefficients are reported on the original scale. */
  readonly standardise?: boolean;
  readonly maxIterations?: number;
  /** Stop when the largest change in a standardised coefficient is below this (default 1e-9). */
  readonly tolerance?: number;
}

export interface LogisticFit {
  /** Intercept on the original scale. */
  readonly intercept: number;
  /** One coefficient per feature, on the original scale (per unit of the feature). */
  readonly coefficients: Float64Array;
  /** Covariance of (intercept, coefficients) on the original scale: inverse penalised Hessian. */
  readonly covariance: Float64Array;
  /** Feature means and standard deviations used for standardisation (1 when not standardised). */
  readonly means: Float64Array;
  readonly scales: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** −2 × log-likelihood at the solution (without the penalty). */
  readonly deviance: number;
  readonly lambda: number;
}

export function fitLogistic(data: LogisticData, options: LogisticOptions = {}): LogisticFit {
  const { x, rows: n, features: p, y } = data;
  const lambda = options.lambda ?? 1;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-9;
  if (!(lambda >= 0)) throw new ModelInputError("lambda", "must be zero or positive");
  if (n < 1) throw new ModelInputError("rows", "needs at least one row");
  sameLength(n * p, x.length, "x");
  sameLength(n, y.length, "y");
  if (data.offset) sameLength(n, data.offset.length, "offset");
  binaryLabels(y, "y");

  const { means, scales } = options.standardise === false ? identityScaling(p) : columnScaling(x, n, p);
  // Constant features carry no information: they are held at zero and left out of the solve.
  const active: number[] = [];
  for (let j = 0; j < p; j++) if ((scales[j] ?? 0) > 0) active.push(j);
  const k = active.length + 1;
  const beta: Float64Array = new Float64Array(k);
  const offset = data.offset;

  // The sums run on the raw features, skipping zeros (most features are sparse counts and
  // flags), and are mapped to the standardised scale with the affine map T: β_raw = T β̃,
  // gradient T'g, Hessian T'HT. Hot loops index typed arrays within bounds; `as number`
  // only satisfies the type checker.
  const activeIdx = Int32Array.from(active);
  const t = new Float64Array(k * k);
  t[0] = 1;
  active.forEach((j, a) => {
    t[a + 1] = -(means[j] as number) / (scales[j] as number);
    t[(a + 1) * k + a + 1] = 1 / (scales[j] as number);
  });
  const raw = new Float64Array(k);
  const toRaw = (b: Float64Array) => {
    for (let r = 0; r < k; r++) {
      let v = 0;
      for (let c = 0; c < k; c++) v += (t[r * k + c] as number) * (b[c] as number);
      raw[r] = v;
    }
  };
  const nz = new Int32Array(k);
  const val = new Float64Array(k);
  /** Loads row i's non-zero raw values (with the intercept first); returns how many. */
  const load = (i: number) => {
    const base = i * p;
    nz[0] = 0;
    val[0] = 1;
    let m = 1;
    for (let a = 0; a < k - 1; a++) {
      const v = x[base + (activeIdx[a] as number)] as number;
      if (v !== 0) {
        nz[m] = a + 1;
        val[m] = v;
        m++;
      }
    }
    return m;
  };
  const eta = (i: number, m: number) => {
    let e = offset ? (offset[i] as number) : 0;
    for (let q = 0; q < m; q++) e += (raw[nz[q] as number] as number) * (val[q] as number);
    return e;
  };
  const penalised = (b: Float64Array) => {
    toRaw(b);
    let dev = 0;
    for (let i = 0; i < n; i++) dev += rowDeviance(eta(i, load(i)), y[i] as number);
    let pen = 0;
    for (let a = 1; a < k; a++) pen += (b[a] as number) ** 2;
    return { deviance: dev, objective: dev / 2 + (lambda * pen) / 2 };
  };

  let current = penalised(beta);
  let iterations = 0;
  let converged = false;
  let hessian: Float64Array = new Float64Array(k * k);
  while (iterations < maxIterations) {
    iterations++;
    const g = new Float64Array(k);
    const h = new Float64Array(k * k);
    toRaw(beta);
    for (let i = 0; i < n; i++) {
      const m = load(i);
      const mu = sigmoid(eta(i, m));
      const w = mu * (1 - mu);
      const r = (y[i] as number) - mu;
      for (let q = 0; q < m; q++) {
        const a = nz[q] as number;
        const va = val[q] as number;
        g[a] = (g[a] as number) + r * va;
        const wa = w * va;
        const base = a * k;
        for (let u = 0; u <= q; u++) {
          const c = base + (nz[u] as number);
          h[c] = (h[c] as number) + wa * (val[u] as number);
        }
      }
    }
    for (let a = 0; a < k; a++) for (let c = 0; c < a; c++) h[c * k + a] = h[a * k + c] as number;
    const grad = transposeTimes(t, g, k);
    hessian = congruence(t, h, k);
    for (let a = 1; a < k; a++) {
      hessian[a * k + a] = (hessian[a * k + a] as number) + lambda;
      grad[a] = (grad[a] as number) - lambda * (beta[a] as number);
    }
    const l = cholesky(hessian, k);
    if (!l) {
      throw new ModelInputError(
        "x",
        "the features are collinear or an outcome is perfectly separated; use a positive lambda",
      );
    }
    const step = choleskySolve(l, k, grad);
    let scale = 1;
    let next: Float64Array = beta;
    let trial = current;
    for (let halving = 0; halving < 30; halving++) {
      next = beta.map((b, a) => b + scale * (step[a] as number));
      trial = penalised(next);
      if (trial.objective <= current.objective + 1e-12 * Math.abs(current.objective)) break;
      scale /= 2;
    }
    let change = 0;
    for (let a = 0; a < k; a++)
      change = Math.max(change, Math.abs((next[a] as number) - (beta[a] as number)));
    beta.set(next);
    current = trial;
    if (change < tolerance) {
      converged = true;
      break;
    }
  }

  // Back to the original scale: β_j = β̃_j / s_j, intercept = β̃_0 − Σ β̃_j m_j / s_j.
  const coefficients = new Float64Array(p);
  let intercept = beta[0] ?? 0;
  const transform = new Float64Array(k * (p + 1)); // (p+1) × k, maps standardised → original
  transform[0] = 1;
  active.forEach((j, a) => {
    const s = scales[j] ?? 1;
    const b = (beta[a + 1] ?? 0) / s;
    coefficients[j] = b;
    intercept -= b * (means[j] ?? 0);
    transform[a + 1] = -(means[j] ?? 0) / s;
    transform[(j + 1) * k + a + 1] = 1 / s;
  });
  const l = cholesky(hessian, k);
  const inner = l ? choleskyInverse(l, k) : new Float64Array(k * k).fill(Number.NaN);
  return {
    intercept,
    coefficients,
    covariance: sandwich(transform, inner, p + 1, k),
    means,
    scales,
    iterations,
    converged,
    deviance: current.deviance,
    lambda,
  };
}

/** Linear predictor of each row of x under a fit. */
export function linearPredictor(
  fit: Pick<LogisticFit, "intercept" | "coefficients">,
  x: Float64Array,
  rows: number,
): Float64Array {
  const p = fit.coefficients.length;
  sameLength(rows * p, x.length, "x");
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let e = fit.intercept;
    for (let j = 0; j < p; j++) e += (fit.coefficients[j] ?? 0) * (x[i * p + j] ?? 0);
    out[i] = e;
  }
  return out;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/** −2 log-likelihood of one 0/1 outcome given its linear predictor, computed stably. */
function rowDeviance(eta: number, y: number): number {
  // log(1 + e^η) − yη
  const softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
  return 2 * (softplus - y * eta);
}

function identityScaling(p: number) {
  return { means: new Float64Array(p), scales: new Float64Array(p).fill(1) };
}

function columnScaling(x: Float64Array, n: number, p: number) {
  const means = new Float64Array(p);
  const scales = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) means[j] = (means[j] ?? 0) + (x[i * p + j] ?? 0);
  for (let j = 0; j < p; j++) means[j] = (means[j] ?? 0) / n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) scales[j] = (scales[j] ?? 0) + ((x[i * p + j] ?? 0) - (means[j] ?? 0)) ** 2;
  }
  for (let j = 0; j < p; j++) {
    const sd = Math.sqrt((scales[j] ?? 0) / n);
    scales[j] = sd > 1e-12 ? sd : 0;
  }
  return { means, scales };
}

/** Tᵀ g for a k × k matrix T. */
function transposeTimes(t: Float64Array, g: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let v = 0;
    for (let r = 0; r < k; r++) v += (t[r * k + c] as number) * (g[r] as number);
    out[c] = v;
  }
  return out;
}

/** Tᵀ H T for k × k matrices. */
function congruence(t: Float64Array, h: Float64Array, k: number): Float64Array {
  const ht = new Float64Array(k * k);
  for (let r = 0; r < k; r++)
    for (let c = 0; c < k; c++) {
      let v = 0;
      for (let m = 0; m < k; m++) v += (h[r * k + m] as number) * (t[m * k + c] as number);
      ht[r * k + c] = v;
    }
  const out = new Float64Array(k * k);
  for (let r = 0; r < k; r++)
    for (let c = 0; c < k; c++) {
      let v = 0;
      for (let m = 0; m < k; m++) v += (t[m * k + r] as number) * (ht[m * k + c] as number);
      out[r * k + c] = v;
    }
  return out;
}

/** T C Tᵀ for T (rows × k) and C (k × k). */
function sandwich(t: Float64Array, c: Float64Array, rows: number, k: number): Float64Array {
  const tc = new Float64Array(rows * k);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let m = 0; m < k; m++) s += (t[i * k + m] ?? 0) * (c[m * k + j] ?? 0);
      tc[i * k + j] = s;
    }
  const out = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < rows; j++) {
      let s = 0;
      for (let m = 0; m < k; m++) s += (tc[i * k + m] ?? 0) * (t[j * k + m] ?? 0);
      out[i * rows + j] = s;
    }
  return out;
}
