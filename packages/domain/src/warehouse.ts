// The person-level longitudinal warehouse model. Ingested tables hold what the sources
// sent (pseudonymised at the door); derived tables are rebuilt by `bevan build` at an
// as-of date. Provenance lives beside each definition.
import { dm01Return, IMAGING_TABLES } from "./imaging.ts";
import { column as c, type TableDef, table } from "./table.ts";

const sourceId = c(
  "source_id",
  "varchar",
  "Source record the row came from, for incremental loads: FHIR `ResourceType/id` (for a Patient, `Patient/` and the person key, as a patient's own id identifies them); null for rows from CSV extracts, which are replaced as a whole.",
  { nullable: true },
);

const personId = c(
  "person_id",
  "person_id",
  "Pseudonymous person key: keyed HMAC-SHA-256 of the NHS number.",
);

export const organisation = table({
  name: "organisation",
  layer: "reference",
  description: "Organisations: the ICB, its places, PCNs and GP practices, and provider trusts.",
  grain: "One row per organisation.",
  source:
    "Practices and list sizes: Trafford GP registrations (traffordDataLab, OGL v3); ICB, places, PCNs and providers from the extract's organisations file.",
  knownGaps: ["PCN membership in the synthetic ICS is a modelled grouping of real practices by locality."],
  primaryKey: ["org_code"],
  columns: [
    c("org_code", "varchar", "ODS-style organisation code."),
    c("org_name", "varchar", "Organisation name."),
    c(
      "org_type",
      "varchar",
      "One of icb, place, pcn, practice, acute_trust, mental_health_trust, community_provider, local_authority.",
    ),
    c("parent_code", "varchar", "Parent in the ICB → place → PCN → practice hierarchy.", { nullable: true }),
    c("list_size", "integer", "Published registered list size (practices only).", { nullable: true }),
    sourceId,
  ],
});

export const lsoa = table({
  name: "lsoa",
  layer: "reference",
  description: "2021 Lower-layer Super Output Areas with Index of Multiple Deprivation 2025.",
  grain: "One row per 2021 LSOA.",
  source: "IMD 2025 on 2021 LSOAs (MHCLG via the IMD R package, OGL v3); names from ONS mid-2024 estimates.",
  knownGaps: [
    "IMD describes the area, not the person: an ecological measure.",
    "No published LSOA Townsend table is available: `townsend` is derived from the IMD rank, so it keeps each area's place in England's order but not where Townsend and IMD disagree.",
  ],
  primaryKey: ["lsoa_code"],
  columns: [
    c("lsoa_code", "varchar", "2021 LSOA code (E01…)."),
    c("lsoa_name", "varchar", "LSOA name."),
    c("imd_decile", "integer", "IMD 2025 national decile: 1 = most deprived 10%."),
    c("imd_quintile", "integer", "IMD quintile = ceil(decile / 2): 1 = most deprived 20%."),
    c("imd_rank", "integer", "IMD 2025 national rank (1 = most deprived)."),
    c("imd_score", "double", "IMD 2025 score."),
    c(
      "townsend",
      "double",
      "Townsend deprivation score derived from the national IMD rank (3.4 × Φ⁻¹ of the IMD percentile; positive = more deprived), for QRISK3 and QDiabetes.",
    ),
  ],
});

export const person = table({
  name: "person",
  layer: "ingested",
  description: "Everyone in the extract: demographics and current or last registration.",
  grain: "One row per person.",
  source:
    "GP registration extract (patients.csv); FHIR Patient resources (practice = generalPractitioner organisation, else the organisation of the latest ambulatory encounter; registration start = first encounter there).",
  knownGaps: [
    "Date of birth is truncated to the month at ingest.",
    "Ethnicity is as last recorded in primary care; 'not stated' is kept as its own category.",
  ],
  primaryKey: ["person_id"],
  columns: [
    personId,
    c("sex", "varchar", "F or M as recorded in the GP record (other and unknown as U)."),
    c("birth_month", "date", "First day of the month of birth."),
    c(
      "ethnicity_group",
      "varchar",
      "ONS 2021 five-group ethnicity: Asian, Black, Mixed, White, Other, or Unknown.",
    ),
    c("ethnicity_code", "varchar", "NHS ethnic category letter (A–Z, Z = not stated).", { nullable: true }),
    c("lsoa_code", "varchar", "2021 LSOA of residence.", { nullable: true }),
    c("practice_code", "varchar", "Current (or last) registered practice."),
    c("registration_start", "date", "Start of the current (or last) registration."),
    c("registration_end", "date", "End of registration (moved away or died); null while registered.", {
      nullable: true,
    }),
    c("death_date", "date", "Date of death if known to primary care.", { nullable: true }),
    c("care_home", "boolean", "Address matched to a care home at the time of the extract."),
    sourceId,
  ],
});

export const gpEvent = table({
  name: "gp_event",
  layer: "ingested",
  description: "Coded events from the GP record: diagnoses, observations, test results, procedures.",
  grain: "One row per coded entry.",
  source:
    "GP event extract (gp_events.csv); FHIR Condition, Observation, Procedure, Immunization, AllergyIntolerance, DiagnosticReport, CarePlan and ambulatory/home/virtual Encounter resources (their type code).",
  knownGaps: [
    "Only coded entries; free text is not extracted.",
    "Values are as entered, units are not harmonised.",
  ],
  columns: [
    personId,
    c("event_date", "date", "Date the event was recorded as happening."),
    c("coding_system", "varchar", "Coding system of `code`."),
    c("code", "varchar", "Clinical code.", { codingSystem: "coding_system" }),
    c("value", "double", "Numeric value for observations and test results.", { nullable: true }),
    c("unit", "varchar", "Unit of `value`.", { nullable: true }),
    c("source_org", "varchar", "Organisation that recorded the event."),
    sourceId,
  ],
});

export const medicationIssue = table({
  name: "medication_issue",
  layer: "ingested",
  description: "Prescriptions issued, by GP practices and by the mental-health trust.",
  grain: "One row per issue of one medicine.",
  source: "Medication issue extract (medication_issues.csv); FHIR MedicationRequest and MedicationStatement.",
  knownGaps: [
    "Issued is not dispensed and not taken.",
    "Specialist-only medicines may appear only under the trust.",
  ],
  columns: [
    personId,
    c("issue_date", "date", "Date of issue."),
    c("coding_system", "varchar", "Coding system of `code` (dm+d)."),
    c("code", "varchar", "Medicine code.", { codingSystem: "coding_system" }),
    c("description", "varchar", "Medicine name as issued."),
    c(
      "quantity",
      "integer",
      "Quantity issued (tablets, inhalers, …); null when a FHIR source does not say.",
      {
        nullable: true,
      },
    ),
    c("source_org", "varchar", "Issuing organisation: a practice or the mental-health trust."),
    sourceId,
  ],
});

export const hospitalSpell = table({
  name: "hospital_spell",
  layer: "ingested",
  description: "Admitted patient care spells (SUS-like), with their primary diagnosis.",
  grain: "One row per hospital provider spell.",
  source: "Hospital spell extract (hospital_spells.csv); FHIR Encounter of class IMP, ACUTE or NONAC.",
  knownGaps: [
    "Episodes within a spell are collapsed to the spell; diagnoses and procedures are spell-level.",
  ],
  primaryKey: ["spell_id"],
  columns: [
    c("spell_id", "varchar", "Provider spell identifier."),
    personId,
    c("provider_code", "varchar", "Acute trust."),
    c("admission_date", "date", "Admission date."),
    c("discharge_date", "date", "Discharge date (null if still in hospital).", { nullable: true }),
    c("admission_method", "varchar", "elective, emergency, maternity, transfer, or unknown (FHIR sources)."),
    c(
      "primary_diagnosis",
      "varchar",
      "Primary diagnosis, ICD-10 without dot; null when the source has none in ICD-10.",
      {
        codingSystem: "icd10",
        nullable: true,
      },
    ),
    c("length_of_stay", "integer", "Nights in hospital."),
    c("cost", "double", "Tariff-like cost in pounds; null when the source has no cost.", { nullable: true }),
    sourceId,
  ],
});

export const hospitalDiagnosis = table({
  name: "hospital_diagnosis",
  layer: "ingested",
  description: "All diagnoses recorded in a hospital spell, primary first.",
  grain: "One row per diagnosis position within a spell.",
  source: "Hospital diagnosis extract (hospital_diagnoses.csv).",
  knownGaps: ["Secondary diagnoses are coded less completely than the primary."],
  columns: [
    c("spell_id", "varchar", "Spell the diagnosis belongs to."),
    personId,
    c("position", "integer", "1 = primary."),
    c("code", "varchar", "ICD-10 code without dot.", { codingSystem: "icd10" }),
  ],
});

export const hospitalProcedure = table({
  name: "hospital_procedure",
  layer: "ingested",
  description: "Procedures carried out in a hospital spell.",
  grain: "One row per procedure position within a spell.",
  source: "Hospital procedure extract (hospital_procedures.csv).",
  knownGaps: [],
  columns: [
    c("spell_id", "varchar", "Spell the procedure belongs to."),
    personId,
    c("position", "integer", "1 = main procedure."),
    c("code", "varchar", "OPCS-4 code without dot.", { codingSystem: "opcs4" }),
    c("procedure_date", "date", "Date of the procedure."),
  ],
});

export const outpatientAttendance = table({
  name: "outpatient_attendance",
  layer: "ingested",
  description: "Outpatient appointments, attended or not.",
  grain: "One row per appointment.",
  source: "Outpatient extract (outpatient_attendances.csv).",
  knownGaps: [],
  primaryKey: ["attendance_id"],
  columns: [
    c("attendance_id", "varchar", "Appointment identifier."),
    personId,
    c("provider_code", "varchar", "Trust."),
    c("appointment_date", "date", "Appointment date."),
    c("specialty", "varchar", "Treatment specialty name."),
    c("first_attendance", "boolean", "First (true) or follow-up (false)."),
    c("attended", "boolean", "Attended (false = did not attend)."),
    c("cost", "double", "Tariff-like cost in pounds."),
  ],
});

export const aeAttendance = table({
  name: "ae_attendance",
  layer: "ingested",
  description: "Emergency department attendances.",
  grain: "One row per attendance.",
  source: "A&E extract (ae_attendances.csv); FHIR Encounter of class EMER.",
  knownGaps: [],
  primaryKey: ["attendance_id"],
  columns: [
    c("attendance_id", "varchar", "Attendance identifier."),
    personId,
    c("provider_code", "varchar", "Trust."),
    c("arrival_date", "date", "Arrival date."),
    c("department_type", "integer", "1 = major A&E, 3 = urgent treatment centre; null when not known.", {
      nullable: true,
    }),
    c("admitted", "boolean", "Admitted from A&E; null when not known.", { nullable: true }),
    c("cost", "double", "Tariff-like cost in pounds; null when the source has no cost.", { nullable: true }),
    sourceId,
  ],
});

export const communityContact = table({
  name: "community_contact",
  layer: "ingested",
  description: "Community health service contacts (district nursing, therapies, …).",
  grain: "One row per contact.",
  source: "Community services extract (community_contacts.csv).",
  knownGaps: ["Community data sets are less complete than hospital data."],
  columns: [
    c("contact_id", "varchar", "Contact identifier."),
    personId,
    c("provider_code", "varchar", "Community provider."),
    c("contact_date", "date", "Contact date."),
    c("service", "varchar", "Service, e.g. district nursing, physiotherapy."),
  ],
});

export const socialCareService = table({
  name: "social_care_service",
  layer: "ingested",
  description: "Adult social care and council services received, including assisted bin collection.",
  grain: "One row per service episode.",
  source: "Local authority extract (social_care_services.csv).",
  knownGaps: ["Self-funded care is not recorded by the council."],
  columns: [
    c("service_id", "varchar", "Service episode identifier."),
    personId,
    c("la_code", "varchar", "Local authority."),
    c(
      "service_type",
      "varchar",
      "home_care, residential_care, nursing_care, reablement, assisted_bin_collection, blue_badge, meals.",
    ),
    c("start_date", "date", "Start date."),
    c("end_date", "date", "End date; null while ongoing.", { nullable: true }),
  ],
});

export const death = table({
  name: "death",
  layer: "ingested",
  description: "Registered deaths.",
  grain: "One row per person who died.",
  source: "Civil registration deaths extract (deaths.csv).",
  knownGaps: ["Registration can lag the death by days to weeks."],
  primaryKey: ["person_id"],
  columns: [
    personId,
    c("death_date", "date", "Date of death."),
    c("underlying_cause", "varchar", "Underlying cause, ICD-10 without dot.", { codingSystem: "icd10" }),
    c("place_of_death", "varchar", "home, hospital, care_home, hospice or other."),
  ],
});

export const optOut = table({
  name: "opt_out",
  layer: "ingested",
  description:
    "People who opted out of the use of their data beyond their own care: a type 1 opt-out or the National Data Opt-out.",
  grain: "One row per person with either opt-out.",
  source:
    "Opt-outs extract (opt_outs.csv): type 1 from the practice record, the National Data Opt-out from the national service.",
  knownGaps: [
    "Not carried by FHIR or Synthea loads: people loaded only from those have no opt-out recorded.",
  ],
  primaryKey: ["person_id"],
  columns: [
    personId,
    c(
      "type1_opt_out",
      "boolean",
      "Type 1 opt-out: GP data not to leave the practice except for direct care.",
    ),
    c("national_data_opt_out", "boolean", "National Data Opt-out: no use for research and planning."),
  ],
});

export const practitioner = table({
  name: "practitioner",
  layer: "reference",
  description: "Practitioners known from FHIR sources: identifiers only, never names.",
  grain: "One row per Practitioner resource.",
  source: "FHIR Practitioner resources.",
  knownGaps: ["Names, addresses and contact details are not loaded."],
  primaryKey: ["practitioner_id"],
  columns: [
    c("practitioner_id", "varchar", "FHIR resource id."),
    c("identifier_system", "varchar", "System of the first identifier (e.g. a professional register).", {
      nullable: true,
    }),
    c("identifier", "varchar", "Value of the first identifier.", { nullable: true }),
    sourceId,
  ],
});

export const INGESTED_TABLES: readonly TableDef[] = [
  person,
  gpEvent,
  medicationIssue,
  hospitalSpell,
  hospitalDiagnosis,
  hospitalProcedure,
  outpatientAttendance,
  aeAttendance,
  communityContact,
  socialCareService,
  ...IMAGING_TABLES,
  death,
  optOut,
];

export const REFERENCE_TABLES: readonly TableDef[] = [organisation, lsoa, practitioner, dm01Return];
