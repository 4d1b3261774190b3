// Multimorbidity: registered people by how many long-term-condition registers they are on
// (person_clinical.condition_count), grouped 0, 1, 2, 3, 4, 5+.
import type { ScopedWarehouse } from "../scope.ts";

export const CONDITION_GROUPS = ["0", "1", "2", "3", "4", "5+"] as const;

export async function multimorbidity(
  sw: ScopedWarehouse,
): Promise<{ conditions: (typeof CONDITION_GROUPS)[number]; people: number }[]> {
  const rows = await sw.all<{ k: number; n: bigint }>(
    `SELECT least(coalesce(c.condition_count, 0), 5) AS k, count(*) AS n
     FROM scoped_person_asof p LEFT JOIN scoped_person_clinical c ON c.person_id = p.person_id
     WHERE p.registered GROUP BY 1`,
  );
  const byK = new Map(rows.map((r) => [Number(r.k), Number(r.n)]));
  return CONDITION_GROUPS.map((conditions, k) => ({ conditions, people: byK.get(k) ?? 0 }));
}
