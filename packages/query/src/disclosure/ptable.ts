// The perturbation table (ptable) of the cell-key method (docs/disclosure-control.md): for a
// cell of n people, the probability of each perturbation d in −D…D, chosen by maximum entropy
// under the constraints the ONS and Destatis tables use (Giessing 2016; the `ptable` R package
// by Enderle): zero mean, a fixed variance V, no perturbed value below a floor, and the
// probabilities laid on [0, M) so a cell key (a number in [0, M)) picks one perturbation.
// Maximum entropy under a mean and a variance gives p(d) ∝ exp(a·d + b·d²), a discrete
// Gaussian cut to the row's support; a and b are found by Newton's method on the dual.

export interface PtableParams {
  /** D: the largest perturbation either way. */
  readonly maxPerturbation: number;
  /** V: the perturbation's variance where the full range −D…D is open. */
  readonly variance: number;
  /**
   * No cell is perturbed below this value: 8 for published counts (1–7 are withheld, so a
   * published count is never below 8), 0 for the counts used inside a derived statistic.
   */
  readonly floor: number;
  /** M: cell keys and record keys are whole numbers in [0, M). */
  readonly tableSize: number;
}

export interface PtableRow {
  /** The cell's true count this row applies to (the last row applies to every larger count). */
  readonly n: number;
  /** The perturbations, smallest first. */
  readonly perturbations: readonly number[];
  /** Their probabilities as laid on [0, M): multiples of 1/M. */
  readonly probabilities: readonly number[];
  /** Upper bounds in key units: a key k takes the first perturbation whose bound exceeds k. */
  readonly bounds: readonly number[];
  /** The realised mean and variance (after laying the probabilities on whole keys). */
  readonly mean: number;
  readonly variance: number;
}

export interface Ptable {
  readonly params: PtableParams;
  readonly rows: readonly PtableRow[];
}

export class PtableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PtableError";
  }
}

/** Maximum-entropy probabilities on `support` with the given mean and variance. */
export function maxEntropy(support: readonly number[], mean: number, variance: number): number[] {
  if (support.length === 1) return [1];
  // Centre the moments: work with x = d − mean so the Newton steps are well scaled.
  const x = support.map((d) => d - mean);
  let a = 0;
  let b = 0;
  const probs = (aa: number, bb: number) => {
    const e = x.map((v) => aa * v + bb * v * v);
    const top = Math.max(...e);
    const w = e.map((v) => Math.exp(v - top));
    const z = w.reduce((s, v) => s + v, 0);
    return w.map((v) => v / z);
  };
  // The dual: log Z(a, b) − b·variance, minimised (E[x] = 0 and E[x²] = variance at its minimum).
  const dual = (aa: number, bb: number) => {
    const e = x.map((v) => aa * v + bb * v * v);
    const top = Math.max(...e);
    return top + Math.log(e.reduce((s, v) => s + Math.exp(v - top), 0)) - bb * variance;
  };
  for (let iter = 0; iter < 200; iter++) {
    const p = probs(a, b);
    const m1 = p.reduce((s, v, i) => s + v * (x[i] ?? 0), 0);
    const m2 = p.reduce((s, v, i) => s + v * (x[i] ?? 0) ** 2, 0);
    const m3 = p.reduce((s, v, i) => s + v * (x[i] ?? 0) ** 3, 0);
    const m4 = p.reduce((s, v, i) => s + v * (x[i] ?? 0) ** 4, 0);
    const g1 = m1;
    const g2 = m2 - variance;
    if (Math.abs(g1) < 1e-13 && Math.abs(g2) < 1e-12) return p;
    // Hessian: the covariance of (x, x²).
    const h11 = m2 - m1 * m1;
    const h12 = m3 - m1 * m2;
    const h22 = m4 - m2 * m2;
    const det = h11 * h22 - h12 * h12;
    if (!(det > 0)) break;
    const da = -(h22 * g1 - h12 * g2) / det;
    const db = -(-h12 * g1 + h11 * g2) / det;
    // Backtracking: a full Newton step can overshoot far from the optimum.
    const before = dual(a, b);
    let t = 1;
    while (t > 1e-8 && dual(a + t * da, b + t * db) > before + 1e-4 * t * (g1 * da + g2 * db)) t /= 2;
    a += t * da;
    b += t * db;
  }
  const p = probs(a, b);
  const m1 = p.reduce((s, v, i) => s + v * (x[i] ?? 0), 0);
  const m2 = p.reduce((s, v, i) => s + v * (x[i] ?? 0) ** 2, 0);
  if (Math.abs(m1) > 1e-9 || Math.abs(m2 - variance) > 1e-6)
    throw new PtableError(`no maximum-entropy distribution with mean ${mean} and variance ${variance}`);
  return p;
}

/** Lays probabilities on whole keys in [0, M): every perturbation kept keeps at least one key. */
function lay(probabilities: readonly number[], m: number): number[] {
  const bounds: number[] = [];
  let cum = 0;
  for (let i = 0; i < probabilities.length; i++) {
    cum += probabilities[i] ?? 0;
    const previous = bounds[i - 1] ?? 0;
    const bound = i === probabilities.length - 1 ? m : Math.round(cum * m);
    bounds.push(Math.max(previous + ((probabilities[i] ?? 0) > 0 ? 1 : 0), Math.min(bound, m)));
  }
  return bounds;
}

/**
 * The table: one row per count from the floor (0 is never perturbed, so a floor of 0 starts
 * at 1) up to floor + D, the last row applying to every larger count. A row whose support is
 * cut by the floor keeps zero mean and takes the variance V where it can, else 90% of the
 * largest variance its support allows; the row at the floor itself cannot move down, so
 * with zero mean it cannot move at all (as in the `ptable` package).
 */
export function buildPtable(params: PtableParams): Ptable {
  const { maxPerturbation: D, variance: V, floor, tableSize: M } = params;
  if (!Number.isInteger(D) || D < 1)
    throw new PtableError("the maximum perturbation must be a whole number ≥ 1");
  if (!(V > 0) || V >= D * D) throw new PtableError(`the variance must be above 0 and below D² = ${D * D}`);
  if (!Number.isInteger(floor) || floor < 0) throw new PtableError("the floor must be a whole number ≥ 0");
  if (!Number.isInteger(M) || M < 256 || M > 2 ** 24)
    throw new PtableError("the table size must be in 256…2^24");
  const rows: PtableRow[] = [];
  const first = Math.max(floor, 1);
  for (let n = first; n <= first + D; n++) {
    const low = Math.max(-D, floor - n);
    const support = Array.from({ length: D - low + 1 }, (_, i) => low + i);
    const largest = -low * D; // a two-point distribution at low and D
    const variance = largest <= 0 ? 0 : Math.min(V, 0.9 * largest);
    const p = variance === 0 ? support.map((d) => (d === 0 ? 1 : 0)) : maxEntropy(support, 0, variance);
    const bounds = lay(p, M);
    const laid = bounds.map((b, i) => (b - (bounds[i - 1] ?? 0)) / M);
    const mean = laid.reduce((s, q, i) => s + q * (support[i] ?? 0), 0);
    rows.push({
      n,
      perturbations: support,
      probabilities: laid,
      bounds,
      mean,
      variance: laid.reduce((s, q, i) => s + q * ((support[i] ?? 0) - mean) ** 2, 0),
    });
  }
  return { params, rows };
}

/** The perturbation for a cell of `n` (≥ 1) people with cell key `key` in [0, M). */
export function lookup(ptable: Ptable, n: number, key: number): number {
  const rows = ptable.rows;
  const first = rows[0]?.n ?? 1;
  const row = rows[Math.min(Math.max(n - first, 0), rows.length - 1)];
  if (!row) return 0;
  const k = ((key % ptable.params.tableSize) + ptable.params.tableSize) % ptable.params.tableSize;
  for (let i = 0; i < row.bounds.length; i++) if (k < (row.bounds[i] ?? 0)) return row.perturbations[i] ?? 0;
  return row.perturbations[row.perturbations.length - 1] ?? 0;
}
