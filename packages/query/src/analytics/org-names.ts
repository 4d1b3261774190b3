// Organisation names for codes (reference data, not person-level).
import type { ScopedWarehouse } from "../scope.ts";

export async function orgNames(sw: ScopedWarehouse, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await sw.all<{ org_code: string; org_name: string }>(
    `SELECT org_code, org_name FROM organisation WHERE org_code IN (${codes.map((_, i) => `$c${i}`).join(", ")})`,
    Object.fromEntries(codes.map((c, i) => [`c${i}`, c])),
  );
  return new Map(rows.map((r) => [r.org_code, r.org_name]));
}
