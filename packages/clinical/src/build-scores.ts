// Fills person_clinical at the as-of date in one set-based statement: multimorbidity count, eFI,
// HFRS and Charlson (score-sql.ts) and QRISK3 / QDiabetes from each person's latest recorded
// values (risk-scores-sql.ts), all generated from the rule data and equations of ./scores.
// Needs `_person_base`, `register`, the clinical codelists and an empty person_clinical; leaves
// `_clin`, `_latest` and `_days` for the diabetes care processes (the caller drops them).
import { personClinical } from "@bevan/domain";
import type { Engine } from "@bevan/engine";
import type { EfiDeficitSource } from "./efi-codelists.ts";
import { riskScoresSql } from "./risk-scores-sql.ts";
import { clinicalEventsSql, latestDaysSql, latestValuesSql, riskFeaturesSql } from "./score-features.ts";
import { charlsonSql, efiBandSql, efiSql, hfrsBandSql, hfrsSql, SCORE_MIN_AGE } from "./score-sql.ts";

/** Registers that are conditions for the multimorbidity count (not NDH, a risk state, nor PC, a care status). */
export const MULTIMORBIDITY_EXCLUDED = ["NDH", "PC"] as const;

/**
 * Fills person_clinical: everything is set-based SQL over the registered population, the
 * QRISK3/QDiabetes equations included (riskScoresSql, generated from the equations' data).
 */
export async function buildPersonClinical(
  wh: Engine,
  asOf: string,
  efiSources: readonly EfiDeficitSource[],
): Promise<void> {
  const d = wh.dialect;
  await wh.createWorkTable("_clin", clinicalEventsSql(d, asOf));
  await wh.createWorkTable("_latest", latestValuesSql());
  await wh.createWorkTable("_days", latestDaysSql());

  const excluded = MULTIMORBIDITY_EXCLUDED.map((r) => d.stringLiteral(r)).join(", ");
  const cols = personClinical.columns.map((c) => d.quoteIdent(c.name)).join(", ");
  await wh.exec(`INSERT INTO ${personClinical.name} (${cols})
    SELECT b.person_id, CAST(coalesce(mm.n, 0) AS INTEGER) AS condition_count, e.efi, ${efiBandSql(d, "e.efi")} AS efi_band,
      h.hfrs, ${hfrsBandSql(d, "h.hfrs")} AS hfrs_band,
      CASE WHEN b.age >= ${SCORE_MIN_AGE.charlson} THEN coalesce(ch.charlson, 0) END AS charlson,
      r.qrisk3_10y_percent, r.qrisk3_imputed, r.qdiabetes_10y_percent, r.qdiabetes_model
    FROM _person_base AS b
    LEFT JOIN (SELECT person_id, count(*) AS n FROM register WHERE register NOT IN (${excluded})
      GROUP BY person_id) AS mm ON mm.person_id = b.person_id
    LEFT JOIN (${efiSql(d, asOf, efiSources)}) AS e ON e.person_id = b.person_id
    LEFT JOIN (SELECT b2.person_id, coalesce(hs.hfrs, 0) AS hfrs FROM _person_base AS b2
        LEFT JOIN (${hfrsSql(d, asOf)}) AS hs ON hs.person_id = b2.person_id
        WHERE b2.age >= ${SCORE_MIN_AGE.hfrs}) AS h ON h.person_id = b.person_id
    LEFT JOIN (${charlsonSql(d, asOf)}) AS ch ON ch.person_id = b.person_id
    LEFT JOIN (${riskScoresSql(d, riskFeaturesSql(d, asOf))}) AS r ON r.person_id = b.person_id
    WHERE b.registered`);
}
