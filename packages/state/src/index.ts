// @bevan/state: application state in PostgreSQL (PGlite embedded, a server in production).
export * from "./aggregate-log.ts";
export * from "./audit.ts";
export * from "./cohort-store.ts";
export * from "./demo-users.ts";
export * from "./migrate.ts";
export * from "./policy.ts";
export * from "./sessions.ts";
export * from "./sql.ts";
export * from "./state.ts";
export * from "./user-admin.ts";
export * from "./users.ts";
