// The warehouse: one DuckDB file owned by one process. Thin wrapper that keeps the
// DuckDB client API out of the rest of Bevan and sets resource limits. Writes (exec,
// transactions, appenders) go through one connection; `reads` is a small pool of further
// connections on the same instance so that concurrent read-only queries do not queue.
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { TableDef } from "@bevan/domain";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { Dialect } from "./dialect/dialect.ts";
import { duckdb } from "./dialect/duckdb.ts";
import type { Engine, Params, Row, SqlValue } from "./engine.ts";
import { ReadPool } from "./read-pool.ts";
import { ResultCache } from "./result-cache.ts";
import { createTableSql } from "./schema.ts";

export interface WarehouseOptions {
  readonly readOnly?: boolean;
  /** DuckDB memory limit, e.g. "4GB"; beyond it DuckDB spills to the temp directory. */
  readonly memoryLimit?: string;
  readonly threads?: number;
  /** Most connections `reads` opens for concurrent queries (default BEVAN_READ_CONNECTIONS, else 4). */
  readonly readConnections?: number;
  /** Read-only warehouses remember `reads.cached` answers (default true); false to always run. */
  readonly cacheResults?: boolean;
}

export interface NumericColumns {
  readonly names: readonly string[];
  readonly rows: number;
  readonly columns: Readonly<Record<string, Float64Array | BigInt64Array>>;
}

/** Enough to overlap short queries on a small machine without oversubscribing DuckDB's threads. */
const DEFAULT_READ_CONNECTIONS = 4;

/** BEVAN_READ_CONNECTIONS: the read pool's size for this process (tuning, benchmarks). */
function readConnectionsFromEnv(): number | undefined {
  const raw = process.env.BEVAN_READ_CONNECTIONS;
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new RangeError(`BEVAN_READ_CONNECTIONS must be a whole number from 1 to 64 (got '${raw}')`);
  return n;
}

export class Warehouse implements Engine {
  readonly path: string;
  readonly dialect: Dialect = duckdb;
  private readonly instance: DuckDBInstance;
  private readonly connection: DuckDBConnection;
  /**
   * Read-only queries, each on whichever pooled connection is free. They see committed data
   * only (not an open transaction on the write connection).
   */
  readonly reads: ReadPool;

  private constructor(path: string, instance: DuckDBInstance, connection: DuckDBConnection, reads: ReadPool) {
    this.path = path;
    this.instance = instance;
    this.connection = connection;
    this.reads = reads;
  }

  static async open(path: string, options: WarehouseOptions = {}): Promise<Warehouse> {
    const file = resolve(path);
    if (!options.readOnly) mkdirSync(dirname(file), { recursive: true });
    const config: Record<string, string> = {
      memory_limit: options.memoryLimit ?? process.env.BEVAN_MEMORY_LIMIT ?? "4GB",
      temp_directory: `${file}.tmp`,
      preserve_insertion_order: "false",
    };
    if (options.threads) config.threads = String(options.threads);
    if (options.readOnly) config.access_mode = "READ_ONLY";
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(file, config);
    } catch (error) {
      throw new WarehouseOpenError(file, error);
    }
    const connection = await instance.connect();
    const reads = new ReadPool(
      () => instance.connect(),
      options.readConnections ?? readConnectionsFromEnv() ?? DEFAULT_READ_CONNECTIONS,
      options.readOnly && options.cacheResults !== false
        ? new ResultCache({ maxEntries: 2000, maxRows: 5000 })
        : null,
    );
    return new Warehouse(file, instance, connection, reads);
  }

  /** Run one or more statements, discarding results. */
  async exec(sql: string, params?: Params): Promise<void> {
    await this.connection.run(sql, params);
  }

  /** Run a query and return its rows as plain objects (BIGINT as bigint, DATE as Date). */
  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as T[];
  }

  /** Run a query and return its rows as JSON-safe objects (BIGINT and DATE as strings). */
  async json<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJson() as T[];
  }

  /**
   * Run a query and return its columns as arrays of plain values (BIGINT as bigint; numbers,
   * strings, booleans, null; cast DECIMAL and DATE columns first, they come back as DuckDB
   * value objects). Several times faster than `all` for large results.
   */
  async columns(sql: string, params?: Params): Promise<Record<string, unknown[]>> {
    const reader = await this.connection.runAndReadAll(sql, params);
    const columns = reader.getColumnsObject() as Record<string, unknown[]>;
    // With no rows DuckDB returns no arrays at all: give every column an empty one.
    for (const name of reader.columnNames()) columns[name] ??= [];
    return columns;
  }

  /**
   * Run a query whose columns are all numeric and return them column by column as typed
   * arrays, without building a JS object per row (for model fitting over millions of rows).
   * BIGINT columns come back as BigInt64Array, everything else as Float64Array (null → NaN).
   */
  async numericColumns(sql: string, params?: Params): Promise<NumericColumns> {
    const result = await this.connection.run(sql, params);
    const names = result.columnNames();
    const parts: (number | bigint | null)[][][] = names.map(() => []);
    let rows = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      rows += chunk.rowCount;
      for (let c = 0; c < names.length; c++) {
        parts[c]?.push(chunk.getColumnValues(c) as (number | bigint | null)[]);
      }
    }
    const columns: Record<string, Float64Array | BigInt64Array> = {};
    names.forEach((name, c) => {
      const chunks = parts[c] ?? [];
      const first = chunks.find((v) => v.some((x) => x !== null))?.find((x) => x !== null);
      if (typeof first === "bigint") {
        const out = new BigInt64Array(rows);
        let i = 0;
        for (const values of chunks) for (const v of values) out[i++] = typeof v === "bigint" ? v : 0n;
        columns[name] = out;
      } else {
        const out = new Float64Array(rows);
        let i = 0;
        for (const values of chunks) for (const v of values) out[i++] = v === null ? Number.NaN : Number(v);
        columns[name] = out;
      }
    });
    return { names, rows, columns };
  }

  async one<T extends Row = Row>(sql: string, params?: Params): Promise<T> {
    const rows = await this.all<T>(sql, params);
    const first = rows[0];
    if (first === undefined) throw new Error("expected one row, got none");
    return first;
  }

  async tableExists(name: string): Promise<boolean> {
    const rows = await this.all("SELECT 1 FROM information_schema.tables WHERE table_name = $name", { name });
    return rows.length > 0;
  }

  async replaceTable(def: TableDef): Promise<void> {
    await this.exec(createTableSql(def, this.dialect, { replace: true }));
  }

  async createWorkTable(name: string, select: string): Promise<void> {
    await this.exec(`CREATE OR REPLACE TEMP TABLE ${this.dialect.quoteIdent(name)} AS ${select}`);
  }

  async dropTable(name: string): Promise<void> {
    await this.exec(`DROP TABLE IF EXISTS ${this.dialect.quoteIdent(name)}`);
  }

  async insertRows(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const width = columns.length;
    const slots = Array.from({ length: width }, () => "?").join(", ");
    const cols = columns.map((c) => this.dialect.quoteIdent(c)).join(", ");
    const batch = Math.max(1, Math.floor(2000 / width));
    for (let i = 0; i < rows.length; i += batch) {
      const part = rows.slice(i, i + batch);
      await this.exec(
        `INSERT INTO ${this.dialect.quoteIdent(table)} (${cols}) VALUES ${part.map(() => `(${slots})`).join(", ")}`,
        part.flat(),
      );
    }
  }

  /**
   * Writes a query's rows as Parquet (ZSTD) into the folder `dir`, replacing what was there:
   * one file, or one folder per value of `partitionBy` (Hive-style `column=value/`, the
   * column itself left out of the files).
   */
  async copyToParquet(select: string, dir: string, options: { partitionBy?: string } = {}): Promise<void> {
    const folder = resolve(dir);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const target = options.partitionBy ? folder : join(folder, "part_0.parquet");
    const partition = options.partitionBy
      ? `, PARTITION_BY (${this.dialect.quoteIdent(options.partitionBy)}), OVERWRITE_OR_IGNORE, FILENAME_PATTERN 'part_{i}'`
      : "";
    await this.exec(
      `COPY (${select}) TO ${this.dialect.stringLiteral(target)} (FORMAT parquet, COMPRESSION zstd${partition})`,
    );
  }

  async appender(table: string) {
    return this.connection.createAppender(table);
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.exec("BEGIN TRANSACTION");
    try {
      const result = await work();
      await this.exec("COMMIT");
      return result;
    } catch (error) {
      await this.exec("ROLLBACK");
      throw error;
    }
  }

  /** Attach another DuckDB file under `alias` (created if missing), for stores kept outside the warehouse. */
  async attach(path: string, alias: string, options: { readOnly?: boolean } = {}): Promise<void> {
    const file = this.dialect.stringLiteral(resolve(path));
    await this.exec(
      `ATTACH ${file} AS ${this.dialect.quoteIdent(alias)}${options.readOnly ? " (READ_ONLY)" : ""}`,
    );
  }

  async detach(alias: string): Promise<void> {
    await this.exec(`DETACH ${this.dialect.quoteIdent(alias)}`);
  }

  close(): void {
    this.reads.close();
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** The warehouse file could not be opened: a user-fixable problem (locked, missing, wrong file). */
export class WarehouseOpenError extends Error {
  readonly file: string;
  constructor(file: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const hint = /lock/i.test(detail)
      ? "Another Bevan process (a server or a build) has it open; stop that process first."
      : "Check the path, and that it is a Bevan warehouse built with `bevan build`.";
    super(`cannot open warehouse ${file}: ${hint}`, { cause });
    this.name = "WarehouseOpenError";
    this.file = file;
  }
}
