// The normalised source record: FHIR resources (bundles, Bulk NDJSON) and Synthea CSV rows
// are first turned into rows of `_rec`, one per input resource or row, so that one loader
// validates, links and loads them whatever format they arrived in.
import type { Warehouse } from "@bevan/engine";

/** Columns of `_rec`, all text except `line`. Adapters fill what their source has. */
export const RECORD_COLUMNS = [
  "file", // file name as reported (basename)
  "rtype", // FHIR resource type (Synthea CSV rows are given the type they correspond to)
  "rid", // source id: FHIR logical id, Synthea Id, or a content hash for id-less CSV rows
  "hash", // MD5 of the content as received
  "problem", // 'reason_code|reason' set by the adapter (malformed JSON, encoding, ...)
  "patient_ref", // id of the Patient the record belongs to
  "encounter_ref",
  "org_ref", // Encounter.serviceProvider, Patient.generalPractitioner (if an organisation)
  "start_text", // the record's date (onset, effective, authored, period start, birth date...)
  "end_text",
  "system_uri", // chosen coding: the first with a known system, else the first
  "code",
  "display",
  "value_text",
  "unit",
  "class", // Encounter class (v3 ActCode)
  "admission_method_code", // Encounter: UK Core admission method extension (NHS Data Dictionary code)
  "priority_code", // Encounter.priority (v3 ActPriority)
  "admit_source_code", // Encounter.hospitalization.admitSource
  "postcode", // Patient: the home (or first) address's postcode
  "lsoa_ext", // Patient: an LSOA code given in an address extension
  "quantity_text",
  "nhs_number",
  "gender",
  "death_text",
  "name", // Organization name only: never a person's name
  "identifier_system",
  "identifier",
] as const;

export type RecordColumn = (typeof RECORD_COLUMNS)[number];

export async function createRecordTable(wh: Warehouse): Promise<void> {
  const cols = RECORD_COLUMNS.map((c) => `${c} VARCHAR`).join(", ");
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _rec (line BIGINT, ${cols})`);
}

/** `INSERT INTO _rec` from a SELECT giving some of the record columns (the rest are null). */
export function insertRecordsSql(
  select: Partial<Record<RecordColumn | "line", string>>,
  from: string,
): string {
  const names = Object.keys(select);
  return `INSERT INTO _rec (${names.join(", ")}) SELECT ${names
    .map((n) => `${select[n as RecordColumn]} AS ${n}`)
    .join(", ")} FROM ${from}`;
}

/** The reason codes a record can be quarantined with, and what they mean. */
export const RECORD_REASONS = {
  malformed_json: "the line or file is not valid JSON (truncated or corrupted); fix the export and resend",
  invalid_encoding: "the line is not valid UTF-8; re-export the file as UTF-8",
  wrong_column_count:
    "the row has more or fewer columns than the header; fix quoting or delimiters at source",
  not_a_resource: "the JSON has no resourceType; it is not a FHIR resource",
  unsupported_resource_type: "the warehouse model does not hold this resource type, so it is not loaded",
  missing_value: "a mandatory element is missing",
  invalid_date: "the date is missing or not a valid date",
  invalid_nhs_number: "the NHS number identifier fails the modulus-11 check (or is not 10 digits)",
  unknown_code_system: "no coding has a code system Bevan knows; add the system or recode at source",
  future_date: "the date is after the extract date",
  date_before_birth: "the date is before the person's date of birth",
  unknown_person: "the referenced Patient is neither in this load nor already in the warehouse",
  duplicate_conflict: "the same resource id appears more than once in this load with different content",
  superseded: "a later extract already loaded a different version of this record",
} as const;

export type RecordReason = keyof typeof RECORD_REASONS;

/** SQL text for a problem value: 'code|reason'. */
export function problem(code: RecordReason, detail?: string): string {
  const text = detail ? `${detail}: ${RECORD_REASONS[code]}` : RECORD_REASONS[code];
  return `'${code}|${text.replaceAll("'", "''")}'`;
}
