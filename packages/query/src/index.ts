// @bevan/query: questions asked of a built warehouse: summary, suppression, the cohort language.

export * from "./analytics/index.ts";
export * from "./cohort/attrition.ts";
export * as cohortBuilder from "./cohort/builder.ts";
export * from "./cohort/compile.ts";
export * from "./cohort/dates.ts";
export * from "./cohort/describe.ts";
export * from "./cohort/evaluate.ts";
export * from "./cohort/execute.ts";
export * from "./cohort/ir.ts";
export * from "./cohort/member-page.ts";
export * from "./cohort/outputs.ts";
export * from "./cohort/population.ts";
export * from "./cohort/reasons-format.ts";
export * from "./cohort/resolve.ts";
export * from "./cohort/schema.ts";
export * from "./cohort/score-contract.ts";
export * from "./cohort/store.ts";
export * from "./cohort/validate.ts";
// @bevan/query: questions asked of a built warehouse; scoped access and disclosure control.
export * from "./data-quality.ts";
export * from "./disclosure/cell-key.ts";
export * from "./disclosure/ptable.ts";
export * from "./disclosure/sketch.ts";
export * from "./disclosure/sql.ts";
export * from "./org-tree.ts";
export * from "./patients.ts";
export * from "./population.ts";
export * from "./scope.ts";
export * from "./summary.ts";
export * from "./suppression.ts";
