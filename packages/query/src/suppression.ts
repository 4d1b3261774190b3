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

export interface SuppressedBreakdownRow {
  readonly value: string | null;
  readonly count: SuppressedCount;
}

/** The shape of a cohort result that suppression reads (see cohort/execute.ts). */
export interface CountedResult {
  readonly count: number;
  readonly breakdowns: Readonly<
    Record<string, readonly { readonly value: string | null; readonly count: number }[]>
  >;
  readonly members?: readonly string[];
}

/**
 * A cohort result for an aggregate audience: every count from 1 to 9 withheld and the
 * member list dropped. The API applies this by role; direct-care users see the raw result.
 */
export function suppressCohortResult<T extends CountedResult>(
  result: T,
  threshold = SUPPRESSION_THRESHOLD,
): Omit<T, "count" | "breakdowns" | "members"> & {
  count: SuppressedCount;
  breakdowns: Record<string, SuppressedBreakdownRow[]>;
} {
  const { members: _members, count, breakdowns, ...rest } = result;
  return {
    ...rest,
    count: suppressCount(count, threshold),
    breakdowns: Object.fromEntries(
      Object.entries(breakdowns).map(([k, rows]) => [
        k,
        rows.map((r) => ({ value: r.value, count: suppressCount(r.count, threshold) })),
      ]),
    ),
  };
}
