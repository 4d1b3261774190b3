// @bevan/engine: the analytics engines (DuckDB embedded, Trino to scale out) behind one seam.
export * from "./cancellation.ts";
export * from "./dialect/dialect.ts";
export { duckdb } from "./dialect/duckdb.ts";
export { trino } from "./dialect/trino.ts";
export * from "./engine.ts";
export * from "./metadata.ts";
export * from "./open.ts";
export * from "./read-pool.ts";
export * from "./result-cache.ts";
export * from "./schema.ts";
export { runStatement, TrinoQueryError, TrinoUnreachableError } from "./trino/protocol.ts";
export * from "./trino/trino-warehouse.ts";
export * from "./warehouse.ts";
