// Stages a Synthea CSV export (patients.csv, encounters.csv, conditions.csv, ...) into `_rec`
// as the FHIR resources each file corresponds to, so it is checked and loaded exactly as
// FHIR is. Files with no counterpart in the warehouse model (claims, payers, ...) are read
// and every row quarantined as an unsupported type, so the counts still reconcile.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Warehouse } from "@bevan/engine";
import { numberLines } from "./fhir/stage.ts";
import { readHeaderLine } from "./load.ts";
import { insertRecordsSql, problem, type RecordColumn } from "./records/record.ts";

const SNOMED = "'http://snomed.info/sct'";
const LOINC = "'http://loinc.org'";
const RXNORM = "'http://www.nlm.nih.gov/research/umls/rxnorm'";
const CVX = "'http://hl7.org/fhir/sid/cvx'";
const DICOM = "'http://dicom.nema.org/resources/ontology/DCM'";

type Mapping = { rtype: string; cols: Partial<Record<RecordColumn, string>> };

// Column names are Synthea's; `ROWHASH` is an id for files whose rows have none.
const FILES: Record<string, Mapping> = {
  "patients.csv": {
    rtype: "Patient",
    cols: { rid: "Id", start_text: "BIRTHDATE", death_text: "DEATHDATE", gender: "GENDER" },
  },
  "organizations.csv": { rtype: "Organization", cols: { rid: "Id", name: "NAME" } },
  "providers.csv": { rtype: "Practitioner", cols: { rid: "Id" } },
  "encounters.csv": {
    rtype: "Encounter",
    cols: {
      rid: "Id",
      patient_ref: "PATIENT",
      org_ref: "ORGANIZATION",
      start_text: "START",
      end_text: "STOP",
      class: "ENCOUNTERCLASS",
      system_uri: SNOMED,
      code: "CODE",
      display: "DESCRIPTION",
    },
  },
  "conditions.csv": {
    rtype: "Condition",
    cols: {
      start_text: "START",
      patient_ref: "PATIENT",
      encounter_ref: "ENCOUNTER",
      system_uri: SNOMED,
      code: "CODE",
    },
  },
  "observations.csv": {
    rtype: "Observation",
    cols: {
      start_text: "DATE",
      patient_ref: "PATIENT",
      encounter_ref: "ENCOUNTER",
      system_uri: LOINC,
      code: "CODE",
      value_text: "VALUE",
      unit: "UNITS",
    },
  },
  "procedures.csv": {
    rtype: "Procedure",
    cols: {
      start_text: "START",
      patient_ref: "PATIENT",
      encounter_ref: "ENCOUNTER",
      system_uri: SNOMED,
      code: "CODE",
    },
  },
  "immunizations.csv": {
    rtype: "Immunization",
    cols: {
      start_text: "DATE",
      patient_ref: "PATIENT",
      encounter_ref: "ENCOUNTER",
      system_uri: CVX,
      code: "CODE",
    },
  },
  "allergies.csv": {
    rtype: "AllergyIntolerance",
    cols: {
      start_text: "START",
      patient_ref: "PATIENT",
      encounter_ref: "ENCOUNTER",
      system_uri: `CASE upper(SYSTEM) WHEN 'SNOMED-CT' THEN ${SNOMED} WHEN 'RXNORM' THEN ${RXNORM} ELSE SYSTEM END`,
      code: "CODE",
    },
  },
  "careplans.csv": {
    rtype: "CarePlan",
    cols: {
      rid: "Id",
      start_text: "START",
      patient_ref: "PATIENT",
      encounter_ref: "ENCOUNTER",
      system_uri: SNOMED,
      code: "CODE",
    },
  },
  "medications.csv": {
    rtype: "MedicationRequest",
    cols: {
      start_text: "START",
      patient_ref: "PATIENT",
      encounter_ref: "ENCOUNTER",
      system_uri: RXNORM,
      code: "CODE",
      display: "DESCRIPTION",
    },
  },
  "imaging_studies.csv": {
    rtype: "ImagingStudy",
    cols: {
      start_text: "DATE",
      patient_ref: "PATIENT",
      encounter_ref: "ENCOUNTER",
      system_uri: DICOM,
      code: "MODALITY_CODE",
    },
  },
};

/** A Synthea CSV export: patients.csv with Synthea's header. */
export function isSyntheaCsv(dir: string): boolean {
  const patients = join(dir, "patients.csv");
  return existsSync(patients) && /^\uFEFF?Id,BIRTHDATE,/.test(readHeaderLine(patients));
}

export async function stageSyntheaCsv(
  wh: Warehouse,
  dir: string,
  onFile?: (file: string) => void,
): Promise<string[]> {
  const d = wh.dialect;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .sort();
  for (const file of files) {
    onFile?.(file);
    const path = join(dir, file);
    const header = readHeaderLine(path)
      .replace(/^\uFEFF/, "")
      .split(",")
      .map((h) => h.trim().replace(/^"|"$/g, ""));
    const mapping = FILES[file] ?? { rtype: file.replace(/\.csv$/, ""), cols: {} };
    await wh.exec("DROP TABLE IF EXISTS _reject_errors; DROP TABLE IF EXISTS _reject_scans");
    await wh.exec("SET preserve_insertion_order = true");
    await wh.exec(
      `CREATE OR REPLACE TEMP TABLE _stage AS SELECT * FROM ${d.csvScanWithRejects(
        path,
        header.map((name) => ({ name, sqlType: "VARCHAR" })),
      )}`,
    );
    await wh.exec("SET preserve_insertion_order = false");
    await numberLines(wh, "_stage", 2);
    const rowHash = d.md5(
      `concat_ws(chr(31), ${header.map((h) => `coalesce(s.${d.quoteIdent(h)}, '')`).join(", ")})`,
    );
    const cols: Partial<Record<RecordColumn | "line", string>> = {};
    for (const [k, v] of Object.entries(mapping.cols)) {
      // A mapped Synthea column missing from this file's header is left null (and checked).
      cols[k as RecordColumn] = /^[A-Za-z_]+$/.test(v)
        ? header.includes(v)
          ? `nullif(s.${v}, '')`
          : "NULL"
        : v.replace(/\b(SYSTEM)\b/g, "s.SYSTEM");
    }
    await wh.exec(
      insertRecordsSql(
        {
          ...cols,
          rid: cols.rid ?? rowHash,
          file: d.stringLiteral(file),
          line: "n.line",
          rtype: d.stringLiteral(mapping.rtype),
          hash: rowHash,
        },
        "_stage AS s JOIN _line_numbers AS n ON n.rid = s.rowid",
      ),
    );
    await wh.exec(
      insertRecordsSql(
        {
          file: d.stringLiteral(file),
          line: "r.line",
          rtype: d.stringLiteral(mapping.rtype),
          problem: `CASE WHEN r.error_type = 'INVALID ENCODING' THEN ${problem("invalid_encoding")} ELSE ${problem("wrong_column_count")} END`,
        },
        `(${d.csvRejectsQuery()}) AS r`,
      ),
    );
  }
  await wh.exec("DROP TABLE IF EXISTS _stage");
  return [];
}
