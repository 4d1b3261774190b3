// @bevan/state: application state in PostgreSQL (PGlite embedded, a server in production).
export * from "./audit.ts";
export * from "./audit-chain.ts";
export * from "./audit-checkpoints.ts";
export * from "./audit-key.ts";
export * from "./audit-verify.ts";
export * from "./backup.ts";
export * from "./cohort-store.ts";
export * from "./demo-users.ts";
export * from "./migrate.ts";
export * from "./policy.ts";
export * from "./private-files.ts";
export * from "./sessions.ts";
export * from "./sql.ts";
export * from "./state.ts";
export * from "./state-lock.ts";
export * from "./user-admin.ts";
export * from "./users.ts";
