// @bevan/ingest: loads extracts into the warehouse, pseudonymised at the door.
export * from "./dq.ts";
export * from "./fhir/admission-method.ts";
export * from "./ingest.ts";
export * from "./load.ts";
export * from "./manifest.ts";
export * from "./pseudonymise.ts";
export * from "./quarantine-report.ts";
export * from "./records/lsoa.ts";
export * from "./reference.ts";
export * from "./reidentification.ts";
export * from "./report.ts";
