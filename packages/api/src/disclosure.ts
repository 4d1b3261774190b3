// The one disclosure step for API aggregates (docs/disclosure-control.md): direct-care roles
// see counts as they are; everyone else gets the cell-key method — cells of 1 to 7 people
// withheld (with secondary suppression over margins), every other cell perturbed by a value
// fixed by the set of people behind it. Give cells (`cellSql`/`readCell` in @bevan/query:
// count and key), not plain numbers: a plain number only gets the floor (withhold 1–7,
// round to 5). Derived figures (rates, intervals, standardised rates, money per head) are
// computed from what these functions return, never from the raw counts.
import {
  type Cell,
  type Countable,
  type DisclosurePolicy,
  derivedCounts,
  discloseBreakdown,
  discloseMagnitude as discloseMagnitudeFor,
  type MagnitudeCell,
  type SuppressedCount,
  suppressCohortResult,
  suppressCount,
} from "@bevan/query";
import type { Principal } from "@bevan/state";

export type DisclosureNote =
  | { kind: "direct-care"; note: string }
  | {
      kind: "suppressed";
      threshold: number;
      rounding: number;
      method: "cell-key" | "rounding";
      maxPerturbation: number | null;
      note: string;
    };

export function disclosureNote(policy: DisclosurePolicy | null): DisclosureNote {
  if (!policy) return { kind: "direct-care", note: "unsuppressed counts for your direct-care role" };
  const p = policy.perturbation;
  const withheld = `counts from 1 to ${policy.threshold - 1} are withheld (with other cells where needed so totals do not reveal them)`;
  return {
    kind: "suppressed",
    threshold: policy.threshold,
    rounding: policy.rounding,
    method: p ? "cell-key" : "rounding",
    maxPerturbation: p ? p.maxPerturbation : null,
    note: p
      ? `${withheld}; every other count is moved by up to ${p.maxPerturbation} either way, by an amount fixed by the people counted, so the same figure always comes back the same; totals are perturbed on their own and need not equal the sum of the figures shown; rates, intervals and other figures are worked out from the published counts`
      : `${withheld}; other counts are rounded to the nearest ${policy.rounding}; rates are computed from the rounded counts`,
  };
}

export function policyFor(
  principal: Principal | null,
  configured: DisclosurePolicy,
): DisclosurePolicy | null {
  return principal?.role.directCare ? null : configured;
}

const countOf = (c: Countable): number => (typeof c === "number" ? c : c.n);
const raw = (c: Countable): SuppressedCount => ({ value: countOf(c), suppressed: false });

/** A breakdown and its total through the caller's policy (or as they are, for direct care). */
export function disclose(
  counts: readonly Countable[],
  policy: DisclosurePolicy | null,
): { cells: SuppressedCount[]; total: SuppressedCount } {
  if (!policy)
    return { cells: counts.map(raw), total: raw(counts.reduce<number>((a, b) => a + countOf(b), 0)) };
  return discloseBreakdown(counts, policy);
}

/** A breakdown row of a cohort: its group, count and (from the cohort language) cell key. */
export interface CohortCell {
  readonly value: string | null;
  readonly count: number;
  readonly key?: number;
}

const asCell = (count: number, key: number | undefined): Countable =>
  key === undefined ? count : { n: count, key };

/**
 * A cohort's count and its one-way breakdowns through the caller's policy: each breakdown
 * is disclosed with the count as its total (primary and secondary suppression, perturbation),
 * and the count is withheld when any breakdown has to withhold it.
 */
export function discloseCohort(
  count: Countable,
  breakdowns: Readonly<Record<string, readonly CohortCell[]>>,
  policy: DisclosurePolicy | null,
): { count: SuppressedCount; breakdowns: Record<string, { group: string; count: SuppressedCount }[]> } {
  const group = (value: string | null) => value ?? "unknown";
  if (!policy)
    return {
      count: raw(count),
      breakdowns: Object.fromEntries(
        Object.entries(breakdowns).map(([k, rows]) => [
          k,
          rows.map((r) => ({ group: group(r.value), count: { value: r.count, suppressed: false } })),
        ]),
      ),
    };
  const d = suppressCohortResult(
    {
      count,
      breakdowns: Object.fromEntries(
        Object.entries(breakdowns).map(([k, rows]) => [
          k,
          rows.map((r) => ({ value: r.value, count: asCell(r.count, r.key) })),
        ]),
      ),
    },
    policy,
  );
  return {
    count: d.count,
    breakdowns: Object.fromEntries(
      Object.entries(d.breakdowns).map(([k, rows]) => [
        k,
        rows.map((r) => ({ group: group(r.value), count: r.count })),
      ]),
    ),
  };
}

/**
 * A series of counts (a timeline): each point withheld or perturbed on its own. Each month's
 * people are a different set, so each point has its own perturbation: free-form series are
 * also charged to the query budget (query-budget.ts), which is what stops averaging them.
 */
export function discloseSeries(
  counts: readonly Countable[],
  policy: DisclosurePolicy | null,
): SuppressedCount[] {
  return counts.map((n) => (policy ? suppressCount(n, policy) : raw(n)));
}

/** One count on its own (no margin to protect), through the caller's policy. */
export function discloseOne(count: Countable, policy: DisclosurePolicy | null): SuppressedCount {
  return policy ? suppressCount(count, policy) : raw(count);
}

/**
 * Money (or another magnitude) over a cell of people (`magnitudeCellsSql`): withheld for
 * fewer than 8 people or one person giving more than half; otherwise perturbed in proportion
 * to the largest contribution. Direct care sees the total as it is.
 */
export function discloseMagnitude(cell: MagnitudeCell, policy: DisclosurePolicy | null): SuppressedCount {
  return policy ? discloseMagnitudeFor(cell, policy) : { value: cell.total, suppressed: false };
}

/**
 * The counts a derived statistic (an age-standardised rate and its interval) is computed
 * from: perturbed without a small-cell floor for aggregate audiences, as they are for direct
 * care. Never publish these values themselves.
 */
export function countsForDerived(cells: readonly Countable[], policy: DisclosurePolicy | null): number[] {
  return policy ? derivedCounts(cells, policy) : cells.map(countOf);
}

/** The value of a disclosed count, or null when it is withheld. */
export function shown(c: SuppressedCount | undefined): number | null {
  return c && !c.suppressed ? c.value : null;
}

export type { Cell };
