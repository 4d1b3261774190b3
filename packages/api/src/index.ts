// @bevan/api: the HTTP server.
export type { OidcSettings } from "./auth/oidc.ts";
export type { CohortEngine } from "./cohort-engine.ts";
export type { ReidentificationLookup } from "./reidentification.ts";
export type { AdminRole, AdminUser } from "./routes/admin-users.ts";
export * from "./schemas.ts";
export * from "./schemas-analytics.ts";
export * from "./server.ts";
