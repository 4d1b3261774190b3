// Small dense linear algebra for Newton steps: Cholesky factorisation of a symmetric
// positive-definite matrix stored row-major in a Float64Array of size k×k.

/** Lower-triangular L with A = L Lᵀ, or null when A is not positive definite. */
export function cholesky(a: Float64Array, k: number): Float64Array | null {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * k + j] ?? 0;
      for (let m = 0; m < j; m++) sum -= (l[i * k + m] ?? 0) * (l[j * k + m] ?? 0);
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i * k + i] = Math.sqrt(sum);
      } else {
        l[i * k + j] = sum / (l[j * k + j] ?? 1);
      }
    }
  }
  return l;
}

/** Solve L Lᵀ x = b. */
export function choleskySolve(l: Float64Array, k: number, b: Float64Array): Float64Array {
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = b[i] ?? 0;
    for (let m = 0; m < i; m++) sum -= (l[i * k + m] ?? 0) * (z[m] ?? 0);
    z[i] = sum / (l[i * k + i] ?? 1);
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let sum = z[i] ?? 0;
    for (let m = i + 1; m < k; m++) sum -= (l[m * k + i] ?? 0) * (x[m] ?? 0);
    x[i] = sum / (l[i * k + i] ?? 1);
  }
  return x;
}

/** A⁻¹ from its Cholesky factor. */
export function choleskyInverse(l: Float64Array, k: number): Float64Array {
  const inv = new Float64Array(k * k);
  const e = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    e.fill(0);
    e[c] = 1;
    const col = choleskySolve(l, k, e);
    for (let r = 0; r < k; r++) inv[r * k + c] = col[r] ?? 0;
  }
  return inv;
}
