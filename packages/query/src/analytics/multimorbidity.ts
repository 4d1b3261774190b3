// Multimorbidity: registered people by how many long-term-condition registers they are on
// (person_clinical.condition_count), grouped 0, 1, 2, 3, 4, 5+.
import type { Cell } from "../disclosure/cell-key.ts";
import { cellSql, readCell } from "../disclosure/sql.ts";
import type { ScopedWarehouse } from "../scope.ts";

export const CONDITION_GROUPS = ["0", "1", "2", "3", "4", "5+"] as const;

/** People per practice and condition count (0 … 5, where 5 means 5 or more). */
export async function multimorbidityByPractice(
  sw: ScopedWarehouse,
): Promise<{ practice: string; opted: boolean; conditions: number; people: Cell }[]> {
  const rows = await sw.all<Record<string, string | number | bigint | boolean | null>>(
    `SELECT p.practice_code AS practice, least(coalesce(c.condition_count, 0), 5) AS k,
            p.planning_opt_out AS opted, ${cellSql("p")}
     FROM scoped_person_asof p LEFT JOIN scoped_person_clinical c ON c.person_id = p.person_id
     WHERE p.registered GROUP BY 1, 2, 3`,
  );
  return rows.map((r) => ({
    practice: String(r.practice),
    opted: r.opted === true,
    conditions: Number(r.k),
    people: readCell(r),
  }));
}
