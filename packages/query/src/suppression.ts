// Statistical disclosure control for aggregates shown to people not providing direct care.
// One policy (default as OpenSAFELY: counts below 8 withheld, the rest rounded to the
// nearest 5) and one function that applies it to a table of counts with its margins,
// including secondary suppression so that no total minus the shown cells gives a withheld
// cell. Zero is not disclosive and is shown.

export interface DisclosurePolicy {
  /** Counts from 1 to threshold − 1 are withheld. */
  readonly threshold: number;
  /** Shown counts are rounded to the nearest multiple of this (1 = no rounding). */
  readonly rounding: number;
}

export const DEFAULT_DISCLOSURE: DisclosurePolicy = Object.freeze({ threshold: 8, rounding: 5 });
/** Kept for callers of the first version: the default threshold. */
export const SUPPRESSION_THRESHOLD = DEFAULT_DISCLOSURE.threshold;

export interface SuppressedCount {
  readonly value: number | null;
  readonly suppressed: boolean;
}

export class DisclosurePolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DisclosurePolicyError";
  }
}

export function checkPolicy(policy: DisclosurePolicy): DisclosurePolicy {
  if (!Number.isInteger(policy.threshold) || policy.threshold < 1)
    throw new DisclosurePolicyError(
      `the suppression threshold must be a whole number of at least 1 (got ${policy.threshold})`,
    );
  if (!Number.isInteger(policy.rounding) || policy.rounding < 1)
    throw new DisclosurePolicyError(
      `the rounding base must be a whole number of at least 1 (got ${policy.rounding})`,
    );
  return policy;
}

/** Primary suppression and rounding of one count, with no margins to protect. */
export function suppressCount(n: number, policy: DisclosurePolicy = DEFAULT_DISCLOSURE): SuppressedCount {
  if (n > 0 && n < policy.threshold) return { value: null, suppressed: true };
  return { value: roundTo(n, policy.rounding), suppressed: false };
}

function roundTo(n: number, base: number): number {
  return base <= 1 ? n : Math.round(n / base) * base;
}

/** A margin: `total` (an index into the values) is the sum of `cells` (indexes). */
export interface Margin {
  readonly cells: readonly number[];
  readonly total: number;
}

/**
 * Applies the policy to `values` whose additive structure is given by `margins`. After
 * primary suppression, any margin with a shown total and exactly one withheld cell has its
 * smallest other non-zero cell withheld too (or, if there is none, its total), repeated
 * until no margin gives a withheld cell away.
 */
export function discloseCells(
  values: readonly number[],
  margins: readonly Margin[],
  policy: DisclosurePolicy = DEFAULT_DISCLOSURE,
): SuppressedCount[] {
  const hidden = values.map((v) => v > 0 && v < policy.threshold);
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of margins) {
      if (hidden[m.total]) continue;
      const withheld = m.cells.filter((i) => hidden[i]);
      if (withheld.length !== 1) continue;
      const candidates = m.cells
        .filter((i) => !hidden[i] && (values[i] ?? 0) > 0)
        .sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0) || a - b);
      const next = candidates[0];
      if (next === undefined) hidden[m.total] = true;
      else hidden[next] = true;
      changed = true;
    }
  }
  return values.map((v, i) =>
    hidden[i] ? { value: null, suppressed: true } : { value: roundTo(v, policy.rounding), suppressed: false },
  );
}

/** A one-way breakdown and its total, disclosed together. */
export function discloseBreakdown(
  counts: readonly number[],
  policy: DisclosurePolicy = DEFAULT_DISCLOSURE,
): { cells: SuppressedCount[]; total: SuppressedCount } {
  const total = counts.reduce((a, b) => a + b, 0);
  const out = discloseCells(
    [...counts, total],
    [{ cells: counts.map((_, i) => i), total: counts.length }],
    policy,
  );
  return { cells: out.slice(0, counts.length), total: out[counts.length] as SuppressedCount };
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
 * A cohort result for an aggregate audience: every breakdown disclosed with its total
 * (primary and secondary suppression, rounding) and the member list dropped. When any
 * breakdown has to withhold its total, the cohort count is withheld too. The API applies
 * this by role; direct-care users see the raw result.
 */
export function suppressCohortResult<T extends CountedResult>(
  result: T,
  policy: DisclosurePolicy = DEFAULT_DISCLOSURE,
): Omit<T, "count" | "breakdowns" | "members"> & {
  count: SuppressedCount;
  breakdowns: Record<string, SuppressedBreakdownRow[]>;
} {
  const { members: _members, count, breakdowns, ...rest } = result;
  let countWithheld = false;
  const disclosed = Object.fromEntries(
    Object.entries(breakdowns).map(([k, rows]) => {
      const d = discloseBreakdown(
        rows.map((r) => r.count),
        policy,
      );
      if (d.total.suppressed) countWithheld = true;
      return [k, rows.map((r, i) => ({ value: r.value, count: d.cells[i] as SuppressedCount }))];
    }),
  );
  return {
    ...rest,
    count: countWithheld ? { value: null, suppressed: true } : suppressCount(count, policy),
    breakdowns: disclosed,
  };
}
