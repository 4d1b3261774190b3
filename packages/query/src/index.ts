// @bevan/query: questions asked of a built warehouse (summary now; cohorts next).
export * from "./summary.ts";
export * from "./suppression.ts";
