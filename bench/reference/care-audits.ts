// The optimum's diabetes care processes and targets and its medicines-safety audits: the steps
// after person_clinical in the hand-written reference (derived.ts), written from the rules in
// docs/clinical-scores.md. Reads ref_register and ref_person_asof; writes ref_diabetes_care,
// ref_practice_diabetes_care and ref_safety_audit_finding. Runs on DuckDB and PostgreSQL 15.
import {
  AUDIT_WINDOWS,
  CLINICAL_CODELISTS,
  type ClinicalCodelistKey,
  DEPRESCRIBING,
  DIABETES_TARGETS,
  INHALER_CLASSES,
} from "@bevan/clinical";
import { addDays, addMonths, lit } from "./dates.ts";
import type { RefStep } from "./derived.ts";

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const C = (k: ClinicalCodelistKey) => q(CLINICAL_CODELISTS[k].id);

export function careAndAuditSteps(asOf: string): RefStep[] {
  const a = lit(asOf);
  const m12 = lit(addMonths(asOf, -12));
  const steps: RefStep[] = [];
  const step = (name: string, sql: string) => steps.push({ name, sql });

  // Diabetes care processes and targets in the 12 months to the as-of date.
  const dmLists: ClinicalCodelistKey[] = [
    "hba1c",
    "sbp",
    "dbp",
    "cholesterol",
    "cholHdlRatio",
    "creatinine",
    "egfr",
    "uacr",
    "footExamination",
    "retinalScreening",
    "bmi",
    "smoking",
    "smokingCurrent",
    "smokingEx",
    "smokingNever",
  ];
  step(
    "diabetes codes",
    `CREATE TABLE ref_dm_recent AS
    SELECT e.person_id, cc.codelist_id, e.event_date AS day, e.value FROM gp_event AS e
    JOIN codelist_code AS cc ON cc.code = e.code AND cc.codelist_id IN (${dmLists.map(C).join(", ")})
    JOIN codelist AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = e.coding_system
    WHERE e.event_date > ${m12} AND e.event_date <= ${a}
      AND e.person_id IN (SELECT person_id FROM ref_register WHERE register = 'DM')
    UNION ALL
    SELECT m.person_id, cc.codelist_id, m.issue_date, NULL FROM medication_issue AS m
    JOIN codelist_code AS cc ON cc.code = m.code AND cc.codelist_id = ${C("statins")}
    JOIN codelist AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = m.coding_system
    WHERE m.issue_date > ${m12} AND m.issue_date <= ${a}
      AND m.person_id IN (SELECT person_id FROM ref_register WHERE register = 'DM')`,
  );
  const any = (...ks: ClinicalCodelistKey[]) =>
    `coalesce(bool_or(codelist_id IN (${ks.map(C).join(", ")})), FALSE)`;
  const last = (k: ClinicalCodelistKey) => `max(CASE WHEN codelist_id = ${C(k)} AND rn = 1 THEN value END)`;
  const T = DIABETES_TARGETS;
  const processes = [
    "hba1c",
    "blood_pressure",
    "cholesterol",
    "serum_creatinine",
    "urine_albumin",
    "foot_surveillance",
    "bmi",
    "smoking",
  ];
  step(
    "diabetes care",
    `CREATE TABLE ref_diabetes_care AS
    SELECT person_id, hba1c, blood_pressure, cholesterol, serum_creatinine, urine_albumin,
      foot_surveillance, bmi, smoking, retinal_screening,
      CAST(${processes.map((p) => `CASE WHEN ${p} THEN 1 ELSE 0 END`).join(" + ")} AS INTEGER) AS processes_8,
      latest_hba1c, latest_sbp, latest_dbp,
      coalesce(latest_hba1c <= ${T.hba1c}, FALSE) AS hba1c_target,
      coalesce(latest_sbp <= ${T.sbp} AND latest_dbp <= ${T.dbp}, FALSE) AS bp_target,
      statin,
      coalesce(latest_hba1c <= ${T.hba1c} AND latest_sbp <= ${T.sbp} AND latest_dbp <= ${T.dbp} AND statin, FALSE) AS all_three_targets
    FROM (
      SELECT r.person_id, ${any("hba1c")} AS hba1c, ${any("sbp", "dbp")} AS blood_pressure,
        ${any("cholesterol", "cholHdlRatio")} AS cholesterol, ${any("creatinine", "egfr")} AS serum_creatinine,
        ${any("uacr")} AS urine_albumin, ${any("footExamination")} AS foot_surveillance,
        ${any("retinalScreening")} AS retinal_screening, ${any("bmi")} AS bmi,
        ${any("smoking", "smokingCurrent", "smokingEx", "smokingNever")} AS smoking, ${any("statins")} AS statin,
        ${last("hba1c")} AS latest_hba1c, ${last("sbp")} AS latest_sbp, ${last("dbp")} AS latest_dbp
      FROM ref_register AS r
      LEFT JOIN (SELECT person_id, codelist_id, value,
          row_number() OVER (PARTITION BY person_id, codelist_id ORDER BY value IS NULL, day DESC, value DESC) AS rn
        FROM ref_dm_recent) AS x ON x.person_id = r.person_id
      WHERE r.register = 'DM'
      GROUP BY r.person_id) AS c`,
  );
  const n = (col: string) => `CAST(count(*) FILTER (WHERE ${col}) AS INTEGER)`;
  step(
    "practice diabetes care",
    `CREATE TABLE ref_practice_diabetes_care AS
    SELECT p.practice_code, CAST(count(*) AS INTEGER) AS register_count, ${n("c.processes_8 = 8")} AS all_8_processes,
      ${n("c.hba1c_target")} AS hba1c_target, ${n("c.bp_target")} AS bp_target, ${n("c.statin")} AS statin,
      ${n("c.all_three_targets")} AS all_three_targets
    FROM ref_diabetes_care AS c JOIN ref_person_asof AS p ON p.person_id = c.person_id
    GROUP BY p.practice_code`,
  );
  // A table of its own: inside the audit query PostgreSQL misjudges its size and loops over it.
  const since = lit(addDays(asOf, -AUDIT_WINDOWS.deprescribingDays));
  step(
    "latest HbA1c for audits",
    `CREATE TABLE ref_audit_hba1c AS
    SELECT person_id, value FROM (
      SELECT e.person_id, e.value, row_number() OVER (PARTITION BY e.person_id ORDER BY e.event_date DESC, e.value DESC) AS rn
      FROM gp_event AS e JOIN codelist_code AS cc ON cc.code = e.code AND cc.codelist_id = ${C("hba1c")}
      WHERE e.coding_system = 'snomedct' AND e.value IS NOT NULL AND e.event_date > ${since} AND e.event_date <= ${a}) AS x
    WHERE rn = 1`,
  );
  step("safety audits", `CREATE TABLE ref_safety_audit_finding AS\n    ${safetyAudits(asOf)}`);
  return steps;
}

function safetyAudits(asOf: string): string {
  const a = lit(asOf);
  const classes = Object.entries(INHALER_CLASSES)
    .flatMap(([cls, lists]) => lists.map((k) => `(${C(k)}, '${cls}')`))
    .join(", ");
  const has = (cls: string) => `CASE WHEN bool_or(cls = '${cls}') THEN ' ${cls}' ELSE '' END`;
  const inhalerSince = lit(addDays(asOf, -AUDIT_WINDOWS.inhalerDays));
  const clozapineSince = lit(addDays(asOf, -AUDIT_WINDOWS.secondaryCareDays));
  const since = lit(addDays(asOf, -AUDIT_WINDOWS.deprescribingDays));
  const registered = "SELECT person_id FROM ref_person_asof WHERE registered";
  return `SELECT 'inhaler-duplication' AS audit_id, '1' AS audit_version, person_id,
      trim(${has("ICS")} || ${has("LABA")} || ${has("LAMA")}) AS detail
    FROM (SELECT m.person_id, k.cls FROM medication_issue AS m
      JOIN codelist_code AS cc ON cc.code = m.code
      JOIN (VALUES ${classes}) AS k(codelist_id, cls) ON k.codelist_id = cc.codelist_id
      WHERE m.coding_system = 'dmd' AND m.issue_date > ${inhalerSince} AND m.issue_date <= ${a}
      GROUP BY m.person_id, k.cls HAVING count(DISTINCT m.code) >= 2) AS dup
    WHERE person_id IN (${registered})
    GROUP BY person_id
  UNION ALL
    SELECT 'secondary-care-medicine-not-in-gp-record', '1', person_id, 'clozapine' FROM (
      SELECT m.person_id,
        bool_or(o.org_type = 'mental_health_trust' AND m.issue_date > ${clozapineSince}) AS from_trust,
        bool_or(o.org_type IS NULL OR o.org_type <> 'mental_health_trust') AS elsewhere
      FROM medication_issue AS m
      JOIN codelist_code AS cc ON cc.code = m.code AND cc.codelist_id = ${C("clozapine")}
      LEFT JOIN organisation AS o ON o.org_code = m.source_org
      WHERE m.coding_system = 'dmd' AND m.issue_date <= ${a}
      GROUP BY m.person_id) AS z
    WHERE from_trust AND NOT elsewhere AND person_id IN (${registered})
  UNION ALL
    SELECT 'elderly-diabetes-deprescribing', '1', p.person_id, CAST(md.n AS VARCHAR) || ' medicines'
    FROM ref_person_asof AS p
    JOIN ref_register AS r ON r.person_id = p.person_id AND r.register = 'DM'
    JOIN ref_audit_hba1c AS h ON h.person_id = p.person_id
    JOIN (SELECT person_id, count(DISTINCT code) AS n FROM medication_issue
      WHERE issue_date > ${since} AND issue_date <= ${a} GROUP BY person_id) AS md ON md.person_id = p.person_id
    WHERE p.registered AND p.age >= ${DEPRESCRIBING.minAge} AND h.value < ${DEPRESCRIBING.hba1cBelow}
      AND md.n >= ${DEPRESCRIBING.minMedicines}`;
}
