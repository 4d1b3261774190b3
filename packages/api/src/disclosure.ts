// The one disclosure step for API aggregates: direct-care roles see counts as they are;
// everyone else gets the configured suppression and rounding with secondary suppression.
import { type DisclosurePolicy, discloseBreakdown, type SuppressedCount, suppressCount } from "@bevan/query";
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
