// Fair shares for the caller's scope: each practice's or PCN's expected cost next year under
// each formula (summed from person_allocation), what it cost in the latest year, and the
// models' validation report. The API divides the user's budget (@bevan/allocation).
import type { Formula } from "@bevan/allocation";
import { hasTable, type ScopedWarehouse } from "@bevan/query";
import type { AllocationReport } from "./build-allocation.ts";
import { keyOf, LEVEL_COLUMN, num, onListSql } from "./read-common.ts";

export type AllocationLevel = "practice" | "pcn";

export interface AllocationUnit {
  readonly code: string;
  /** People registered at the as-of date (the list the shares are for). */
  readonly registered: number;
  readonly registeredKey: number;
  readonly expected: Readonly<Record<Formula, number | null>>;
  /** Cost in the 12 months to the as-of date of people on the list in the year, and its magnitude facts. */
  readonly actual: number;
  readonly actualPeople: number;
  readonly actualKey: number;
  readonly actualTop: number;
}

export async function allocationReportOf(sw: ScopedWarehouse): Promise<AllocationReport | null> {
  if (!(await hasTable(sw, "allocation_report"))) return null;
  const rows = await sw.aggregate<{ value: string }>(
    "SELECT value FROM allocation_report WHERE key = 'report'",
  );
  const v = rows[0]?.value;
  return v ? (JSON.parse(v) as AllocationReport) : null;
}

export async function allocationUnits(
  sw: ScopedWarehouse,
  asOf: string,
  level: AllocationLevel,
): Promise<AllocationUnit[]> {
  const col = LEVEL_COLUMN[level];
  const d = sw.dialect;
  const [expected, actual] = await Promise.all([
    sw.aggregate<Record<string, unknown>>(
      `SELECT p.${col} AS unit, count(*) AS registered, sum(p.record_key) AS registered_key, sum(a.capitation) AS capitation, sum(a.age_sex) AS age_sex,
          sum(a.need) AS need, sum(a.need_supply) AS need_supply, count(a.need_supply) AS with_supply
        FROM scoped_person_allocation a JOIN scoped_person_asof p ON p.person_id = a.person_id
        WHERE p.${col} IS NOT NULL GROUP BY 1 ORDER BY 1`,
    ),
    sw.aggregate<Record<string, unknown>>(
      `SELECT p.${col} AS unit, count(c.person_id) AS people,
          sum(p.record_key) FILTER (WHERE c.person_id IS NOT NULL) AS people_key, sum(coalesce(c.cost, 0)) AS spend, max(coalesce(c.cost, 0)) AS top
        FROM scoped_person_asof p
        LEFT JOIN (SELECT person_id, sum(cost) AS cost FROM scoped_person_cost WHERE year = 0 GROUP BY person_id) c
          ON c.person_id = p.person_id
        WHERE ${onListSql(d, asOf)} AND p.${col} IS NOT NULL GROUP BY 1`,
    ),
  ]);
  const spend = new Map(actual.map((r) => [String(r.unit), r]));
  return expected.map((r) => {
    const s = spend.get(String(r.unit));
    const supply = num(r.with_supply) > 0;
    return {
      code: String(r.unit),
      registered: num(r.registered),
      registeredKey: keyOf(r.registered_key),
      expected: {
        capitation: num(r.capitation),
        age_sex: num(r.age_sex),
        need: num(r.need),
        need_supply: supply ? num(r.need_supply) : null,
      },
      actual: num(s?.spend),
      actualPeople: num(s?.people),
      actualKey: keyOf(s?.people_key),
      actualTop: num(s?.top),
    };
  });
}

export interface PatientBudget {
  readonly personId: string;
  readonly age: number;
  readonly sex: string;
  readonly practice: string;
  readonly riskTier: string | null;
  readonly expected: number;
  readonly low: number | null;
  readonly high: number | null;
  /** Cost in the 12 months to the as-of date. */
  readonly lastYear: number;
}

/**
 * Patient-specific budgets for the people with the highest expected cost in scope (patient-
 * level: the caller audits the read). `formula` is need or need_supply.
 */
export async function patientBudgets(
  sw: ScopedWarehouse,
  formula: "need" | "need_supply",
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: PatientBudget[] }> {
  const risk = await hasTable(sw, "person_risk");
  const col = formula === "need" ? "need" : "need_supply";
  const base = `FROM scoped_person_allocation a JOIN scoped_person_asof p ON p.person_id = a.person_id
    ${risk ? "LEFT JOIN scoped_person_risk k ON k.person_id = a.person_id" : ""}
    LEFT JOIN (SELECT person_id, sum(cost) AS cost FROM scoped_person_cost WHERE year = 0 GROUP BY person_id) c
      ON c.person_id = a.person_id
    WHERE a.${col} IS NOT NULL`;
  const [count, rows] = await Promise.all([
    sw.all<{ n: bigint }>(`SELECT count(*) AS n ${base}`),
    sw.all<Record<string, unknown>>(
      `SELECT a.person_id, p.age, p.sex, p.practice_code, ${risk ? "k.risk_tier" : "NULL"} AS tier,
          a.${col} AS expected, a.${col}_low AS low, a.${col}_high AS high, coalesce(c.cost, 0) AS last_year
       ${base} ORDER BY a.${col} DESC, a.person_id LIMIT ${Math.trunc(page.limit)} OFFSET ${Math.trunc(page.offset)}`,
    ),
  ]);
  return {
    total: num(count[0]?.n),
    rows: rows.map((r) => ({
      personId: String(r.person_id),
      age: num(r.age),
      sex: String(r.sex),
      practice: String(r.practice_code),
      riskTier: r.tier === null || r.tier === undefined ? null : String(r.tier),
      expected: num(r.expected),
      low: r.low === null || r.low === undefined ? null : num(r.low),
      high: r.high === null || r.high === undefined ? null : num(r.high),
      lastYear: num(r.last_year),
    })),
  };
}
