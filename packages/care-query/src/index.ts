// @bevan/care-query: care coordination's questions of the warehouse, through the caller's
// scope: a person's outcomes in the quarters before and since they joined a caseload.
export * from "./outcomes.ts";
