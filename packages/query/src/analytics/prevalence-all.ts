// Every register's prevalence in one pass: people on the register ÷ registered people of the
// register's minimum age, for the caller's scope.

import { type Cell, EMPTY_CELL } from "../disclosure/cell-key.ts";
import { cellSql, readCell } from "../disclosure/sql.ts";
import { registerCatalogue } from "../population.ts";
import type { ScopedWarehouse } from "../scope.ts";

export interface RegisterPrevalence {
  readonly code: string;
  readonly name: string;
  readonly minAge: number;
  readonly numerator: Cell;
  readonly denominator: Cell;
}

/** Every register's numerator and denominator per practice. */
export async function allRegisterPrevalenceByPractice(
  sw: ScopedWarehouse,
): Promise<(RegisterPrevalence & { practice: string; opted: boolean })[]> {
  const catalogue = registerCatalogue();
  const ages = [...new Set(catalogue.map((r) => r.minAge))].sort((a, b) => a - b);
  // Ages come from the register rules (integers), not from requests.
  for (const a of ages) if (!Number.isInteger(a)) throw new Error("register minimum age must be an integer");
  // People who opted out are counted apart (opted), so planning sums can leave them out.
  const dens = await sw.all<Record<string, bigint | string | boolean>>(
    `SELECT p.practice_code AS practice, p.planning_opt_out AS opted, ${ages.map((a) => cellSql("p", `d${a}`, `p.age >= ${a}`)).join(", ")}
     FROM scoped_person_asof p WHERE p.registered GROUP BY 1, 2`,
  );
  const nums = await sw.all<Record<string, string | bigint | boolean | null>>(
    `SELECT p.practice_code AS practice, p.planning_opt_out AS opted, r.register, ${cellSql("p")}
     FROM scoped_register r
     JOIN scoped_person_asof p ON p.person_id = r.person_id
     JOIN (VALUES ${catalogue.map((_, i) => `($c${i}, $a${i})`).join(", ")}) AS m(code, min_age) ON m.code = r.register
     WHERE p.registered AND p.age >= m.min_age
     GROUP BY 1, 2, 3`,
    Object.fromEntries(
      catalogue.flatMap((r, i) => [
        [`c${i}`, r.code],
        [`a${i}`, r.minAge],
      ]),
    ),
  );
  const byKey = new Map(nums.map((n) => [`${n.practice}|${n.opted === true}|${n.register}`, readCell(n)]));
  return dens.flatMap((d) =>
    catalogue.map((r) => ({
      practice: String(d.practice),
      opted: d.opted === true,
      code: r.code,
      name: r.name,
      minAge: r.minAge,
      numerator: byKey.get(`${String(d.practice)}|${d.opted === true}|${r.code}`) ?? EMPTY_CELL,
      denominator: readCell(d, `d${r.minAge}`),
    })),
  );
}
