// One SQL client over two PostgreSQL back ends: PGlite in-process (the embedded default)
// and a PostgreSQL server through node-postgres (production). Both parse BIGINT as a
// number and timestamps as ISO strings, so code above this seam sees the same values.
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export type SqlValue = string | number | boolean | null | readonly string[] | Record<string, unknown>;

export interface Sql {
  /** Runs one parameterised statement ($1, $2, ...) and returns its rows. */
  query<T extends Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface SqlClient extends Sql {
  /** "pglite" or "postgres", for readiness reports and logs. */
  readonly kind: "pglite" | "postgres";
  close(): Promise<void>;
}

const INT8 = 20;
const TIMESTAMPTZ = 1184;
const toIso = (v: string) => new Date(v.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00")).toISOString();

/** PGlite in-process; `dataDir` persists to a folder, omitted keeps it in memory. */
export async function openPglite(dataDir?: string): Promise<SqlClient> {
  const db = await PGlite.create(dataDir, {
    parsers: { [INT8]: (v: string) => Number(v), [TIMESTAMPTZ]: toIso },
  });
  const wrap = (q: {
    query: <T>(sql: string, params?: unknown[]) => Promise<{ rows: T[] }>;
  }): Sql["query"] => {
    return async <T>(sql: string, params: readonly SqlValue[] = []) =>
      (await q.query<T>(sql, params.map(encode))).rows;
  };
  let queue: Promise<unknown> = Promise.resolve();
  const client: SqlClient = {
    kind: "pglite",
    query: wrap(db),
    // PGlite has one connection: transactions are serialised so two requests never interleave.
    transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
      const run = queue.then(() =>
        db.transaction((tx) => {
          const inner: Sql = {
            query: wrap(tx),
            transaction: (w) => w(inner),
            exec: async (script) => {
              await tx.exec(script);
            },
          };
          return work(inner);
        }),
      );
      queue = run.catch(() => undefined);
      return run;
    },
    async exec(script) {
      await db.exec(script);
    },
    async close() {
      await queue;
      await db.close();
    },
  };
  return client;
}

/** A PostgreSQL server given by a connection string (postgres://user:pass@host:port/db). */
export async function openPostgres(
  connectionString: string,
  options: { max?: number } = {},
): Promise<SqlClient> {
  const types = {
    getTypeParser(oid: number, format?: string) {
      if (oid === INT8) return (v: string) => Number(v);
      if (oid === TIMESTAMPTZ) return toIso;
      return pg.types.getTypeParser(oid, format as "text");
    },
  };
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types });
  // Fail at open, not at the first request, if the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const run =
    (q: pg.Pool | pg.PoolClient): Sql["query"] =>
    async <T>(sql: string, params: readonly SqlValue[] = []) =>
      (await q.query(sql, params.map(encode))).rows as T[];
  return {
    kind: "postgres",
    query: run(pool),
    async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
      const conn = await pool.connect();
      try {
        await conn.query("BEGIN");
        const inner: Sql = {
          query: run(conn),
          transaction: (w) => w(inner),
          exec: async (script) => {
            await conn.query(script);
          },
        };
        const result = await work(inner);
        await conn.query("COMMIT");
        return result;
      } catch (error) {
        await conn.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        conn.release();
      }
    },
    async exec(script) {
      await pool.query(script);
    },
    async close() {
      await pool.end();
    },
  };
}

/** Objects and arrays go over the wire as JSON text (for jsonb columns). */
function encode(v: SqlValue): unknown {
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  return v;
}
