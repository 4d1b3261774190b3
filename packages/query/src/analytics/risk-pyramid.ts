// The risk pyramid for the caller's scope: people in each stored admission-risk tier, their
// emergency admissions and spend in the 12 months to the as-of date. The scores predict the
// following 12 months, which the warehouse does not hold yet, so the observed window is the
// latest complete year (docs/risk-stratification.md measures the prospective pyramid).
import type { ScopedWarehouse } from "../scope.ts";
import { hasTable } from "./table-exists.ts";

export const RISK_TIERS = ["very_high", "high", "moderate", "low"] as const;
export type RiskTierCode = (typeof RISK_TIERS)[number];

export interface RiskTierRow {
  readonly tier: RiskTierCode;
  readonly people: number;
  readonly admissions: number;
  /** Pounds: hospital spells, A&E attendances and attended outpatient appointments; null when no cost is recorded. */
  readonly spend: number | null;
}

export interface RiskPyramidData {
  readonly window: { readonly from: string; readonly to: string };
  readonly tiers: readonly RiskTierRow[];
}

/** Null when the build did not score (no person_risk table). */
export async function riskPyramid(sw: ScopedWarehouse, asOf: string): Promise<RiskPyramidData | null> {
  if (!(await hasTable(sw, "person_risk"))) return null;
  const d = sw.dialect;
  const to = d.dateLiteral(asOf);
  const from = d.addMonths(to, -12);
  const rows = await sw.all<{ tier: string; people: bigint; adm: bigint | null; spend: number | null }>(
    `WITH adm AS (
       SELECT s.person_id, count(*) FILTER (WHERE s.admission_method = 'emergency') AS n, sum(s.cost) AS cost
       FROM scoped_hospital_spell s WHERE s.admission_date > ${from} AND s.admission_date <= ${to} GROUP BY 1),
     ae AS (
       SELECT a.person_id, sum(a.cost) AS cost FROM scoped_ae_attendance a
       WHERE a.arrival_date > ${from} AND a.arrival_date <= ${to} GROUP BY 1),
     op AS (
       SELECT o.person_id, sum(o.cost) AS cost FROM scoped_outpatient_attendance o
       WHERE o.attended AND o.appointment_date > ${from} AND o.appointment_date <= ${to} GROUP BY 1)
     SELECT r.risk_tier AS tier, count(*) AS people, sum(adm.n) AS adm,
            sum(coalesce(adm.cost, 0) + coalesce(ae.cost, 0) + coalesce(op.cost, 0))
              FILTER (WHERE adm.cost IS NOT NULL OR ae.cost IS NOT NULL OR op.cost IS NOT NULL) AS spend
     FROM scoped_person_risk r
     JOIN scoped_person_asof p ON p.person_id = r.person_id
     LEFT JOIN adm ON adm.person_id = r.person_id
     LEFT JOIN ae ON ae.person_id = r.person_id
     LEFT JOIN op ON op.person_id = r.person_id
     WHERE p.registered
     GROUP BY 1`,
  );
  const byTier = new Map(rows.map((r) => [r.tier, r]));
  const windowRow = await sw.one<{ f: string; t: string }>(
    `SELECT CAST(${from} AS VARCHAR) AS f, CAST(${to} AS VARCHAR) AS t`,
  );
  return {
    window: { from: windowRow.f, to: windowRow.t },
    tiers: RISK_TIERS.map((tier) => {
      const r = byTier.get(tier);
      return {
        tier,
        people: Number(r?.people ?? 0),
        admissions: Number(r?.adm ?? 0),
        spend: r?.spend ?? null,
      };
    }),
  };
}
