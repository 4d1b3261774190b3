// @bevan/ingest: loads extracts into the warehouse, pseudonymised at the door.
export * from "./load.ts";
export * from "./manifest.ts";
export * from "./pseudonymise.ts";
export * from "./reference.ts";
