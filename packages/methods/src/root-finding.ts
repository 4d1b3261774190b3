// Safeguarded Newton iteration for inverting monotone increasing distribution functions:
// Newton steps where they stay inside the bracket, bisection where they do not.

export function invertIncreasing(
  f: (x: number) => number,
  derivative: (x: number) => number,
  target: number,
  lo: number,
  hi: number,
  start: number,
): number {
  let a = lo;
  let b = hi;
  let x = start > a && start < b ? start : (a + b) / 2;
  for (let i = 0; i < 500; i++) {
    const fx = f(x) - target;
    if (fx === 0) return x;
    if (fx < 0) a = x;
    else b = x;
    const d = derivative(x);
    let next = d > 0 && Number.isFinite(d) ? x - fx / d : Number.NaN;
    if (!(next > a && next < b)) next = (a + b) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.abs(x) || b - a <= 1e-15 * Math.abs(b)) return next;
    x = next;
  }
  return x;
}
