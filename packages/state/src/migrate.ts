// One set of migrations for both back ends: numbered SQL files in ../migrations, each
// applied once, in order, in its own transaction.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SqlClient } from "./sql.ts";

const MIGRATIONS_DIR = join(import.meta.dirname, "..", "migrations");

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export function migrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 3)),
      name: f.slice(4, -4),
      sql: readFileSync(join(MIGRATIONS_DIR, f), "utf8"),
    }));
}

/** The newest migration this code knows: the schema version a backup records. */
export function schemaVersion(): number {
  return Math.max(0, ...migrations().map((m) => m.version));
}

/**
 * Applies the migrations not yet applied (up to `until`, when restoring a backup taken at
 * an older schema); returns the versions it applied.
 */
export async function migrate(db: SqlClient, options: { until?: number } = {}): Promise<number[]> {
  await db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
  );
  const applied: number[] = [];
  for (const m of migrations()) {
    if (options.until !== undefined && m.version > options.until) break;
    const done = await db.transaction(async (tx) => {
      // Two servers starting at once on one database apply each migration once.
      await tx.query("SELECT pg_advisory_xact_lock(8008)");
      const rows = await tx.query("SELECT 1 FROM schema_migrations WHERE version = $1", [m.version]);
      if (rows.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
