// How each FHIR R4 resource type maps onto a normalised record: which element holds the
// date, the coding, the patient and the encounter. The JSON is read by DuckDB, not JS.
import { CODE_SYSTEM_URIS } from "@bevan/domain";
import type { Dialect } from "@bevan/engine";
import type { RecordColumn } from "../records/record.ts";
import { UKCORE_ADMISSION_METHOD_URL } from "./admission-method.ts";

/** Where the coding of each resource type is, as wildcard JSONPaths over CodeableConcepts' codings. */
const CODING_PATH: Record<string, string> = {
  Condition: "$.code.coding[*]",
  Observation: "$.code.coding[*]",
  Procedure: "$.code.coding[*]",
  AllergyIntolerance: "$.code.coding[*]",
  DiagnosticReport: "$.code.coding[*]",
  Immunization: "$.vaccineCode.coding[*]",
  MedicationRequest: "$.medicationCodeableConcept.coding[*]",
  MedicationStatement: "$.medicationCodeableConcept.coding[*]",
  Encounter: "$.type[*].coding[*]",
  CarePlan: "$.category[*].coding[*]",
  ImagingStudy: "$.series[*].modality",
};

/** The record's date, first present element wins. */
const DATE_PATHS: Record<string, string[]> = {
  Patient: ["$.birthDate"],
  Condition: ["$.onsetDateTime", "$.onsetPeriod.start", "$.recordedDate"],
  Observation: ["$.effectiveDateTime", "$.effectivePeriod.start", "$.effectiveInstant", "$.issued"],
  Procedure: ["$.performedDateTime", "$.performedPeriod.start"],
  AllergyIntolerance: ["$.onsetDateTime", "$.recordedDate"],
  DiagnosticReport: ["$.effectiveDateTime", "$.effectivePeriod.start", "$.issued"],
  Immunization: ["$.occurrenceDateTime"],
  MedicationRequest: ["$.authoredOn"],
  MedicationStatement: ["$.effectiveDateTime", "$.effectivePeriod.start", "$.dateAsserted"],
  Encounter: ["$.period.start"],
  CarePlan: ["$.period.start", "$.created"],
  ImagingStudy: ["$.started"],
};

const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
/** Address extensions Bevan reads an LSOA code from (docs/fhir-ingest.md). */
export const LSOA_EXTENSION_URLS = [
  "https://fhir.bevan.health/StructureDefinition/Extension-LSOA",
  "https://fhir.nhs.uk/StructureDefinition/Extension-LSOA",
];
const ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

/** SELECT expressions turning `res` (one FHIR resource as JSON) into record columns. */
export function fhirRecordColumns(res: string, d: Dialect): Partial<Record<RecordColumn, string>> {
  const t = (path: string) => d.jsonText(res, path);
  const rtype = t("$.resourceType");
  const byType = (map: Record<string, string>, otherwise = "NULL") =>
    `CASE ${rtype} ${Object.entries(map)
      .map(([type, expr]) => `WHEN ${d.stringLiteral(type)} THEN ${expr}`)
      .join(" ")} ELSE ${otherwise} END`;
  const codings = (type: string) => d.jsonList(res, CODING_PATH[type] ?? "$.code.coding[*]");
  const chosen = (type: string) => {
    const list = codings(type);
    return `coalesce(${d.firstCodingIn(list, Object.keys(CODE_SYSTEM_URIS))}, ${d.listFirst(list)})`;
  };
  const codingPart = (part: string) =>
    byType(
      Object.fromEntries(
        Object.keys(CODING_PATH).map((type) => [type, d.jsonText(chosen(type), `$.${part}`)]),
      ),
    );
  const firstOf = (paths: string[]) =>
    paths.length === 1 ? t(paths[0] ?? "") : `coalesce(${paths.map(t).join(", ")})`;
  const identifierOf = (system: string) =>
    d.jsonText(d.firstCodingIn(d.jsonList(res, "$.identifier[*]"), [system]), "$.value");
  const ref = (path: string) => d.referenceId(t(path));
  // The home address if one is marked so, else the first.
  const address = `coalesce(${d.firstCodingIn(d.jsonList(res, "$.address[*]"), ["home"], "use")}, ${d.jsonList(res, "$.address[0]")})`;
  const homeAddress = (path: string) => d.jsonText(address, path);
  const lsoaExtension = d.firstCodingIn(d.jsonList(address, "$.extension[*]"), LSOA_EXTENSION_URLS, "url");
  return {
    rtype,
    rid: t("$.id"),
    hash: d.md5(`CAST(${res} AS VARCHAR)`),
    patient_ref: `coalesce(${ref("$.subject.reference")}, ${ref("$.patient.reference")})`,
    encounter_ref: `coalesce(${ref("$.encounter.reference")}, ${ref("$.context.reference")})`,
    org_ref: byType({
      Encounter: ref("$.serviceProvider.reference"),
      Patient: `CASE WHEN ${t("$.generalPractitioner[0].reference")} LIKE '%Organization%' THEN ${ref("$.generalPractitioner[0].reference")} END`,
    }),
    start_text: byType(Object.fromEntries(Object.entries(DATE_PATHS).map(([k, v]) => [k, firstOf(v)]))),
    end_text: byType({ Encounter: t("$.period.end") }),
    system_uri: codingPart("system"),
    code: codingPart("code"),
    display: byType({
      MedicationRequest: `coalesce(${d.jsonText(chosen("MedicationRequest"), "$.display")}, ${t("$.medicationCodeableConcept.text")})`,
      MedicationStatement: `coalesce(${d.jsonText(chosen("MedicationStatement"), "$.display")}, ${t("$.medicationCodeableConcept.text")})`,
    }),
    value_text: byType({ Observation: t("$.valueQuantity.value") }),
    unit: byType({ Observation: `coalesce(${t("$.valueQuantity.unit")}, ${t("$.valueQuantity.code")})` }),
    class: byType({ Encounter: t("$.class.code") }),
    admission_method_code: byType({
      Encounter: d.jsonText(
        d.jsonText(
          d.firstCodingIn(d.jsonList(res, "$.extension[*]"), [UKCORE_ADMISSION_METHOD_URL], "url"),
          "$.valueCodeableConcept",
        ),
        "$.coding[0].code",
      ),
    }),
    priority_code: byType({ Encounter: t("$.priority.coding[0].code") }),
    admit_source_code: byType({ Encounter: t("$.hospitalization.admitSource.coding[0].code") }),
    postcode: byType({ Patient: homeAddress("$.postalCode") }),
    lsoa_ext: byType({
      Patient: `coalesce(${d.jsonText(lsoaExtension, "$.valueString")}, ${d.jsonText(lsoaExtension, "$.valueCode")}, ${d.jsonText(lsoaExtension, "$.valueCoding.code")})`,
    }),
    quantity_text: byType({
      MedicationRequest: t("$.dispenseRequest.quantity.value"),
    }),
    nhs_number: byType({ Patient: identifierOf(NHS_NUMBER_SYSTEM) }),
    gender: byType({ Patient: t("$.gender") }),
    death_text: byType({ Patient: t("$.deceasedDateTime") }),
    name: byType({ Organization: t("$.name") }),
    identifier_system: byType({ Practitioner: t("$.identifier[0].system") }),
    identifier: byType({
      Practitioner: t("$.identifier[0].value"),
      Organization: identifierOf(ODS_SYSTEM),
    }),
  };
}
