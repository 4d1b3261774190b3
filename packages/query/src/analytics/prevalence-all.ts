// Every register's prevalence in one pass: people on the register ÷ registered people of the
// register's minimum age, for the caller's scope.

import { registerCatalogue } from "../population.ts";
import type { ScopedWarehouse } from "../scope.ts";

export interface RegisterPrevalence {
  readonly code: string;
  readonly name: string;
  readonly minAge: number;
  readonly numerator: number;
  readonly denominator: number;
}

export async function allRegisterPrevalence(sw: ScopedWarehouse): Promise<RegisterPrevalence[]> {
  const catalogue = registerCatalogue();
  const ages = [...new Set(catalogue.map((r) => r.minAge))].sort((a, b) => a - b);
  // Ages come from the register rules (integers), not from requests.
  for (const a of ages) if (!Number.isInteger(a)) throw new Error("register minimum age must be an integer");
  const dens = await sw.one<Record<string, bigint>>(
    `SELECT ${ages.map((a) => `count(*) FILTER (WHERE p.age >= ${a}) AS d${a}`).join(", ")}
     FROM scoped_person_asof p WHERE p.registered`,
  );
  const nums = await sw.all<{ register: string; min_age: number; n: bigint }>(
    `SELECT r.register, m.min_age, count(*) AS n
     FROM scoped_register r
     JOIN scoped_person_asof p ON p.person_id = r.person_id
     JOIN (VALUES ${catalogue.map((_, i) => `($c${i}, $a${i})`).join(", ")}) AS m(code, min_age) ON m.code = r.register
     WHERE p.registered AND p.age >= m.min_age
     GROUP BY 1, 2`,
    Object.fromEntries(
      catalogue.flatMap((r, i) => [
        [`c${i}`, r.code],
        [`a${i}`, r.minAge],
      ]),
    ),
  );
  const byCode = new Map(nums.map((n) => [n.register, Number(n.n)]));
  return catalogue.map((r) => ({
    code: r.code,
    name: r.name,
    minAge: r.minAge,
    numerator: byCode.get(r.code) ?? 0,
    denominator: Number(dens[`d${r.minAge}`] ?? 0),
  }));
}
