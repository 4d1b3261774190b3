// Computes the feature specification for every person registered and alive at an index
// date, with the outcomes of the following 12 months, into a temporary table. Portable SQL:
// dates through the dialect; FILTER clauses and window functions are in DuckDB and Trino.
import { personBaseSql } from "@bevan/build";
import {
  createCodedSummaries,
  dropCodedSummaries,
  REGISTER_RULES,
  registerRulesSql,
  registerRuleWaves,
} from "@bevan/clinical";
import { REGISTER_CODES } from "@bevan/domain";
import type { Dialect, NumericColumns, Warehouse } from "@bevan/engine";
import { FEATURES, MULTIMORBIDITY_REGISTERS } from "./feature-spec.ts";
import { conditionGroupIndexSql, segmentIndexSql } from "./segments.ts";

/** SNOMED CT codes read directly (the observables and findings GP systems record). */
export const SNOMED = {
  hba1c: "999791000000106",
  systolic: "72313002",
  egfr: "1011481000000105",
  bmi: "60621009",
  currentSmoker: "77176002",
  exSmoker: "160617001",
  neverSmoked: "266919005",
  frailtyModerate: "925831000000107",
  frailtySevere: "925861000000102",
  careHomeResident: "160734000",
} as const;

/** Columns beside the features: the 12 months after the index date. */
export const OUTCOME_COLUMNS = ["y_admission", "emergency_admissions", "spend", "y_death"] as const;

/**
 * Registers at the index date, by the build's QOF-style rules, into `_risk_register`, with the
 * people at that date in `_risk_base` (the caller drops both).
 */
export async function registersAt(wh: Warehouse, indexDate: string): Promise<void> {
  const d = wh.dialect;
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _risk_base AS ${personBaseSql(d, indexDate)}`);
  await createCodedSummaries(wh, indexDate);
  // In the build's order (NDH reads DM), each rule reading the registers at the index date,
  // never the build's current register table (that would leak later diagnoses into features).
  const [first = [], ...later] = registerRuleWaves(REGISTER_RULES);
  const wave = (rules: typeof first) =>
    `SELECT person_id, register FROM (${registerRulesSql(rules, d, indexDate, "_risk_base", "_risk_register")}) AS r`;
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _risk_register AS ${wave(first)}`);
  for (const rules of later) await wh.exec(`INSERT INTO _risk_register ${wave(rules)}`);
  await dropCodedSummaries(wh);
}

/**
 * Every feature of FEATURES, the segment and condition group (as indices into SEGMENTS and
 * CONDITION_GROUP_NAMES) and OUTCOME_COLUMNS at the index date, one row per person registered
 * then, ordered by person key (outcomes are zero when the following year is not in the data).
 * Needs `_risk_efi_code(code, deficit)`.
 */
export async function featureColumns(
  wh: Warehouse,
  indexDate: string,
  options: { excludeOptedOut?: boolean } = {},
): Promise<NumericColumns> {
  await registersAt(wh, indexDate);
  const optedOut = options.excludeOptedOut
    ? "WHERE f.person_id NOT IN (SELECT person_id FROM opt_out WHERE type1_opt_out OR national_data_opt_out)"
    : "";
  const sql = `SELECT *, ${segmentIndexSql()} AS segment_index, ${conditionGroupIndexSql()} AS condition_group_index
    FROM (${featureSelectSql(wh.dialect, indexDate)}) AS f ${optedOut} ORDER BY person_id`;
  try {
    return await wh.numericColumns(sql);
  } finally {
    await wh.exec("DROP TABLE IF EXISTS _risk_register; DROP TABLE IF EXISTS _risk_base");
  }
}

export function featureSelectSql(d: Dialect, indexDate: string): string {
  const t = d.dateLiteral(indexDate);
  const back = (m: number) => d.addMonths(t, -m);
  const ahead = d.addMonths(t, 12);
  const inWindow = (col: string, m: number) => `${col} > ${back(m)} AND ${col} <= ${t}`;
  const counts = (col: string, label: string, cond: string, months: readonly number[]) =>
    months
      .map((m) => `count(*) FILTER (WHERE ${cond} AND ${col} > ${back(m)}) AS ${label}_${m}m`)
      .join(",\n      ");
  const s = (code: string) => d.stringLiteral(code);
  const registerPivot = REGISTER_CODES.map(
    (r) => `max(CASE WHEN register = '${r}' THEN 1 ELSE 0 END) AS r_${r.toLowerCase()}`,
  ).join(", ");
  const features = FEATURES.map((f) => `CAST(${f.sql} AS DOUBLE) AS ${d.quoteIdent(f.name)}`).join(",\n    ");
  return `SELECT b.person_id,
    ${features},
    CAST(coalesce(hs.maternity_12m, 0) AS DOUBLE) AS maternity_12m,
    CASE WHEN coalesce(fo.emergency, 0) > 0 THEN 1.0 ELSE 0.0 END AS y_admission,
    CAST(coalesce(fo.emergency, 0) AS DOUBLE) AS emergency_admissions,
    CAST(coalesce(fo.spell_cost, 0) + coalesce(fa.cost, 0) + coalesce(fp.cost, 0) AS DOUBLE) AS spend,
    CASE WHEN coalesce(dx.death_date, p.death_date) > ${t} AND coalesce(dx.death_date, p.death_date) <= ${ahead} THEN 1.0 ELSE 0.0 END AS y_death
  FROM _risk_base AS b
  JOIN person AS p ON p.person_id = b.person_id
  LEFT JOIN lsoa AS l ON l.lsoa_code = p.lsoa_code
  LEFT JOIN death AS dx ON dx.person_id = b.person_id
  LEFT JOIN (SELECT person_id,
      ${counts("admission_date", "emergency_admissions", "admission_method = 'emergency'", [3, 6, 12, 24])},
      ${counts("admission_date", "elective_admissions", "admission_method = 'elective'", [12, 24])},
      count(*) FILTER (WHERE admission_method = 'maternity' AND admission_date > ${back(12)}) AS maternity_12m,
      sum(length_of_stay) FILTER (WHERE admission_method = 'emergency' AND admission_date > ${back(12)}) AS emergency_bed_days_12m
    FROM hospital_spell WHERE ${inWindow("admission_date", 24)} GROUP BY person_id) AS hs ON hs.person_id = b.person_id
  LEFT JOIN (SELECT person_id, ${counts("arrival_date", "ae_attendances", "TRUE", [3, 6, 12, 24])}
    FROM ae_attendance WHERE ${inWindow("arrival_date", 24)} GROUP BY person_id) AS ae ON ae.person_id = b.person_id
  LEFT JOIN (SELECT person_id, ${counts("appointment_date", "outpatient_attendances", "attended", [3, 6, 12, 24])},
      count(*) FILTER (WHERE NOT attended AND appointment_date > ${back(12)}) AS dna_12m
    FROM outpatient_attendance WHERE ${inWindow("appointment_date", 24)} GROUP BY person_id) AS op ON op.person_id = b.person_id
  LEFT JOIN (SELECT person_id, count(*) AS contacts_12m FROM community_contact
    WHERE ${inWindow("contact_date", 12)} GROUP BY person_id) AS cc ON cc.person_id = b.person_id
  LEFT JOIN (SELECT person_id, count(DISTINCT code) AS medicines FROM medication_issue
    WHERE ${inWindow("issue_date", 12)} GROUP BY person_id) AS mi ON mi.person_id = b.person_id
  LEFT JOIN (SELECT e.person_id, count(DISTINCT x.deficit) AS deficits FROM gp_event AS e
    JOIN _risk_efi_code AS x ON x.code = e.code
    WHERE e.coding_system = 'snomedct' AND ${inWindow("e.event_date", 12)} GROUP BY e.person_id) AS fx ON fx.person_id = b.person_id
  LEFT JOIN (SELECT person_id,
      max(CASE WHEN code = ${s(SNOMED.hba1c)} THEN value END) AS hba1c,
      max(CASE WHEN code = ${s(SNOMED.systolic)} THEN value END) AS systolic,
      max(CASE WHEN code = ${s(SNOMED.egfr)} THEN value END) AS egfr,
      max(CASE WHEN code = ${s(SNOMED.bmi)} THEN value END) AS bmi,
      max(CASE WHEN code IN (${s(SNOMED.currentSmoker)}, ${s(SNOMED.exSmoker)}, ${s(SNOMED.neverSmoked)}) THEN CASE WHEN code = ${s(SNOMED.currentSmoker)} THEN 1 ELSE 0 END END) AS current_smoker,
      max(CASE WHEN code IN (${s(SNOMED.frailtyModerate)}, ${s(SNOMED.frailtySevere)}) AND event_date > ${back(12)} THEN 1 ELSE 0 END) AS frailty_ms,
      max(CASE WHEN code = ${s(SNOMED.careHomeResident)} AND event_date > ${back(12)} THEN 1 ELSE 0 END) AS care_home_code
    FROM (SELECT person_id, code, value, event_date,
        row_number() OVER (PARTITION BY person_id, CASE WHEN code IN (${s(SNOMED.currentSmoker)}, ${s(SNOMED.exSmoker)}, ${s(SNOMED.neverSmoked)}) THEN 'smoking' ELSE code END ORDER BY event_date DESC, code, value DESC) AS k
      FROM gp_event
      WHERE coding_system = 'snomedct' AND event_date <= ${t}
        AND (code IN (${s(SNOMED.currentSmoker)}, ${s(SNOMED.exSmoker)}, ${s(SNOMED.neverSmoked)})
          OR (code IN (${s(SNOMED.hba1c)}, ${s(SNOMED.systolic)}, ${s(SNOMED.egfr)}, ${s(SNOMED.bmi)}, ${s(SNOMED.frailtyModerate)}, ${s(SNOMED.frailtySevere)}, ${s(SNOMED.careHomeResident)})
            AND event_date > ${back(12)}))) AS latest
    WHERE k = 1 GROUP BY person_id) AS gp ON gp.person_id = b.person_id
  LEFT JOIN (SELECT person_id,
      max(CASE WHEN service_type IN ('residential_care', 'nursing_care') THEN 1 ELSE 0 END) AS care_home,
      max(CASE WHEN service_type IN ('home_care', 'reablement', 'meals') THEN 1 ELSE 0 END) AS social_care,
      max(CASE WHEN service_type = 'assisted_bin_collection' THEN 1 ELSE 0 END) AS bin,
      max(CASE WHEN service_type = 'blue_badge' THEN 1 ELSE 0 END) AS blue_badge
    FROM social_care_service WHERE start_date <= ${t} AND (end_date IS NULL OR end_date > ${t})
    GROUP BY person_id) AS sc ON sc.person_id = b.person_id
  LEFT JOIN (SELECT person_id, ${registerPivot},
      count(*) FILTER (WHERE register IN (${MULTIMORBIDITY_REGISTERS.map((r) => `'${r}'`).join(", ")})) AS multimorbidity
    FROM _risk_register GROUP BY person_id) AS rg ON rg.person_id = b.person_id
  LEFT JOIN (SELECT person_id, count(*) FILTER (WHERE admission_method = 'emergency') AS emergency, sum(cost) AS spell_cost
    FROM hospital_spell WHERE admission_date > ${t} AND admission_date <= ${ahead} GROUP BY person_id) AS fo ON fo.person_id = b.person_id
  LEFT JOIN (SELECT person_id, sum(cost) AS cost FROM ae_attendance
    WHERE arrival_date > ${t} AND arrival_date <= ${ahead} GROUP BY person_id) AS fa ON fa.person_id = b.person_id
  LEFT JOIN (SELECT person_id, sum(cost) AS cost FROM outpatient_attendance
    WHERE attended AND appointment_date > ${t} AND appointment_date <= ${ahead} GROUP BY person_id) AS fp ON fp.person_id = b.person_id
  WHERE b.registered`;
}
