// Answers to read-only queries, kept for a warehouse opened read-only: while a process holds
// the file read-only nothing can change it (DuckDB's lock keeps writers out), so the same
// SQL with the same parameters has the same answer until the process ends. Concurrent
// identical queries share one execution. Bounded by entries and by rows per answer.
import type { Params, Row } from "./engine.ts";

export interface ResultCacheOptions {
  /** Most answers kept; the least recently used goes first. */
  readonly maxEntries: number;
  /** Answers with more rows are not kept (they would hold too much memory). */
  readonly maxRows: number;
}

export class ResultCache {
  readonly #options: ResultCacheOptions;
  readonly #entries = new Map<string, Promise<readonly Row[]>>();
  hits = 0;
  misses = 0;

  constructor(options: ResultCacheOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#entries.size;
  }

  async get<T extends Row>(
    kind: string,
    sql: string,
    params: Params | undefined,
    run: () => Promise<T[]>,
  ): Promise<T[]> {
    const key = `${kind}\u0000${sql}\u0000${JSON.stringify(params ?? null, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))}`;
    const found = this.#entries.get(key);
    if (found) {
      this.hits++;
      // Most recently used last.
      this.#entries.delete(key);
      this.#entries.set(key, found);
      return copy(await found) as T[];
    }
    this.misses++;
    const pending = run();
    this.#entries.set(key, pending);
    while (this.#entries.size > this.#options.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    try {
      const rows = await pending;
      if (rows.length > this.#options.maxRows && this.#entries.get(key) === pending)
        this.#entries.delete(key);
      return copy(rows) as T[];
    } catch (error) {
      // Failures are not remembered.
      if (this.#entries.get(key) === pending) this.#entries.delete(key);
      throw error;
    }
  }
}

/** Callers get their own rows: a caller that changes one cannot change the cached answer. */
function copy(rows: readonly Row[]): Row[] {
  return rows.map((r) => ({ ...r }));
}
