// A small pool of DuckDB connections on one instance, for read-only queries. DuckDB runs
// queries on different connections of one instance concurrently; one connection runs them
// one at a time. Connections are opened on demand up to `size`; callers beyond that wait
// for the first one freed (first come, first served). A read whose caller has gone
// (`whileWanted`) leaves the queue, or is interrupted if it is running.
import type { DuckDBConnection } from "@duckdb/node-api";
import { currentSignal, QueryCancelledError, shared } from "./cancellation.ts";
import type { Params, Reads, Row } from "./engine.ts";
import type { ResultCache } from "./result-cache.ts";

const INTERRUPT_REPEAT_MS = 50;

export class ReadPool implements Reads {
  readonly size: number;
  readonly #connect: () => Promise<DuckDBConnection>;
  readonly #all: DuckDBConnection[] = [];
  readonly #idle: DuckDBConnection[] = [];
  readonly #waiting: { resolve: (c: DuckDBConnection) => void; reject: (e: Error) => void }[] = [];
  /** Reads given up because their caller went away (for tests and diagnostics). */
  cancelled = 0;
  /** Connections running a read, each with the function that interrupts it. */
  readonly #busy = new Map<DuckDBConnection, () => void>();
  #settled: (() => void)[] = [];
  #opening = 0;
  #closed = false;
  #stopping = false;
  /** Present only on a warehouse opened read-only, where answers cannot go stale. */
  readonly cache: ResultCache | null;

  constructor(connect: () => Promise<DuckDBConnection>, size: number, cache: ResultCache | null = null) {
    if (!Number.isInteger(size) || size < 1) throw new Error("a read pool needs at least one connection");
    this.#connect = connect;
    this.size = size;
    this.cache = cache;
  }

  /** Connections opened so far (for tests and diagnostics). */
  get opened(): number {
    return this.#all.length;
  }

  /** Run a query and return its rows as plain objects (BIGINT as bigint, DATE as Date). */
  all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.#with(async (c) => (await c.runAndReadAll(sql, params)).getRowObjectsJS() as T[]);
  }

  /** Run a query and return its rows as JSON-safe objects (BIGINT and DATE as strings). */
  json<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.#with(async (c) => (await c.runAndReadAll(sql, params)).getRowObjectsJson() as T[]);
  }

  /**
   * Like `all`/`json`, but on a read-only warehouse the answer is remembered for the life of
   * the process (for aggregates asked again and again; never for patient-level reads).
   */
  cached<T extends Row = Row>(format: "all" | "json", sql: string, params?: Params): Promise<T[]> {
    const run = () => (format === "all" ? this.all<T>(sql, params) : this.json<T>(sql, params));
    // A remembered answer may be awaited by many callers: one leaving does not cancel it.
    return this.cache ? this.cache.get(format, sql, params, () => shared(run)) : run();
  }

  async #with<T>(work: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const signal = currentSignal();
    if (signal?.aborted) throw this.#cancelled();
    const connection = await this.#acquire(signal);
    if (signal?.aborted || this.#stopping) {
      this.#release(connection);
      throw this.#cancelled();
    }
    // An interrupt that arrives before DuckDB has started the query is lost, so it is repeated
    // until the query ends.
    let repeat: NodeJS.Timeout | undefined;
    const interrupt = () => {
      connection.interrupt();
      repeat ??= setInterval(() => connection.interrupt(), INTERRUPT_REPEAT_MS);
    };
    signal?.addEventListener("abort", interrupt, { once: true });
    this.#busy.set(connection, interrupt);
    try {
      return await work(connection);
    } catch (error) {
      // Interrupted because the caller left or the pool is stopping: not a fault.
      if (signal?.aborted || this.#stopping) throw this.#cancelled();
      throw error;
    } finally {
      signal?.removeEventListener("abort", interrupt);
      clearInterval(repeat);
      this.#busy.delete(connection);
      this.#release(connection);
      if (this.#busy.size === 0) for (const done of this.#settled.splice(0)) done();
    }
  }

  /**
   * Stops taking reads, interrupts those running and resolves when none is left: call before
   * `close()` in a server that may be shutting down mid-query (closing a connection while a
   * query runs on it can hang the process).
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    for (const w of this.#waiting.splice(0)) w.reject(new QueryCancelledError());
    // Connections still opening are waited for: the reads that asked for them see the stop.
    while (this.#opening > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    for (const interrupt of this.#busy.values()) interrupt();
    if (this.#busy.size > 0) await new Promise<void>((resolve) => this.#settled.push(resolve));
  }

  #cancelled(): QueryCancelledError {
    this.cancelled++;
    return new QueryCancelledError();
  }

  async #acquire(signal?: AbortSignal): Promise<DuckDBConnection> {
    if (this.#closed) throw new Error("the warehouse is closed");
    if (this.#stopping) throw new QueryCancelledError();
    const idle = this.#idle.pop();
    if (idle) return idle;
    if (this.#all.length + this.#opening < this.size) {
      this.#opening++;
      try {
        const c = await this.#connect();
        this.#all.push(c);
        return c;
      } finally {
        this.#opening--;
      }
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: (c: DuckDBConnection) => {
          signal?.removeEventListener("abort", leave);
          resolve(c);
        },
        reject,
      };
      // A caller who leaves gives up its place in the queue.
      const leave = () => {
        const i = this.#waiting.indexOf(waiter);
        if (i >= 0) this.#waiting.splice(i, 1);
        reject(this.#cancelled());
      };
      signal?.addEventListener("abort", leave, { once: true });
      this.#waiting.push(waiter);
    });
  }

  #release(connection: DuckDBConnection): void {
    if (this.#closed) return;
    const next = this.#waiting.shift();
    if (next) next.resolve(connection);
    else this.#idle.push(connection);
  }

  close(): void {
    this.#closed = true;
    for (const w of this.#waiting.splice(0)) w.reject(new Error("the warehouse is closed"));
    for (const c of this.#all) c.closeSync();
    this.#all.length = 0;
    this.#idle.length = 0;
  }
}
