// Analytics for the web app's pages: each takes a ScopedWarehouse and returns raw counts that
// the API discloses by role.

export * from "./data-status.ts";
export * from "./multimorbidity.ts";
export * from "./prevalence-all.ts";
export * from "./pyramid.ts";
export * from "./risk-pyramid.ts";
export * from "./segments.ts";
export * from "./table-exists.ts";
