// The practices whose registered people the caller's scope holds: the key for summing
// per-practice aggregates computed once for the whole ICS.
import type { ScopedWarehouse } from "../scope.ts";

export async function practicesInScope(sw: ScopedWarehouse): Promise<Set<string>> {
  const rows = await sw.aggregate<{ practice_code: string }>(
    "SELECT DISTINCT p.practice_code FROM scoped_person_asof p WHERE p.registered",
  );
  return new Set(rows.map((r) => r.practice_code));
}
