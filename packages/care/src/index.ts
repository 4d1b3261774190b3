// @bevan/care: care coordination — caseloads and episodes on the 13-week pathway, one shared
// care plan per person with its versions, worklist actions, recorded measures, FHIR R4 mapping.
export * from "./capacity.ts";
export * from "./demo-caseload.ts";
export * from "./demo-plans.ts";
export * from "./episode-store.ts";
export * from "./errors.ts";
export * from "./example-plan.ts";
export * from "./fhir-export.ts";
export * from "./fhir-import.ts";
export * from "./fhir-model.ts";
export * from "./measures.ts";
export * from "./pathway.ts";
export * from "./plan.ts";
export * from "./plan-store.ts";
export * from "./worklist-actions.ts";
