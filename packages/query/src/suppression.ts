// Small-number suppression for aggregates shown to people who are not providing direct
// care: counts from 1 to 9 are withheld (a zero is not disclosive and is shown).
export const SUPPRESSION_THRESHOLD = 10;

export interface SuppressedCount {
  readonly value: number | null;
  readonly suppressed: boolean;
}

export function suppressCount(n: number, threshold = SUPPRESSION_THRESHOLD): SuppressedCount {
  if (n > 0 && n < threshold) return { value: null, suppressed: true };
  return { value: n, suppressed: false };
}
