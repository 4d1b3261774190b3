// @bevan/engine: the analytics engine (DuckDB) behind a dialect seam.
export * from "./cancellation.ts";
export * from "./dialect/dialect.ts";
export { duckdb } from "./dialect/duckdb.ts";
export { trino } from "./dialect/trino.ts";
export * from "./metadata.ts";
export * from "./read-pool.ts";
export * from "./result-cache.ts";
export * from "./schema.ts";
export * from "./warehouse.ts";
