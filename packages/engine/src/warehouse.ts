// The warehouse: one DuckDB file owned by one process. Thin wrapper that keeps the
// DuckDB client API out of the rest of Bevan and sets resource limits.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import type { Dialect } from "./dialect/dialect.ts";
import { duckdb } from "./dialect/duckdb.ts";

export interface WarehouseOptions {
  readonly readOnly?: boolean;
  /** DuckDB memory limit, e.g. "4GB"; beyond it DuckDB spills to the temp directory. */
  readonly memoryLimit?: string;
  readonly threads?: number;
}

export type Row = Record<string, unknown>;
export type Params = Record<string, DuckDBValue> | DuckDBValue[];

export class Warehouse {
  readonly path: string;
  readonly dialect: Dialect = duckdb;
  private readonly instance: DuckDBInstance;
  private readonly connection: DuckDBConnection;

  private constructor(path: string, instance: DuckDBInstance, connection: DuckDBConnection) {
    this.path = path;
    this.instance = instance;
    this.connection = connection;
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
    return new Warehouse(file, instance, connection);
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
