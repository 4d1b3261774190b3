// SQL that gathers each person's inputs to the scores at the as-of date. Portable SQL: dates
// through the dialect. Needs `_person_base`, `register`, and `_clin` (clinical-code events).
import type { Dialect } from "@bevan/engine";
import { CLINICAL_CODELISTS, type ClinicalCodelistKey, clinicalListId as id } from "./clinical-codelists.ts";

/**
 * Events and issues of the clinical codelists (CLINICAL_CODELISTS, the only lists the readers
 * of `_clin` name) in the 5 years (events) or 12 months (issues) to the as-of date.
 */
export function clinicalEventsSql(d: Dialect, asOf: string): string {
  const a = d.dateLiteral(asOf);
  const lists = (system: string) =>
    Object.values(CLINICAL_CODELISTS)
      .filter((l) => l.system === system)
      .map((l) => d.stringLiteral(l.id))
      .join(", ");
  return `SELECT e.person_id, cc.codelist_id, e.event_date AS day, e.value, NULL AS source_org
    FROM gp_event AS e
    JOIN codelist_code AS cc ON cc.code = e.code AND cc.codelist_id IN (${lists("snomedct")})
    JOIN codelist AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = e.coding_system
    WHERE e.event_date <= ${a} AND e.event_date > ${d.addMonths(a, -60)}
    UNION ALL
    SELECT m.person_id, cc.codelist_id, m.issue_date, NULL, m.source_org
    FROM medication_issue AS m
    JOIN codelist_code AS cc ON cc.code = m.code AND cc.codelist_id IN (${lists("dmd")})
    JOIN codelist AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = m.coding_system
    WHERE m.issue_date <= ${a} AND m.issue_date > ${d.addMonths(a, -12)}`;
}

/** Per person and codelist: the latest value (latest day, highest value on a tie) and day. */
export function latestValuesSql(): string {
  return `SELECT person_id, codelist_id, day, value FROM (
      SELECT person_id, codelist_id, day, value,
        row_number() OVER (PARTITION BY person_id, codelist_id ORDER BY day DESC, value DESC) AS rn
      FROM _clin WHERE value IS NOT NULL) AS x
    WHERE rn = 1`;
}

/** Per person and codelist: the latest day anything from the list was recorded or issued. */
export function latestDaysSql(): string {
  return "SELECT person_id, codelist_id, max(day) AS day FROM _clin GROUP BY person_id, codelist_id";
}

export const has = (cond: string) => `max(CASE WHEN ${cond} THEN 1 ELSE 0 END) = 1`;

/**
 * One row per registered person aged 25–84: the QRISK3 and QDiabetes inputs, as the
 * RecordedFeatures of ./scores/risk-inputs.ts in snake_case (riskScoresSql reads them). Needs
 * `_latest` (latestValuesSql) and `_days` (latestDaysSql) besides `_clin`.
 */
export function riskFeaturesSql(d: Dialect, asOf: string): string {
  const a = d.dateLiteral(asOf);
  const recent = (k: ClinicalCodelistKey, months: number) =>
    has(`codelist_id = ${id(k)} AND day > ${d.addMonths(a, -months)}`);
  const val = (k: ClinicalCodelistKey, months: number) =>
    `max(CASE WHEN codelist_id = ${id(k)} AND day > ${d.addMonths(a, -months)} THEN value END)`;
  return `SELECT b.person_id, b.age, p.sex, p.ethnicity_code, rg.af, rg.ckd, rg.smi, rg.ra, rg.ld, rg.cvd,
      rg.hyp AS hypertension, rg.diabetes, fl.sle, fl.gdm, fl.pcos, fl.antipsychotics, fl.corticosteroids,
      fl.antihypertensives, fl.statins, fl.smoking, lt.bmi, lt.sbp, sd.sbp_sd, lt.chol_ratio, lt.hba1c,
      l.townsend
    FROM _person_base AS b
    JOIN person AS p ON p.person_id = b.person_id
    LEFT JOIN lsoa AS l ON l.lsoa_code = p.lsoa_code
    LEFT JOIN (SELECT person_id, ${has("register = 'AF'")} AS af, ${has("register = 'CKD'")} AS ckd,
        ${has("register = 'MH'")} AS smi, ${has("register = 'RA'")} AS ra, ${has("register = 'LD'")} AS ld,
        ${has("register = 'HYP'")} AS hyp, ${has("register IN ('CHD', 'STIA', 'PAD')")} AS cvd,
        max(CASE WHEN register = 'DM' THEN subtype END) AS diabetes
      FROM register GROUP BY person_id) AS rg ON rg.person_id = b.person_id
    LEFT JOIN (SELECT person_id, ${has(`codelist_id = ${id("sle")}`)} AS sle,
        ${has(`codelist_id = ${id("gestationalDiabetes")}`)} AS gdm, ${has(`codelist_id = ${id("pcos")}`)} AS pcos,
        ${recent("antipsychotics", 6)} AS antipsychotics, ${recent("corticosteroids", 6)} AS corticosteroids,
        ${recent("antihypertensives", 6)} AS antihypertensives, ${recent("statins", 6)} AS statins,
        CASE
          WHEN max(CASE WHEN codelist_id = ${id("smokingCurrent")} THEN day END) >= coalesce(max(CASE WHEN codelist_id IN (${id("smokingEx")}, ${id("smokingNever")}) THEN day END), ${d.dateLiteral("1900-01-01")}) THEN 'current'
          WHEN max(CASE WHEN codelist_id = ${id("smokingEx")} THEN day END) >= coalesce(max(CASE WHEN codelist_id = ${id("smokingNever")} THEN day END), ${d.dateLiteral("1900-01-01")}) THEN 'ex'
          WHEN max(CASE WHEN codelist_id = ${id("smokingNever")} THEN day END) IS NOT NULL THEN 'never'
        END AS smoking
      FROM _days GROUP BY person_id) AS fl ON fl.person_id = b.person_id
    LEFT JOIN (SELECT person_id, ${val("bmi", 60)} AS bmi, ${val("sbp", 60)} AS sbp,
        ${val("cholHdlRatio", 60)} AS chol_ratio, ${val("hba1c", 24)} AS hba1c
      FROM _latest GROUP BY person_id) AS lt ON lt.person_id = b.person_id
    LEFT JOIN (SELECT person_id, stddev_samp(value) AS sbp_sd FROM _clin
      WHERE codelist_id = ${id("sbp")} AND value IS NOT NULL GROUP BY person_id HAVING count(*) >= 2) AS sd
      ON sd.person_id = b.person_id
    WHERE b.registered AND b.age BETWEEN 25 AND 84`;
}
