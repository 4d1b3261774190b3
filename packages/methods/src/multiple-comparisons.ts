// Adjusting p-values for multiple comparisons (as R's p.adjust): Holm's step-down method,
// which controls the family-wise error rate, and Benjamini–Hochberg, which controls the
// false discovery rate. Results are in input order and capped at 1.
import { MethodsInputError } from "./errors.ts";

function check(pValues: readonly number[]): void {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1))
      throw new MethodsInputError("invalid_option", `pValues[${i}]`, `must be between 0 and 1, got ${p}`);
  });
}

export function holm(pValues: readonly number[]): number[] {
  check(pValues);
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((idx, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[idx] as number)));
    out[idx] = running;
  });
  return out;
}

export function benjaminiHochberg(pValues: readonly number[]): number[] {
  check(pValues);
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[b] as number) - (pValues[a] as number));
  const out = new Array<number>(m);
  let running = 1;
  order.forEach((idx, k) => {
    const rank = m - k;
    running = Math.min(running, ((pValues[idx] as number) * m) / rank);
    out[idx] = Math.min(1, running);
  });
  return out;
}
