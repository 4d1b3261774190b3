// Analytics for the web app's pages: each takes a ScopedWarehouse and returns raw counts that
// the API discloses by role.

export * from "./data-status.ts";
export * from "./indicators.ts";
export * from "./multimorbidity.ts";
export * from "./org-names.ts";
export * from "./patient-details.ts";
export * from "./practices.ts";
export * from "./prevalence-all.ts";
export * from "./pyramid.ts";
export * from "./risk-pyramid.ts";
export * from "./segments.ts";
export * from "./table-exists.ts";
export * from "./timeline.ts";
