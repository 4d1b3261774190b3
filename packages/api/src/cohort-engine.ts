// What the API needs from the cohort language (issue 7): validate a definition, count it
// with a breakdown, and list its members — always against the caller's ScopedWarehouse, so
// a cohort can never reach outside the caller's scope.
import type { Breakdown, GroupCount, ScopedWarehouse } from "@bevan/query";

export interface CohortEngine {
  /** Null when valid, else a message saying what is wrong and where. */
  validate(definition: unknown): string | null;
  breakdown(sw: ScopedWarehouse, definition: unknown, by: Breakdown): Promise<GroupCount[]>;
  members(
    sw: ScopedWarehouse,
    definition: unknown,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; personIds: bigint[] }>;
}
