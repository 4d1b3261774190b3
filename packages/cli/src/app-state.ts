// Where the server's application state lives: a PostgreSQL server when a connection string
// is given (--database-url or BEVAN_DATABASE_URL), else PGlite in a folder beside the
// warehouse (the embedded default). The audit trail's key and checkpoint file live outside
// the state: BEVAN_AUDIT_KEY (or the key file BEVAN_AUDIT_KEY_FILE) and
// BEVAN_AUDIT_CHECKPOINTS, by default secrets/audit.key and audit/<state>.checkpoints.jsonl beside
// the state folder (the data folder for a PostgreSQL server).
import { basename, dirname, join, resolve } from "node:path";
import {
  AUDIT_KEY_ENV,
  type AuditKey,
  AuditKeyError,
  type AuditSettings,
  enableAudit,
  loadAuditKey,
  openState,
  type SqlClient,
  trailKeyId,
} from "@bevan/state";
import { defaultDataDir, exists } from "./config.ts";

export const STATE_OPTIONS = {
  state: {
    type: "string",
    description:
      "PGlite application-state folder (default: state/ beside the warehouse), or a postgres:// connection string.",
    placeholder: "DIR",
  },
  "database-url": {
    type: "string",
    description: "PostgreSQL connection string for application state (or BEVAN_DATABASE_URL).",
    placeholder: "URL",
  },
} as const;

export function stateDirFor(warehousePath: string): string {
  return join(dirname(resolve(warehousePath)), "state");
}

/** Where a state's audit key and checkpoints are kept by default: beside its folder, never in it. */
export function auditHome(stateDir: string | null): string {
  return stateDir ? dirname(resolve(stateDir)) : defaultDataDir();
}

export interface AppState {
  readonly db: SqlClient;
  /** For messages: the folder, or "PostgreSQL". */
  readonly where: string;
  readonly dir: string | null;
  readonly audit: AuditSettings | null;
}

export interface OpenAppStateOptions {
  /** Who holds an embedded folder, named to a second opener (e.g. "bevan serve on port 8080"). */
  readonly owner?: string;
  /** Whether this command writes audit events (and so needs the key). Default true. */
  readonly audit?: "write" | "read" | "none";
}

/** The connection string the options or environment give, if any. */
export function stateUrl(values: Record<string, string | boolean | undefined>): string | undefined {
  if (typeof values["database-url"] === "string") return values["database-url"];
  if (typeof values.state === "string" && isPostgresUrl(values.state)) return values.state;
  return process.env.BEVAN_DATABASE_URL;
}

/** The embedded state folder the options give (or the one beside the warehouse), if any. */
export function stateDir(
  values: Record<string, string | boolean | undefined>,
  warehousePath?: string,
): string | undefined {
  if (stateUrl(values)) return undefined;
  if (typeof values.state === "string") return resolve(values.state);
  return warehousePath ? stateDirFor(warehousePath) : undefined;
}

export async function openAppState(
  values: Record<string, string | boolean | undefined>,
  warehousePath?: string,
  options: OpenAppStateOptions = {},
): Promise<AppState> {
  const url = stateUrl(values);
  const dir = stateDir(values, warehousePath) ?? null;
  if (!url && !dir) throw new Error("no application state location");
  const mode = options.audit ?? "write";
  const db = url
    ? await openState({ kind: "postgres", url }, { seal: false })
    : await openState(
        { kind: "pglite", dir: dir ?? undefined },
        { seal: false, ...(options.owner ? { owner: options.owner } : {}) },
      );
  try {
    const audit = mode === "none" ? null : await auditSettingsFor(db, dir, url, mode === "write");
    if (audit) await enableAudit(db, audit, { seal: mode === "write" });
    return { db, where: dir ?? "PostgreSQL", dir, audit };
  } catch (error) {
    await db.close();
    throw error;
  }
}

async function auditSettingsFor(
  db: SqlClient,
  dir: string | null,
  url: string | undefined,
  writes: boolean,
): Promise<AuditSettings> {
  const sealedWith = await trailKeyId(db);
  const { keyFile } = auditPaths(dir, url);
  if (!process.env[AUDIT_KEY_ENV] && !exists(keyFile) && sealedWith)
    throw new AuditKeyError(
      `the audit trail is sealed with a key (id ${sealedWith}) that is not here: put it back in ${keyFile} or set ${AUDIT_KEY_ENV}; a new key cannot continue the trail`,
    );
  // The embedded default makes a development key on first use; a server in production is given one.
  return loadAuditSettings(dir, { createDevKey: Boolean(dir) && writes, ...(url ? { url } : {}) });
}

/**
 * The audit key file and checkpoint file for a state folder (or a PostgreSQL server: null).
 * Checkpoints are named after the state they belong to, so that two states beside each other
 * never share a checkpoint file.
 */
export function auditPaths(dir: string | null, url?: string): { keyFile: string; checkpointFile: string } {
  const home = auditHome(dir);
  const name = dir ? basename(dir) : (databaseName(url) ?? "postgres");
  return {
    keyFile: process.env.BEVAN_AUDIT_KEY_FILE ?? join(home, "secrets", "audit.key"),
    checkpointFile: process.env.BEVAN_AUDIT_CHECKPOINTS ?? join(home, "audit", `${name}.checkpoints.jsonl`),
  };
}

function databaseName(url: string | undefined): string | null {
  try {
    const name = url ? decodeURIComponent(new URL(url).pathname.slice(1)) : "";
    return /^[A-Za-z0-9_.-]{1,63}$/.test(name) ? name : null;
  } catch {
    return null;
  }
}

/** The audit key (from BEVAN_AUDIT_KEY or its file) and the checkpoint file for a state. */
export function loadAuditSettings(
  dir: string | null,
  options: { createDevKey: boolean; url?: string },
): AuditSettings {
  const { keyFile, checkpointFile } = auditPaths(dir, options.url);
  let key: AuditKey;
  if (process.env[AUDIT_KEY_ENV] || exists(keyFile)) key = loadAuditKey(keyFile);
  else if (options.createDevKey) key = loadAuditKey(keyFile, { createDevKey: true });
  else
    throw new AuditKeyError(
      `no audit key: set ${AUDIT_KEY_ENV} to 64 hexadecimal characters (or BEVAN_AUDIT_KEY_FILE to a file holding them), kept apart from the state${dir ? `, or put it in ${keyFile}` : ""}`,
    );
  return { key, checkpointFile };
}

/** `--state postgres://…` names a PostgreSQL server, like --database-url. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}
