// Opening application state: PGlite in a folder (embedded default) or a PostgreSQL server
// (production), migrated to the current schema either way. An embedded folder has one owner
// (state-lock.ts) and is owner-only on disk; the audit trail gets its key and checkpoint file.
import { existsSync, readdirSync } from "node:fs";
import { type AuditSettings, attachAudit, sealAuditTrail } from "./audit.ts";
import { ephemeralAuditKey } from "./audit-key.ts";
import { migrate } from "./migrate.ts";
import { privateDir, tightenTree } from "./private-files.ts";
import { openPglite, openPostgres, type SqlClient } from "./sql.ts";
import { lockStateDir, StateInUseError } from "./state-lock.ts";

export type StateLocation =
  | { readonly kind: "pglite"; readonly dir?: string }
  | { readonly kind: "postgres"; readonly url: string };

export class StateOpenError extends Error {
  constructor(where: string, cause: unknown, advice?: string) {
    const detail = (cause as { code?: string })?.code;
    super(
      `cannot open application state at ${where}${detail ? ` (${detail})` : ""}: ${
        advice ??
        "check that the PostgreSQL server is running and the connection string is right, or omit --database-url to use the embedded PGlite state"
      }`,
      { cause },
    );
    this.name = "StateOpenError";
  }
}

export interface OpenStateOptions {
  /**
   * The audit key and checkpoint file. In-memory state gets a key of its own (the trail
   * lives as long as the process); persistent state opened without one can read the trail
   * but not write to it.
   */
  readonly audit?: AuditSettings;
  /** Seal a trail written before the audit key existed (default true; `bevan audit verify` says false). */
  readonly seal?: boolean;
  /** Who is opening an embedded folder, for the message a second opener gets (e.g. "bevan serve"). */
  readonly owner?: string;
  /** Migrate only up to this version (restoring a backup taken at an older schema). */
  readonly migrateUntil?: number;
}

export async function openState(location: StateLocation, options: OpenStateOptions = {}): Promise<SqlClient> {
  const db =
    location.kind === "pglite" ? await openFolder(location.dir, options) : await openServer(location.url);
  try {
    await migrate(db, options.migrateUntil === undefined ? {} : { until: options.migrateUntil });
    const audit =
      options.audit ??
      (location.kind === "pglite" && !location.dir
        ? { key: ephemeralAuditKey(), checkpointFile: null }
        : null);
    if (audit)
      await enableAudit(db, audit, { seal: options.seal !== false && options.migrateUntil === undefined });
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}

/** Gives an open state its audit key and checkpoint file, and seals an unkeyed trail. */
export async function enableAudit(
  db: SqlClient,
  settings: AuditSettings,
  options: { seal?: boolean } = {},
): Promise<void> {
  attachAudit(db, settings);
  if (options.seal !== false) await sealAuditTrail(db);
}

/** The key id of the newest keyed event, or null when no event is keyed. */
export async function trailKeyId(db: SqlClient): Promise<string | null> {
  const rows = await db.query<{ key_id: string | null }>(
    "SELECT key_id FROM audit_events WHERE chain = 'hmac-sha256' ORDER BY seq DESC LIMIT 1",
  );
  return rows[0]?.key_id ?? null;
}

async function openServer(url: string): Promise<SqlClient> {
  try {
    return await openPostgres(url);
  } catch (error) {
    throw new StateOpenError(redactUrl(url), error);
  }
}

async function openFolder(dir: string | undefined, options: OpenStateOptions): Promise<SqlClient> {
  if (!dir) return openPglite();
  const fresh = !existsSync(dir) || readdirSync(dir).length === 0;
  privateDir(dir);
  const lock = lockStateDir(
    dir,
    options.owner ?? `bevan (${process.argv.slice(2, 4).join(" ") || "library"})`,
  );
  let db: SqlClient;
  try {
    db = await openPglite(dir);
  } catch (error) {
    lock.release();
    if (error instanceof StateInUseError) throw error;
    throw new StateOpenError(
      `the folder ${dir}`,
      error,
      fresh
        ? "PGlite could not create its database there: check the folder is writable and the disk has space"
        : "its database files cannot be read (damaged, or written by another program): " +
            `restore a backup with \`bevan state restore FILE --state ${dir}\` (the damaged folder is moved aside, not deleted), or move the folder aside to start afresh`,
    );
  }
  tightenTree(dir);
  const close = db.close.bind(db);
  return Object.assign(db, {
    async close() {
      try {
        await close();
        tightenTree(dir);
      } finally {
        lock.release();
      }
    },
  });
}

/** A connection string without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "the given connection string";
  }
}
