// The one disclosure step for API aggregates: direct-care roles see counts as they are;
// everyone else gets the configured suppression and rounding with secondary suppression.
import {
  type DisclosurePolicy,
  discloseBreakdown,
  type SuppressedCount,
  suppressCohortResult,
  suppressCount,
} from "@bevan/query";
import type { Principal } from "@bevan/state";

export type DisclosureNote =
  | { kind: "direct-care"; note: string }
  | { kind: "suppressed"; threshold: number; rounding: number; note: string };

export function disclosureNote(policy: DisclosurePolicy | null): DisclosureNote {
  return policy
    ? {
        kind: "suppressed",
        threshold: policy.threshold,
        rounding: policy.rounding,
        note: `counts from 1 to ${policy.threshold - 1} are withheld (with other cells where needed so totals do not reveal them); other counts are rounded to the nearest ${policy.rounding}; rates are computed from the rounded counts`,
      }
    : { kind: "direct-care", note: "unsuppressed counts for your direct-care role" };
}

export function policyFor(
  principal: Principal | null,
  configured: DisclosurePolicy,
): DisclosurePolicy | null {
  return principal?.role.directCare ? null : configured;
}

/** A breakdown and its total through the caller's policy (or as they are, for direct care). */
export function disclose(
  counts: readonly number[],
  policy: DisclosurePolicy | null,
): { cells: SuppressedCount[]; total: SuppressedCount } {
  if (!policy) {
    const raw = (n: number): SuppressedCount => ({ value: n, suppressed: false });
    return { cells: counts.map(raw), total: raw(counts.reduce((a, b) => a + b, 0)) };
  }
  return discloseBreakdown(counts, policy);
}

/** One count on its own (no margin to protect), through the caller's policy. */
export function discloseOne(count: number, policy: DisclosurePolicy | null): SuppressedCount {
  return policy ? suppressCount(count, policy) : { value: count, suppressed: false };
}

/** The value of a disclosed count, or null when it is withheld. */
export function shown(c: SuppressedCount | undefined): number | null {
  return c && !c.suppressed ? c.value : null;
}

/**
 * A cohort's count and its one-way breakdowns through the caller's policy: each breakdown
 * is disclosed with the count as its total (primary and secondary suppression, rounding),
 * and the count is withheld when any breakdown has to withhold it.
 */
export function discloseCohort(
  count: number,
  breakdowns: Readonly<Record<string, readonly { value: string | null; count: number }[]>>,
  policy: DisclosurePolicy | null,
): { count: SuppressedCount; breakdowns: Record<string, { group: string; count: SuppressedCount }[]> } {
  const group = (value: string | null) => value ?? "unknown";
  if (!policy)
    return {
      count: { value: count, suppressed: false },
      breakdowns: Object.fromEntries(
        Object.entries(breakdowns).map(([k, rows]) => [
          k,
          rows.map((r) => ({ group: group(r.value), count: { value: r.count, suppressed: false } })),
        ]),
      ),
    };
  const d = suppressCohortResult({ count, breakdowns }, policy);
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

/** A series of counts (a timeline): each point withheld or rounded on its own. */
export function discloseSeries(
  counts: readonly number[],
  policy: DisclosurePolicy | null,
): SuppressedCount[] {
  return counts.map((n) => (policy ? suppressCount(n, policy) : { value: n, suppressed: false }));
}
