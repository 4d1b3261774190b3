// Clinical codes are typed by coding system: a SNOMED CT code is not an ICD-10 code,
// and a codelist always knows which system its codes belong to.

export const CODING_SYSTEMS = [
  "snomedct",
  "dmd",
  "icd10",
  "opcs4",
  "loinc",
  "rxnorm",
  "cvx",
  "dicom",
  "ctv3",
  "readv2",
  "nhs-ethnic-category",
] as const;

export type CodingSystem = (typeof CODING_SYSTEMS)[number];

/** A code within one coding system. Compared by system and value, never by value alone. */
export interface ClinicalCode<S extends CodingSystem = CodingSystem> {
  readonly system: S;
  readonly code: string;
}

/**
 * FHIR code system URIs and the Bevan coding system each maps to. A coding whose system is
 * not listed here is not guessed at: the resource is quarantined as `unknown_code_system`.
 */
export const CODE_SYSTEM_URIS: Readonly<Record<string, CodingSystem>> = Object.freeze({
  "http://snomed.info/sct": "snomedct",
  "http://loinc.org": "loinc",
  "http://www.nlm.nih.gov/research/umls/rxnorm": "rxnorm",
  "https://dmd.nhs.uk": "dmd",
  "http://hl7.org/fhir/sid/icd-10": "icd10",
  "http://hl7.org/fhir/sid/icd-10-uk": "icd10",
  "http://hl7.org/fhir/sid/opcs-4": "opcs4",
  "http://hl7.org/fhir/sid/cvx": "cvx",
  "http://dicom.nema.org/resources/ontology/DCM": "dicom",
  "http://read.info/ctv3": "ctv3",
  "http://read.info/readv2": "readv2",
});

/** The Bevan coding system of a FHIR code system URI, or undefined when it is not known. */
export function codingSystemForUri(uri: string): CodingSystem | undefined {
  return CODE_SYSTEM_URIS[uri];
}

export function isCodingSystem(value: string): value is CodingSystem {
  return (CODING_SYSTEMS as readonly string[]).includes(value);
}

export function code<S extends CodingSystem>(system: S, value: string): ClinicalCode<S> {
  return Object.freeze({ system, code: normaliseCode(system, value) });
}

/**
 * The canonical spelling of a code in the warehouse. ICD-10 and OPCS-4 are stored as in
 * HES/SUS: upper case without the dot (`I50.0` → `I500`); other systems are stored as given.
 */
export function normaliseCode(system: CodingSystem, value: string): string {
  const trimmed = value.trim();
  if (system === "icd10" || system === "opcs4") return trimmed.replace(".", "").toUpperCase();
  return trimmed;
}

/** A named set of codes from one coding system, with provenance. */
export interface Codelist<S extends CodingSystem = CodingSystem> {
  readonly id: string;
  readonly system: S;
  readonly codes: ReadonlySet<string>;
  readonly source: string;
  readonly version: string;
}

export function codelist<S extends CodingSystem>(
  id: string,
  system: S,
  codes: Iterable<string>,
  provenance: { source: string; version: string },
): Codelist<S> {
  const normalised = new Set<string>();
  for (const c of codes) normalised.add(normaliseCode(system, c));
  return Object.freeze({ id, system, codes: normalised, ...provenance });
}
