// The risk pyramid for the caller's scope: people in each stored admission-risk tier, their
// emergency admissions and spend in the 12 months to the as-of date. The scores predict the
// following 12 months, which the warehouse does not hold yet, so the observed window is the
// latest complete year (docs/risk-stratification.md measures the prospective pyramid).
import type { Cell, MagnitudeCell } from "../disclosure/cell-key.ts";
import { cellSql, readCell } from "../disclosure/sql.ts";
import type { ScopedWarehouse } from "../scope.ts";
import { hasTable } from "./table-exists.ts";

export const RISK_TIERS = ["very_high", "high", "moderate", "low"] as const;
export type RiskTierCode = (typeof RISK_TIERS)[number];

export interface RiskTierRow {
  readonly practice: string;
  /** People who opted out (counted apart, so planning sums can leave them out). */
  readonly opted: boolean;
  readonly tier: RiskTierCode;
  /** The tier's people (a disclosure cell). */
  readonly people: Cell;
  /** Emergency admissions (n) of the tier's people, over the people admitted (people, key). */
  readonly admissions: Cell;
  /**
   * Pounds: hospital spells, A&E attendances and attended outpatient appointments, over the
   * people with a recorded cost; null when no cost is recorded.
   */
  readonly spend: MagnitudeCell | null;
}

export interface RiskPyramidData {
  readonly window: { readonly from: string; readonly to: string };
  readonly tiers: readonly RiskTierRow[];
}

/**
 * Per practice and tier, so that one ICS-wide answer can be summed over any caller's practices.
 * Null when the build did not score (no person_risk table).
 */
export async function riskPyramidByPractice(
  sw: ScopedWarehouse,
  asOf: string,
): Promise<RiskPyramidData | null> {
  if (!(await hasTable(sw, "person_risk"))) return null;
  const d = sw.dialect;
  const to = d.dateLiteral(asOf);
  const from = d.addMonths(to, -12);
  const rows = await sw.all<Record<string, string | number | bigint | boolean | null>>(
    `WITH adm AS (
       SELECT s.person_id, count(*) FILTER (WHERE s.admission_method = 'emergency') AS n, sum(s.cost) AS cost
       FROM scoped_hospital_spell s WHERE s.admission_date > ${from} AND s.admission_date <= ${to} GROUP BY 1),
     ae AS (
       SELECT a.person_id, sum(a.cost) AS cost FROM scoped_ae_attendance a
       WHERE a.arrival_date > ${from} AND a.arrival_date <= ${to} GROUP BY 1),
     op AS (
       SELECT o.person_id, sum(o.cost) AS cost FROM scoped_outpatient_attendance o
       WHERE o.attended AND o.appointment_date > ${from} AND o.appointment_date <= ${to} GROUP BY 1)
     SELECT practice, tier, opted, ${cellSql("x", "people")}, sum(x.adm) AS adm_events, ${cellSql("x", "adm", "x.adm > 0")},
            ${cellSql("x", "spend", "x.costed")}, sum(x.cost) FILTER (WHERE x.costed) AS spend_total,
            max(abs(x.cost)) FILTER (WHERE x.costed) AS spend_top
     FROM (
     SELECT p.practice_code AS practice, r.risk_tier AS tier, p.planning_opt_out AS opted, p.record_key, coalesce(adm.n, 0) AS adm,
            coalesce(adm.cost, 0) + coalesce(ae.cost, 0) + coalesce(op.cost, 0) AS cost,
            (adm.cost IS NOT NULL OR ae.cost IS NOT NULL OR op.cost IS NOT NULL) AS costed
     FROM scoped_person_risk r
     JOIN scoped_person_asof p ON p.person_id = r.person_id
     LEFT JOIN adm ON adm.person_id = r.person_id
     LEFT JOIN ae ON ae.person_id = r.person_id
     LEFT JOIN op ON op.person_id = r.person_id
     WHERE p.registered) AS x
     GROUP BY 1, 2, 3`,
  );
  const windowRow = await sw.one<{ f: string; t: string }>(
    `SELECT CAST(${from} AS VARCHAR) AS f, CAST(${to} AS VARCHAR) AS t`,
  );
  return {
    window: { from: windowRow.f, to: windowRow.t },
    tiers: rows
      .filter((r) => (RISK_TIERS as readonly string[]).includes(String(r.tier)))
      .map((r) => {
        const admitted = readCell(r, "adm");
        const spenders = readCell(r, "spend");
        return {
          practice: String(r.practice),
          opted: r.opted === true,
          tier: String(r.tier) as RiskTierCode,
          people: readCell(r, "people"),
          admissions: { n: Number(r.adm_events ?? 0), key: admitted.key, people: admitted.n },
          spend:
            r.spend_total === null
              ? null
              : {
                  ...spenders,
                  people: spenders.n,
                  total: Number(r.spend_total),
                  top: Number(r.spend_top ?? 0),
                },
        };
      }),
  };
}
