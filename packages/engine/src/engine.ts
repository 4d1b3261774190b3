// The engine seam, executed: what the build, the cohort language and the API need of the
// engine that holds the warehouse. Two implementations: `Warehouse` (one DuckDB file,
// embedded) and `TrinoWarehouse` (a schema of a Trino catalog over Parquet, scale-out).
// SQL given to either is written in the portable subset plus what `dialect` renders.
import type { TableDef } from "@bevan/domain";
import type { Dialect } from "./dialect/dialect.ts";
import type { ResultCache } from "./result-cache.ts";

export type Row = Record<string, unknown>;

/** A value bound to a query parameter (`?` in order, or `$name`). */
export type SqlValue = string | number | bigint | boolean | null;
export type Params = Record<string, SqlValue> | SqlValue[];

/** Read-only queries that may run side by side (the API's scoped reads). */
export interface Reads {
  /** Rows as plain objects (BIGINT as bigint, DATE as Date). */
  all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  /** Rows as JSON-safe objects (BIGINT and DATE as strings). */
  json<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  /** `all`/`json`, remembered for the life of a read-only warehouse (aggregates only). */
  cached<T extends Row = Row>(format: "all" | "json", sql: string, params?: Params): Promise<T[]>;
  /** Present when answers cannot go stale (a warehouse opened read-only). */
  readonly cache: ResultCache | null;
  /** Interrupts running reads and refuses new ones (before closing a server). */
  stop(): Promise<void>;
}

export interface Engine {
  /** Where the data is, for messages: a file, or a `trino://` address. */
  readonly path: string;
  readonly dialect: Dialect;
  readonly reads: Reads;
  /** Run one or more statements (separated by `;`), discarding results. */
  exec(sql: string, params?: Params): Promise<void>;
  all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  json<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  one<T extends Row = Row>(sql: string, params?: Params): Promise<T>;
  tableExists(name: string): Promise<boolean>;
  /** The table recreated empty from its definition (its rows, if any, gone). */
  replaceTable(def: TableDef): Promise<void>;
  /**
   * A working table for the rest of a build (`_person_base`, `_coded`, …): temporary on
   * DuckDB, a table in the build's schema on Trino (which has no temporary tables). Drop it
   * with `dropTable` when done.
   */
  createWorkTable(name: string, select: string): Promise<void>;
  dropTable(name: string): Promise<void>;
  /** Appends rows (values in `columns` order) to a table. */
  insertRows(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
  ): Promise<void>;
  /**
   * Runs `work` so that a failure leaves the data as it was where the engine can (DuckDB's
   * transaction); on Trino's Hive catalog there are no multi-statement transactions, and the
   * build marks an unfinished schema instead (build_info is written last).
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): void;
}
