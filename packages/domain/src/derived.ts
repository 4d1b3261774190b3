// Tables `bevan build` derives at an as-of date, plus ingest bookkeeping.
import { diabetesCare, personClinical, practiceDiabetesCare, safetyAuditFinding } from "./clinical-tables.ts";
import { column as c, type TableDef, table } from "./table.ts";

export const codelistTable = table({
  name: "codelist",
  layer: "reference",
  description: "Codelists known to the warehouse, with provenance.",
  grain: "One row per codelist version.",
  source: "OpenCodelists-style CSVs (NHS Digital primary care domain refsets, PRIMIS) imported at build.",
  knownGaps: [],
  primaryKey: ["codelist_id"],
  columns: [
    c("codelist_id", "varchar", "Identifier, e.g. nhsd-qof/hyp_cod."),
    c("coding_system", "varchar", "Coding system of every code in the list."),
    c("source", "varchar", "Publisher and file the list came from."),
    c("version", "varchar", "Version or release of the list."),
    c("imported_at", "varchar", "When it was imported (ISO timestamp)."),
  ],
});

export const codelistCode = table({
  name: "codelist_code",
  layer: "reference",
  description: "The codes of each codelist.",
  grain: "One row per code per codelist.",
  source: "As codelist.",
  knownGaps: [],
  columns: [
    c("codelist_id", "varchar", "Codelist."),
    c("code", "varchar", "Code, in the list's coding system.", { codingSystem: "codelist" }),
    c("term", "varchar", "Description.", { nullable: true }),
  ],
});

export const personAsOf = table({
  name: "person_asof",
  layer: "derived",
  description: "Each person's status at the build's as-of date, with geography and organisation.",
  grain: "One row per person in the extract.",
  source: "Derived from person, lsoa and organisation by `bevan build`.",
  knownGaps: ["Age is computed from the birth month (mid-month assumed)."],
  primaryKey: ["person_id"],
  columns: [
    c("person_id", "person_id", "Pseudonymous person key."),
    c("age", "integer", "Age in whole years at the as-of date."),
    c("age_band", "varchar", "Five-year band 0-4 … 85-89, 90+."),
    c("sex", "varchar", "F, M or U."),
    c("ethnicity_group", "varchar", "Five-group ethnicity or Unknown."),
    c("lsoa_code", "varchar", "LSOA of residence.", { nullable: true }),
    c("imd_decile", "integer", "IMD 2025 decile of the LSOA (1 = most deprived).", { nullable: true }),
    c("imd_quintile", "integer", "IMD quintile (1 = most deprived).", { nullable: true }),
    c("practice_code", "varchar", "Registered practice."),
    c("pcn_code", "varchar", "Primary care network of the practice.", { nullable: true }),
    c("place_code", "varchar", "Place (locality) of the practice.", { nullable: true }),
    c("icb_code", "varchar", "Integrated care board.", { nullable: true }),
    c("registered", "boolean", "Registered and alive at the as-of date."),
    c("deceased", "boolean", "Died on or before the as-of date."),
    c("care_home", "boolean", "Lives in a care home."),
    c("learning_disability", "boolean", "On the learning disability register."),
    c(
      "record_key",
      "integer",
      "Disclosure-control record key in [0, 65536): a keyed hash of the person key with a secret kept outside the warehouse (docs/disclosure-control.md). Never shown; summed per cell to pick each published count's perturbation.",
    ),
    c(
      "planning_opt_out",
      "boolean",
      "Opted out (type 1 or National Data Opt-out): left out of everything used for planning; direct care still sees them.",
    ),
  ],
});

export const registerTable = table({
  name: "register",
  layer: "derived",
  description: "QOF-style condition register membership at the as-of date.",
  grain: "One row per person per register they are on.",
  source: "Derived from gp_event and the register codelists by `bevan build` (rules in @bevan/clinical).",
  knownGaps: ["Only people registered and alive at the as-of date are on a register."],
  primaryKey: ["person_id", "register"],
  columns: [
    c("person_id", "person_id", "Pseudonymous person key."),
    c("register", "varchar", "QOF register code, e.g. HYP, DM, AST."),
    c("first_date", "date", "Earliest qualifying code."),
    c("latest_date", "date", "Latest qualifying code."),
    c(
      "subtype",
      "varchar",
      "DM only: type1 or type2 (latest DMTYPE1/DMTYPE2 code; type2 when unspecified).",
      {
        nullable: true,
      },
    ),
  ],
});

export const buildInfo = table({
  name: "build_info",
  layer: "derived",
  description: "What the last build was: as-of date, time, versions.",
  grain: "One row per key.",
  source: "Written by `bevan build`.",
  knownGaps: [],
  primaryKey: ["key"],
  columns: [c("key", "varchar", "Setting name."), c("value", "varchar", "Setting value.")],
});

export const quarantine = table({
  name: "quarantine",
  layer: "ingested",
  description: "Input rows that were not loaded, with the reason. Holds no patient values.",
  grain: "One row per rejected input row.",
  source: "Written by `bevan ingest`.",
  knownGaps: [],
  columns: [
    c("source_file", "varchar", "Extract file name."),
    c(
      "line_number",
      "bigint",
      "Line in a CSV (header = line 1) or NDJSON file; entry number in a FHIR Bundle; 0 = the whole file.",
    ),
    c(
      "record_id",
      "varchar",
      "FHIR `ResourceType/id` of the rejected resource (never for Patient resources).",
      {
        nullable: true,
      },
    ),
    c("reason_code", "varchar", "Machine-readable reason, e.g. invalid_nhs_number."),
    c("reason", "varchar", "What is wrong and what to do about it."),
  ],
});

export const sourceRecord = table({
  name: "source_record",
  layer: "ingested",
  description:
    "Every source record loaded from FHIR or Synthea CSV: the version held, for incremental loads.",
  grain: "One row per source record id.",
  source: "Written by `bevan ingest`.",
  knownGaps: [],
  primaryKey: ["source_id"],
  columns: [
    c("source_id", "varchar", "`ResourceType/id` (Patient: `Patient/` and the person key)."),
    c("target_table", "varchar", "Warehouse table the record loaded into."),
    c("content_hash", "varchar", "MD5 of the record's content as received."),
    c("extract_date", "date", "Extract date of the load that supplied this version."),
  ],
});

export const patientLink = table({
  name: "patient_link",
  layer: "ingested",
  description:
    "Links a source system's patient id to the person key, so records sent in a later load can name a patient sent earlier.",
  grain: "One row per source patient id.",
  source: "Written by `bevan ingest` for FHIR and Synthea Patient records.",
  knownGaps: ["The source id itself is not stored: only its keyed HMAC, like the person key."],
  primaryKey: ["source_key"],
  columns: [
    c("source_key", "bigint", "Keyed HMAC-SHA-256 (63 bits) of the source patient id."),
    c("person_id", "person_id", "Pseudonymous person key."),
  ],
});

export const DERIVED_TABLES: readonly TableDef[] = [
  personAsOf,
  registerTable,
  personClinical,
  diabetesCare,
  practiceDiabetesCare,
  safetyAuditFinding,
  buildInfo,
];
export const BOOKKEEPING_TABLES: readonly TableDef[] = [
  codelistTable,
  codelistCode,
  quarantine,
  sourceRecord,
  patientLink,
];
