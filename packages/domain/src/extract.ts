// The CSV extract: the files a source system (or `bevan generate`) delivers and
// `bevan ingest` loads. Each file has a versioned schema; a manifest.json lists the files.

export type ExtractColumnType = "nhs_number" | "string" | "integer" | "double" | "date" | "boolean";

export interface ExtractColumn {
  readonly name: string;
  readonly type: ExtractColumnType;
  readonly required: boolean;
}

export interface ExtractFileSchema {
  /** Logical name, also the manifest key. */
  readonly name: string;
  readonly file: string;
  readonly version: string;
  /** Warehouse table the file loads into. */
  readonly target: string;
  readonly columns: readonly ExtractColumn[];
}

const req = (name: string, type: ExtractColumnType): ExtractColumn => ({ name, type, required: true });
const opt = (name: string, type: ExtractColumnType): ExtractColumn => ({ name, type, required: false });

function schema(name: string, target: string, columns: ExtractColumn[], version = "1"): ExtractFileSchema {
  return Object.freeze({ name, file: `${name}.csv`, version, target, columns: Object.freeze(columns) });
}

export const EXTRACT_SCHEMAS: readonly ExtractFileSchema[] = [
  schema("organisations", "organisation", [
    req("org_code", "string"),
    req("org_name", "string"),
    req("org_type", "string"),
    opt("parent_code", "string"),
    opt("list_size", "integer"),
  ]),
  schema("patients", "person", [
    req("nhs_number", "nhs_number"),
    req("date_of_birth", "date"),
    req("sex", "string"),
    opt("ethnicity_code", "string"),
    opt("lsoa_code", "string"),
    req("practice_code", "string"),
    req("registration_start", "date"),
    opt("registration_end", "date"),
    opt("date_of_death", "date"),
    req("care_home", "boolean"),
  ]),
  // People who have opted out of the use of their data beyond their own care: a type 1
  // opt-out (recorded at the practice: GP data not to leave it for other purposes) or the
  // National Data Opt-out (from the national service). One row per person with either.
  schema("opt_outs", "opt_out", [
    req("nhs_number", "nhs_number"),
    req("type1_opt_out", "boolean"),
    req("national_data_opt_out", "boolean"),
  ]),
  schema("gp_events", "gp_event", [
    req("nhs_number", "nhs_number"),
    req("event_date", "date"),
    req("coding_system", "string"),
    req("code", "string"),
    opt("value", "double"),
    opt("unit", "string"),
    req("source_org", "string"),
  ]),
  schema("medication_issues", "medication_issue", [
    req("nhs_number", "nhs_number"),
    req("issue_date", "date"),
    req("coding_system", "string"),
    req("code", "string"),
    req("description", "string"),
    req("quantity", "integer"),
    req("source_org", "string"),
  ]),
  schema("hospital_spells", "hospital_spell", [
    req("spell_id", "string"),
    req("nhs_number", "nhs_number"),
    req("provider_code", "string"),
    req("admission_date", "date"),
    opt("discharge_date", "date"),
    req("admission_method", "string"),
    req("primary_diagnosis", "string"),
    req("length_of_stay", "integer"),
    req("cost", "double"),
  ]),
  schema("hospital_diagnoses", "hospital_diagnosis", [
    req("spell_id", "string"),
    req("nhs_number", "nhs_number"),
    req("position", "integer"),
    req("code", "string"),
  ]),
  schema("hospital_procedures", "hospital_procedure", [
    req("spell_id", "string"),
    req("nhs_number", "nhs_number"),
    req("position", "integer"),
    req("code", "string"),
    req("procedure_date", "date"),
  ]),
  schema("outpatient_attendances", "outpatient_attendance", [
    req("attendance_id", "string"),
    req("nhs_number", "nhs_number"),
    req("provider_code", "string"),
    req("appointment_date", "date"),
    req("specialty", "string"),
    req("first_attendance", "boolean"),
    req("attended", "boolean"),
    req("cost", "double"),
  ]),
  schema("ae_attendances", "ae_attendance", [
    req("attendance_id", "string"),
    req("nhs_number", "nhs_number"),
    req("provider_code", "string"),
    req("arrival_date", "date"),
    req("department_type", "integer"),
    req("admitted", "boolean"),
    req("cost", "double"),
  ]),
  schema("community_contacts", "community_contact", [
    req("contact_id", "string"),
    req("nhs_number", "nhs_number"),
    req("provider_code", "string"),
    req("contact_date", "date"),
    req("service", "string"),
  ]),
  schema("social_care_services", "social_care_service", [
    req("service_id", "string"),
    req("nhs_number", "nhs_number"),
    req("la_code", "string"),
    req("service_type", "string"),
    req("start_date", "date"),
    opt("end_date", "date"),
  ]),
  schema(
    "imaging_requests",
    "imaging_request",
    [
      req("request_id", "string"),
      req("nhs_number", "nhs_number"),
      req("trust_code", "string"),
      req("site_code", "string"),
      req("modality", "string"),
      req("test", "string"),
      req("referral_source", "string"),
      req("priority", "string"),
      opt("referrer_code", "string"),
      req("request_date", "date"),
      opt("test_date", "date"),
      opt("report_date", "date"),
    ],
    "2",
  ),
  schema("imaging_capacity", "imaging_capacity", [
    req("trust_code", "string"),
    req("site_code", "string"),
    req("modality", "string"),
    req("week_start", "date"),
    req("sessions_planned", "integer"),
    req("sessions_lost", "integer"),
    req("slots_per_session", "double"),
    opt("downtime_reason", "string"),
  ]),
  schema("imaging_travel_times", "imaging_travel_time", [
    req("from_site", "string"),
    req("to_site", "string"),
    req("minutes", "integer"),
  ]),
  schema("deaths", "death", [
    req("nhs_number", "nhs_number"),
    req("death_date", "date"),
    req("underlying_cause", "string"),
    req("place_of_death", "string"),
  ]),
];

export function extractSchema(name: string): ExtractFileSchema {
  const found = EXTRACT_SCHEMAS.find((s) => s.name === name);
  if (!found) throw new Error(`unknown extract file '${name}'`);
  return found;
}

/** manifest.json: what an extract contains. */
export interface ExtractManifest {
  readonly format: "bevan-extract";
  readonly formatVersion: "1";
  readonly generatedBy: string;
  readonly extractDate: string;
  readonly files: readonly {
    readonly name: string;
    readonly file: string;
    readonly version: string;
    readonly rows: number;
  }[];
}
