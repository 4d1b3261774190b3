// Emergency or elective: how a FHIR inpatient Encounter (or a Synthea inpatient encounter) gives
// the hospital spell's admission method, first rule that applies (docs/fhir-ingest.md):
//   1. the UK Core admission method extension (NHS Data Dictionary ADMISSION METHOD codes);
//   2. Encounter.priority (HL7 v3 ActPriority);
//   3. Encounter.hospitalization.admitSource (HL7 admit source);
//   4. the Encounter type's SNOMED CT concept, where its meaning names the method (Synthea codes
//      every inpatient stay it does not plan as 183452005 "Emergency hospital admission");
// and otherwise 'unknown', which the data-quality report counts.

export type AdmissionMethod = "emergency" | "elective" | "maternity" | "transfer";

export const UKCORE_ADMISSION_METHOD_URL =
  "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AdmissionMethod";

/** NHS Data Dictionary ADMISSION METHOD (UKCore-AdmissionMethodEngland). */
export const ADMISSION_METHOD_CODES: Readonly<Record<string, AdmissionMethod>> = {
  "11": "elective", // waiting list
  "12": "elective", // booked
  "13": "elective", // planned
  "21": "emergency", // A&E or dental casualty department of the health care provider
  "22": "emergency", // general practitioner
  "23": "emergency", // bed bureau
  "24": "emergency", // consultant clinic of this or another health care provider
  "25": "emergency", // admission via mental health crisis resolution team
  "2A": "emergency", // A&E of another provider
  "2B": "emergency", // transfer of an admitted patient from another hospital in an emergency
  "2C": "emergency", // baby born at home as intended
  "2D": "emergency", // other emergency admission
  "28": "emergency", // other means (before 2013)
  "31": "maternity", // admitted ante partum
  "32": "maternity", // admitted post partum
  "81": "transfer", // transfer of any admitted patient from other hospital provision (not emergency)
  "82": "maternity", // birth of a baby in this health care provider
  "83": "maternity", // baby born outside the health care provider except when born at home as intended
};

/** HL7 v3 ActPriority. */
export const PRIORITY_CODES: Readonly<Record<string, AdmissionMethod>> = {
  EM: "emergency",
  UR: "emergency",
  S: "emergency", // stat
  A: "emergency", // ASAP
  EL: "elective",
  R: "elective", // routine
  P: "elective", // preoperative
};

/** HL7 admit-source (terminology.hl7.org/CodeSystem/admit-source). */
export const ADMIT_SOURCE_CODES: Readonly<Record<string, AdmissionMethod>> = {
  emd: "emergency",
  born: "maternity",
  "hosp-trans": "transfer",
};

/** SNOMED CT encounter types whose meaning names the method. */
export const ENCOUNTER_TYPE_CODES: Readonly<Record<string, AdmissionMethod>> = {
  "183452005": "emergency", // Emergency hospital admission (Synthea's inpatient encounter)
  "183478001": "emergency", // Emergency hospital admission for asthma
  "183460006": "emergency", // Obstetric emergency hospital admission
  "25876001": "emergency", // Emergency psychiatric admission
  "8715000": "elective", // Hospital admission, elective
  "183481006": "elective", // Non-urgent hospital admission
  "183495009": "elective", // Non-urgent orthopedic admission
  "183496005": "elective", // Non-urgent trauma admission
  "305625009": "maternity", // Admission to obstetrics department
};

const mapSql = (expr: string, map: Readonly<Record<string, string>>) =>
  `CASE ${expr} ${Object.entries(map)
    .map(([code, method]) => `WHEN '${code}' THEN '${method}'`)
    .join(" ")} END`;

/**
 * The admission method from a record's columns (admission_method_code, priority_code,
 * admit_source_code, system_uri and code of the Encounter type), as SQL over alias `c`.
 */
export function admissionMethodSql(c = "c"): string {
  return `coalesce(
    ${mapSql(`upper(${c}.admission_method_code)`, ADMISSION_METHOD_CODES)},
    ${mapSql(`upper(${c}.priority_code)`, PRIORITY_CODES)},
    ${mapSql(`lower(${c}.admit_source_code)`, ADMIT_SOURCE_CODES)},
    CASE WHEN ${c}.coding_system = 'snomedct' THEN ${mapSql(`${c}.code`, ENCOUNTER_TYPE_CODES)} END,
    'unknown')`;
}
