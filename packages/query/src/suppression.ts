// Statistical disclosure control for aggregates shown to people not providing direct care
// (docs/disclosure-control.md). One policy and one function that applies it to a table of
// cells with its margins: primary suppression (cells of 1 to 7 people withheld), secondary
// suppression so that no total minus the shown cells narrows a withheld cell to the noise of
// two cells, and the cell-key perturbation of every shown cell (disclosure/cell-key.ts).
// Zero is not disclosive and is shown. A plain number (no record keys behind it) gets the
// floor instead: OpenSAFELY's redact 1–7 and round to 5.
import {
  addCells,
  type Cell,
  derivedCount,
  isCell,
  type MagnitudeCell,
  perturbedCount,
  perturbedMagnitude,
} from "./disclosure/cell-key.ts";

export interface DisclosurePolicy {
  /** Counts from 1 to threshold − 1 are withheld. */
  readonly threshold: number;
  /**
   * Plain counts (no cell key) are rounded to the nearest multiple of this (1 = no rounding).
   * Cells with a cell key are perturbed instead.
   */
  readonly rounding: number;
  /**
   * The cell-key method's ptable parameters: D (largest perturbation) and V (variance).
   * Absent: cells are rounded like plain counts (the floor).
   */
  readonly perturbation?: { readonly maxPerturbation: number; readonly variance: number };
}

export const DEFAULT_DISCLOSURE: DisclosurePolicy = Object.freeze({
  threshold: 8,
  rounding: 5,
  perturbation: Object.freeze({ maxPerturbation: 5, variance: 3 }),
});

/** A count as given to disclosure: a cell with its key (preferred), or a plain number. */
export type Countable = number | Cell;

const countOf = (c: Countable): number => (typeof c === "number" ? c : c.n);
const peopleOf = (c: Countable): number => (typeof c === "number" ? c : (c.people ?? c.n));
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
  const p = policy.perturbation;
  if (p && (!Number.isInteger(p.maxPerturbation) || p.maxPerturbation < 1 || p.maxPerturbation > 50))
    throw new DisclosurePolicyError(
      `the largest perturbation must be a whole number from 1 to 50 (got ${p.maxPerturbation})`,
    );
  if (p && !(p.variance > 0 && p.variance < p.maxPerturbation ** 2))
    throw new DisclosurePolicyError(
      `the perturbation variance must be above 0 and below the largest perturbation squared (got ${p.variance})`,
    );
  return policy;
}

/** Whether a count is withheld before any margin is considered (1 to threshold − 1 people). */
function small(c: Countable, policy: DisclosurePolicy): boolean {
  const people = peopleOf(c);
  return (people > 0 || countOf(c) > 0) && (people < policy.threshold || countOf(c) < policy.threshold);
}

/** The shown value of a count that is not withheld: perturbed by its cell key, or rounded. */
function shownValue(c: Countable, policy: DisclosurePolicy): SuppressedCount {
  if (isCell(c) && policy.perturbation) {
    const v = perturbedCount(c, { threshold: policy.threshold, ...policy.perturbation });
    return v === null ? { value: null, suppressed: true } : { value: v, suppressed: false };
  }
  return { value: roundTo(countOf(c), policy.rounding), suppressed: false };
}

/** Primary suppression and perturbation (or rounding) of one count, with no margins to protect. */
export function suppressCount(n: Countable, policy: DisclosurePolicy = DEFAULT_DISCLOSURE): SuppressedCount {
  if (small(n, policy)) return { value: null, suppressed: true };
  return shownValue(n, policy);
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
  cells: readonly Countable[],
  margins: readonly Margin[],
  policy: DisclosurePolicy = DEFAULT_DISCLOSURE,
): SuppressedCount[] {
  const values = cells.map(countOf);
  const hidden = cells.map((c) => small(c, policy));
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
  return cells.map((c, i) => (hidden[i] ? { value: null, suppressed: true } : shownValue(c, policy)));
}

/** The total of a breakdown's counts: cells add (their keys too), plain numbers add. */
function totalOf(counts: readonly Countable[]): Countable {
  if (counts.length > 0 && counts.every(isCell)) return addCells(...(counts as Cell[]));
  return counts.reduce<number>((a, b) => a + countOf(b), 0);
}

/**
 * A one-way breakdown and its total, disclosed together. With cell keys, the total is the
 * cell of all the breakdown's people, perturbed on its own: it will not equal the sum of the
 * shown cells (say so where both are shown; `disclosureNote`).
 */
export function discloseBreakdown(
  counts: readonly Countable[],
  policy: DisclosurePolicy = DEFAULT_DISCLOSURE,
): { cells: SuppressedCount[]; total: SuppressedCount } {
  const total = totalOf(counts);
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
  readonly count: Countable;
  readonly breakdowns: Readonly<
    Record<string, readonly { readonly value: string | null; readonly count: Countable }[]>
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

/**
 * A magnitude (money) over a cell of people, for an aggregate audience: withheld below the
 * threshold of people or when one person gives more than half; otherwise perturbed in
 * proportion to the largest contribution (`perturbedMagnitude`). Without perturbation
 * parameters, only the people rule applies and the total is rounded to the nearest 1,000.
 */
export function discloseMagnitude(
  cell: MagnitudeCell,
  policy: DisclosurePolicy = DEFAULT_DISCLOSURE,
): SuppressedCount {
  if (policy.perturbation) {
    const v = perturbedMagnitude(cell, { threshold: policy.threshold, ...policy.perturbation });
    return v === null ? { value: null, suppressed: true } : { value: v, suppressed: false };
  }
  const people = cell.people ?? cell.n;
  if (people > 0 && people < policy.threshold) return { value: null, suppressed: true };
  return { value: Math.round(cell.total / 1000) * 1000, suppressed: false };
}

/**
 * The counts a derived statistic (an age-standardised rate and its interval) is computed
 * from, for an aggregate audience: each cell perturbed with the method's no-floor table, so
 * small bands count (perturbed) and no exact count can be read back from the statistic.
 * Plain numbers are rounded to the policy's base. Never shown on their own.
 */
export function derivedCounts(
  cells: readonly Countable[],
  policy: DisclosurePolicy = DEFAULT_DISCLOSURE,
): number[] {
  return cells.map((c) =>
    isCell(c) && policy.perturbation
      ? derivedCount(c, { threshold: policy.threshold, ...policy.perturbation })
      : roundTo(countOf(c), policy.rounding),
  );
}
