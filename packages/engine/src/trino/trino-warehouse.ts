// The warehouse as one schema of a Trino catalog (the Hive connector over Parquet): the
// scale-out side of the engine seam. Addressed as trino://HOST:PORT/CATALOG/SCHEMA. Ingested
// tables are the Parquet export registered as external tables; the build writes its derived
// tables into the same schema. Only Bevan talks to Trino: users reach it through the API's
// scoped, disclosure-controlled queries like any other engine.
import type { TableDef } from "@bevan/domain";
import { currentSignal, QueryCancelledError, shared } from "../cancellation.ts";
import { trino } from "../dialect/trino.ts";
import type { Engine, Params, Reads, Row, SqlValue } from "../engine.ts";
import { ResultCache } from "../result-cache.ts";
import { createTableSql } from "../schema.ts";
import { runStatement, type TrinoResult, type TrinoSession } from "./protocol.ts";
import { decodeRows, type Format, inlineParams, splitStatements } from "./values.ts";

export interface TrinoAddress {
  readonly host: string;
  readonly port: number;
  readonly catalog: string;
  readonly schema: string;
}

const NAME = /^[a-z_][a-z0-9_]*$/;

/** Reads `trino://HOST:PORT/CATALOG/SCHEMA`; a malformed one is a user-fixable error. */
export function parseTrinoUrl(url: string): TrinoAddress {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TrinoAddressError(url);
  }
  const [catalog, schema, ...rest] = u.pathname.replace(/^\//, "").split("/");
  const port = Number(u.port);
  if (
    u.protocol !== "trino:" ||
    !u.hostname ||
    !Number.isInteger(port) ||
    port < 1 ||
    !catalog ||
    !schema ||
    rest.length > 0 ||
    !NAME.test(catalog) ||
    !NAME.test(schema)
  )
    throw new TrinoAddressError(url);
  return { host: u.hostname, port, catalog, schema };
}

export class TrinoAddressError extends Error {
  constructor(url: string) {
    super(
      `'${url}' is not a Trino address: use trino://HOST:PORT/CATALOG/SCHEMA (lower-case names), e.g. trino://127.0.0.1:18500/lake/demo`,
    );
    this.name = "TrinoAddressError";
  }
}

export interface TrinoWarehouseOptions {
  /** Remember aggregate answers (`reads.cached`) for the life of the process: for a server over a built schema. */
  readonly readOnly?: boolean;
  /** Most statements in flight at once from `reads` (default 8). */
  readonly readConcurrency?: number;
  readonly user?: string;
}

export class TrinoWarehouse implements Engine {
  readonly path: string;
  readonly dialect = trino;
  readonly address: TrinoAddress;
  readonly reads: Reads;
  readonly #session: TrinoSession;
  readonly #running = new Set<AbortController>();
  /** Every statement sent, in order, when recording (the identity suite's record of what ran). */
  statements: string[] | null = null;

  private constructor(address: TrinoAddress, options: TrinoWarehouseOptions) {
    this.address = address;
    this.path = `trino://${address.host}:${address.port}/${address.catalog}/${address.schema}`;
    this.#session = {
      server: `http://${address.host.includes(":") ? `[${address.host}]` : address.host}:${address.port}`,
      user: options.user ?? process.env.BEVAN_TRINO_USER ?? "bevan",
      catalog: address.catalog,
      schema: address.schema,
    };
    this.reads = new TrinoReads(
      this,
      options.readConcurrency ?? 8,
      options.readOnly ? new ResultCache({ maxEntries: 2000, maxRows: 5000 }) : null,
    );
  }

  /** A handle on the address, whether or not its schema exists yet. */
  static async connect(url: string, options: TrinoWarehouseOptions = {}): Promise<TrinoWarehouse> {
    return new TrinoWarehouse(parseTrinoUrl(url), options);
  }

  /** Connects to a schema that exists (`bevan export parquet … --engine` creates it). */
  static async open(url: string, options: TrinoWarehouseOptions = {}): Promise<TrinoWarehouse> {
    const wh = await TrinoWarehouse.connect(url, options);
    const found = await wh.all<{ n: bigint }>(
      "SELECT count(*) AS n FROM information_schema.schemata WHERE schema_name = ?",
      [wh.address.schema],
    );
    if (found[0]?.n !== 1n) throw new TrinoSchemaMissingError(wh.path);
    return wh;
  }

  /** Runs one statement; `signal` (default: the caller's, under `whileWanted`) cancels it on the cluster. */
  async run(sql: string, signal: AbortSignal | undefined = currentSignal()): Promise<TrinoResult> {
    this.statements?.push(sql);
    const controller = new AbortController();
    const abort = () => controller.abort();
    signal?.addEventListener("abort", abort, { once: true });
    if (signal?.aborted) controller.abort();
    this.#running.add(controller);
    try {
      return await runStatement(this.#session, sql, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) throw new QueryCancelledError();
      throw error;
    } finally {
      signal?.removeEventListener("abort", abort);
      this.#running.delete(controller);
    }
  }

  /** Cancels every statement in flight. */
  cancelAll(): void {
    for (const c of this.#running) c.abort();
  }

  async query<T>(sql: string, params: Params | undefined, format: Format): Promise<T[]> {
    const result = await this.run(inlineParams(sql, params, this.dialect));
    return decodeRows<T>(result.columns, result.rows, format);
  }

  async exec(sql: string, params?: Params): Promise<void> {
    for (const statement of splitStatements(inlineParams(sql, params, this.dialect)))
      await this.run(statement);
  }

  all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.query<T>(sql, params, "all");
  }

  json<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.query<T>(sql, params, "json");
  }

  async one<T extends Row = Row>(sql: string, params?: Params): Promise<T> {
    const rows = await this.all<T>(sql, params);
    const first = rows[0];
    if (first === undefined) throw new Error("expected one row, got none");
    return first;
  }

  async tableExists(name: string): Promise<boolean> {
    const rows = await this.all(
      "SELECT 1 AS found FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
      [this.address.schema, name],
    );
    return rows.length > 0;
  }

  async replaceTable(def: TableDef): Promise<void> {
    await this.dropTable(def.name);
    await this.exec(createTableSql(def, this.dialect));
  }

  async createWorkTable(name: string, select: string): Promise<void> {
    await this.dropTable(name);
    await this.exec(`CREATE TABLE ${this.dialect.quoteIdent(name)} AS ${select}`);
  }

  async dropTable(name: string): Promise<void> {
    await this.exec(`DROP TABLE IF EXISTS ${this.dialect.quoteIdent(name)}`);
  }

  /**
   * Appends rows as few statements, each carrying its rows as one JSON literal that Trino
   * unnests (`CAST(json_parse(…) AS ARRAY(ROW(…)))`): a VALUES list of thousands of rows costs
   * seconds to plan, one literal does not.
   */
  async insertRows(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const types = new Map(
      (
        await this.all<{ column_name: string; data_type: string }>(
          "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ?",
          [this.address.schema, table],
        )
      ).map((c) => [c.column_name, c.data_type]),
    );
    const q = (c: string) => this.dialect.quoteIdent(c);
    // Dates travel as text and are cast after unnesting (JSON casts no text to DATE).
    const wire = columns.map((c) => {
      const t = types.get(c);
      if (!t) throw new Error(`${table} has no column ${c}`);
      return t === "date" ? "varchar" : t;
    });
    const row = `ROW(${wire.map((t, i) => `${q(`c${i}`)} ${t}`).join(", ")})`;
    const select = columns.map((c, i) =>
      types.get(c) === "date" ? `CAST(${q(`c${i}`)} AS DATE)` : q(`c${i}`),
    );
    // Trino's query text limit is 1,000,000 characters.
    const LIMIT = 800_000;
    let batch: string[] = [];
    let size = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const json = this.dialect.stringLiteral(`[${batch.join(",")}]`);
      await this.run(
        `INSERT INTO ${q(table)} (${columns.map(q).join(", ")}) SELECT ${select.join(", ")} FROM UNNEST(CAST(json_parse(${json}) AS ARRAY(${row}))) AS r(${columns.map((_, i) => q(`c${i}`)).join(", ")})`,
      );
      batch = [];
      size = 0;
    };
    for (const r of rows) {
      const text = `[${r.map(jsonValue).join(",")}]`;
      if (size + text.length > LIMIT) await flush();
      batch.push(text);
      size += text.length + 1;
    }
    await flush();
  }

  /** No multi-statement transactions on the Hive catalog: `work` runs as it is (see Engine.transaction). */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  close(): void {
    this.cancelAll();
  }
}

/** A value as JSON text, bigints exact (JSON.stringify refuses them). */
function jsonValue(v: SqlValue): string {
  return typeof v === "bigint" ? v.toString() : JSON.stringify(v);
}

export class TrinoSchemaMissingError extends Error {
  constructor(path: string) {
    super(
      `${path} does not exist: export a warehouse into it first (\`bevan export parquet --db FILE --out DIR --engine ${path}\`)`,
    );
    this.name = "TrinoSchemaMissingError";
  }
}

/** Reads side by side over HTTP, at most `size` in flight; answers remembered on a read-only warehouse. */
class TrinoReads implements Reads {
  readonly cache: ResultCache | null;
  readonly #wh: TrinoWarehouse;
  readonly #size: number;
  #active = 0;
  readonly #waiting: (() => void)[] = [];
  #stopping = false;

  constructor(wh: TrinoWarehouse, size: number, cache: ResultCache | null) {
    this.#wh = wh;
    this.#size = size;
    this.cache = cache;
  }

  all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.#limited(() => this.#wh.all<T>(sql, params));
  }

  json<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.#limited(() => this.#wh.json<T>(sql, params));
  }

  cached<T extends Row = Row>(format: "all" | "json", sql: string, params?: Params): Promise<T[]> {
    const run = () => (format === "all" ? this.all<T>(sql, params) : this.json<T>(sql, params));
    return this.cache ? this.cache.get(format, sql, params, () => shared(run)) : run();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wh.cancelAll();
  }

  async #limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.#stopping) throw new QueryCancelledError();
    if (this.#active >= this.#size) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#active++;
    try {
      return await work();
    } finally {
      this.#active--;
      this.#waiting.shift()?.();
    }
  }
}
