// Checks every staged record and decides what happens to it: quarantined (with the rule it
// broke), a copy of an identical record already in this load, unchanged since an earlier
// load, or loaded. The result is `_chk`, one row per staged record.
import { CODE_SYSTEM_URIS } from "@bevan/domain";
import type { Warehouse } from "@bevan/engine";
import { nhsNumberValidSql } from "../columns.ts";
import { problem, RECORD_REASONS } from "./record.ts";

const EVENT_TYPES = [
  "Condition",
  "Observation",
  "Procedure",
  "Immunization",
  "AllergyIntolerance",
  "DiagnosticReport",
  "CarePlan",
];

/** The warehouse table each record type loads into (Encounter by its class). */
export function targetSql(): string {
  const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(", ");
  return `CASE
    WHEN rtype = 'Patient' THEN 'person'
    WHEN rtype = 'Organization' THEN 'organisation'
    WHEN rtype = 'Practitioner' THEN 'practitioner'
    WHEN rtype IN (${list(EVENT_TYPES)}) THEN 'gp_event'
    WHEN rtype IN ('MedicationRequest', 'MedicationStatement') THEN 'medication_issue'
    WHEN rtype = 'ImagingStudy' THEN 'imaging_request'
    WHEN rtype = 'Encounter' THEN CASE
      WHEN upper(class) IN ('IMP', 'ACUTE', 'NONAC', 'INPATIENT') THEN 'hospital_spell'
      WHEN upper(class) IN ('EMER', 'EMERGENCY') THEN 'ae_attendance'
      ELSE 'gp_event' END
    END`;
}

export function codingSystemSql(uri: string): string {
  return `CASE ${uri} ${Object.entries(CODE_SYSTEM_URIS)
    .map(([u, s]) => `WHEN '${u}' THEN '${s}'`)
    .join(" ")} END`;
}

export async function checkRecords(wh: Warehouse, extractDate: string): Promise<void> {
  const d = wh.dialect;
  const date = (expr: string) => d.tryCast(`substr(${expr}, 1, 10)`, "DATE");
  const extract = d.dateLiteral(extractDate);
  await wh.exec(`
    CREATE OR REPLACE TEMP TABLE _r1 AS
    SELECT *, ${date("start_text")} AS start_date, ${date("end_text")} AS end_date,
      ${date("death_text")} AS death_date, ${targetSql()} AS target,
      ${codingSystemSql("system_uri")} AS coding_system,
      rid IS NOT NULL AND min(hash) OVER (PARTITION BY rtype, rid) <> max(hash) OVER (PARTITION BY rtype, rid) AS conflicting,
      row_number() OVER (PARTITION BY rtype, rid ORDER BY file, line) AS copy
    FROM _rec`);
  await wh.exec(`
    CREATE OR REPLACE TEMP TABLE _org AS
    SELECT rid, min(coalesce(identifier, rid)) AS org_code FROM _r1
    WHERE rtype = 'Organization' AND rid IS NOT NULL GROUP BY rid`);
  await wh.exec(`
    CREATE OR REPLACE TEMP TABLE _enc AS
    SELECT rid, min(org_ref) AS org_ref FROM _r1 WHERE rtype = 'Encounter' AND rid IS NOT NULL GROUP BY rid`);
  await wh.exec(`
    CREATE OR REPLACE TEMP TABLE _birth AS
    SELECT p.person_id, min(r.start_date) AS birth_date FROM _r1 AS r JOIN _patient AS p ON p.rid = r.rid
    WHERE r.rtype = 'Patient' GROUP BY p.person_id
    UNION ALL
    SELECT person_id, birth_month FROM person
    WHERE person_id IN (SELECT person_id FROM _patient) AND person_id NOT IN (
      SELECT p.person_id FROM _r1 AS r JOIN _patient AS p ON p.rid = r.rid WHERE r.rtype = 'Patient')`);
  const personLevel = "r.target NOT IN ('person', 'organisation', 'practitioner')";
  const coded = "r.target IN ('gp_event', 'medication_issue', 'imaging_request')";
  const nhsValid = nhsNumberValidSql("trim(r.nhs_number)", d);
  await wh.exec(`
    CREATE OR REPLACE TEMP TABLE _chk AS
    WITH c AS (
      SELECT r.*, p.person_id, b.birth_date,
        coalesce(o.org_code, r.org_ref, oe.org_code, e.org_ref) AS org_code,
        CASE WHEN r.rtype = 'Patient' THEN 'Patient/' || CAST(p.person_id AS VARCHAR) ELSE r.rtype || '/' || r.rid END AS sid,
        CASE
          WHEN r.problem IS NOT NULL THEN r.problem
          WHEN r.target IS NULL THEN 'unsupported_resource_type|' || r.rtype || ': ${RECORD_REASONS.unsupported_resource_type}'
          WHEN r.rid IS NULL THEN ${problem("missing_value", "the record has no id")}
          WHEN r.conflicting THEN ${problem("duplicate_conflict")}
          WHEN r.rtype = 'Patient' AND r.start_date IS NULL THEN ${problem("invalid_date", "birthDate")}
          WHEN r.rtype = 'Patient' AND r.nhs_number IS NOT NULL AND NOT ${nhsValid} THEN ${problem("invalid_nhs_number")}
          WHEN r.rtype = 'Patient' AND r.start_date > ${extract} THEN ${problem("future_date", "birthDate")}
          WHEN r.rtype = 'Patient' AND r.death_date < r.start_date THEN ${problem("date_before_birth", "date of death")}
          WHEN r.rtype = 'Patient' AND r.death_date > ${extract} THEN ${problem("future_date", "date of death")}
          WHEN r.target = 'organisation' AND r.name IS NULL THEN ${problem("missing_value", "name")}
          WHEN ${personLevel} AND r.patient_ref IS NULL THEN ${problem("missing_value", "subject (the patient)")}
          WHEN ${personLevel} AND p.person_id IS NULL THEN ${problem("unknown_person")}
          WHEN ${personLevel} AND r.start_date IS NULL THEN ${problem("invalid_date")}
          WHEN ${coded} AND r.code IS NULL THEN ${problem("missing_value", "code")}
          WHEN ${coded} AND r.coding_system IS NULL THEN ${problem("unknown_code_system")}
          WHEN ${personLevel} AND r.start_date > ${extract} THEN ${problem("future_date")}
          WHEN ${personLevel} AND r.start_date < b.birth_date THEN ${problem("date_before_birth")}
          WHEN s.extract_date > ${extract} AND s.content_hash <> r.hash THEN ${problem("superseded")}
        END AS reason,
        s.content_hash AS held_hash
      FROM _r1 AS r
      LEFT JOIN _patient AS p ON p.rid = CASE WHEN r.rtype = 'Patient' THEN r.rid ELSE r.patient_ref END
      LEFT JOIN _birth AS b ON b.person_id = p.person_id
      LEFT JOIN _org AS o ON o.rid = r.org_ref
      LEFT JOIN _enc AS e ON e.rid = r.encounter_ref
      LEFT JOIN _org AS oe ON oe.rid = e.org_ref
      LEFT JOIN source_record AS s ON s.source_id = CASE WHEN r.rtype = 'Patient' THEN 'Patient/' || CAST(p.person_id AS VARCHAR) ELSE r.rtype || '/' || r.rid END
    )
    SELECT *, CASE
        WHEN reason IS NOT NULL THEN 'quarantine'
        WHEN copy > 1 THEN 'copy'
        WHEN held_hash = hash THEN 'unchanged'
        ELSE 'load' END AS action
    FROM c`);
}
