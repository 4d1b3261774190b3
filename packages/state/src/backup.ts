// Backing up and restoring application state, the same for PGlite and a PostgreSQL server
// (so a backup of the embedded folder is also how state moves to a server). A backup is
// gzipped JSON lines: a header (schema version, audit head), one line per row of every
// application table (sessions and sign-in flows excepted: they are not worth restoring),
// and a last line with an HMAC of everything before it under the audit key, so an edited
// backup (a row changed, the newest audit events cut off) is refused before anything is
// written. Rows travel as PostgreSQL's own JSON (row_to_json / json_populate_record), so
// every column type round-trips without code that knows the tables.
import { createHmac, timingSafeEqual } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import { type AuditSettings, appendAudit, auditHead } from "./audit.ts";
import { readCheckpointFile, restoreMark, writeCheckpoint } from "./audit-checkpoints.ts";
import { verifyAudit } from "./audit-verify.ts";
import { schemaVersion } from "./migrate.ts";
import { ensureDir, PRIVATE_FILE } from "./private-files.ts";
import type { Sql, SqlClient } from "./sql.ts";

const FORMAT = "bevan-state-backup";
/** Tables not worth restoring: sessions end with a restore, sign-in flows last ten minutes. */
const SKIPPED = new Set(["schema_migrations", "sessions", "oidc_flows"]);
const PAGE = 5000;

export interface BackupHeader {
  readonly format: typeof FORMAT;
  readonly version: 1;
  readonly schemaVersion: number;
  readonly createdAt: string;
  readonly tables: readonly string[];
  readonly audit: { readonly seq: number; readonly hash: string; readonly keyId: string };
}

export interface BackupSummary {
  readonly file: string;
  readonly schemaVersion: number;
  readonly createdAt: string;
  readonly rows: Readonly<Record<string, number>>;
  readonly auditEvents: number;
}

/** A backup that cannot be restored: says why. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/** Writes every application table to `file` (0600), sealed with the audit key. */
export async function backupState(db: SqlClient, audit: AuditSettings, file: string): Promise<BackupSummary> {
  const tables = await tablesInOrder(db);
  const version = await appliedVersion(db);
  const head = await auditHead(db);
  const header: BackupHeader = {
    format: FORMAT,
    version: 1,
    schemaVersion: version,
    createdAt: new Date().toISOString(),
    tables,
    audit: { ...head, keyId: audit.key.id },
  };
  ensureDir(dirname(file));
  const gzip = createGzip();
  const out = createWriteStream(file, { mode: PRIVATE_FILE });
  gzip.pipe(out);
  const mac = createHmac("sha256", audit.key.key);
  const write = async (line: string) => {
    mac.update(line);
    if (!gzip.write(line)) await once(gzip, "drain");
  };
  await write(`${JSON.stringify(header)}\n`);
  const rows: Record<string, number> = {};
  for (const table of tables) {
    rows[table] = 0;
    for await (const row of readTable(db, table, head)) {
      await write(`${JSON.stringify({ table, row })}\n`);
      rows[table]++;
    }
  }
  gzip.end(`${JSON.stringify({ end: true, mac: mac.digest("hex") })}\n`);
  await once(out, "close");
  return {
    file,
    schemaVersion: version,
    createdAt: header.createdAt,
    rows,
    auditEvents: rows.audit_events ?? 0,
  };
}

/** Reads a backup's header and checks its seal under the key; nothing is written. */
export async function readBackup(
  file: string,
  audit: AuditSettings,
  onRow?: (table: string, row: Record<string, unknown>) => Promise<void>,
): Promise<BackupHeader> {
  const mac = createHmac("sha256", audit.key.key);
  let header: BackupHeader | null = null;
  let sealed: string | null = null;
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (sealed !== null) throw new BackupError(`${file} goes on after its seal: it was edited`);
      const value = JSON.parse(line) as Record<string, unknown>;
      if (header === null) {
        if (value.format !== FORMAT || value.version !== 1)
          throw new BackupError(`${file} is not a Bevan state backup (made by \`bevan state backup\`)`);
        header = value as unknown as BackupHeader;
      } else if (value.end === true) {
        sealed = String(value.mac);
        continue;
      } else if (onRow) await onRow(String(value.table), value.row as Record<string, unknown>);
      mac.update(`${line}\n`);
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `${file} cannot be read as a Bevan state backup (${(error as Error).message.slice(0, 80)})`,
    );
  }
  if (!header) throw new BackupError(`${file} is empty`);
  if (header.audit.keyId !== audit.key.id)
    throw new BackupError(
      `${file} was sealed with another audit key (id ${header.audit.keyId}) than this one (id ${audit.key.id}): restore it with the key it was made with`,
    );
  const expected = Buffer.from(mac.digest("hex"), "hex");
  const given = Buffer.from(sealed ?? "", "hex");
  if (sealed === null || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new BackupError(
      `${file} does not match its seal: it was cut short or edited, so it is not restored`,
    );
  return header;
}

/**
 * Restores a backup into `db`, an empty state migrated to the backup's schema version (the
 * caller then migrates the rest). Checks the seal first, writes everything in one
 * transaction, checks the restored audit chain, and records the restore: a restore mark in
 * the checkpoint file (the events after the backup are given up, on the record) and a
 * `state.restored` event.
 */
export async function restoreState(db: SqlClient, audit: AuditSettings, file: string): Promise<BackupHeader> {
  const header = await readBackup(file, audit);
  if (header.schemaVersion > schemaVersion())
    throw new BackupError(
      `${file} was made by a newer Bevan (schema ${header.schemaVersion}, this one knows ${schemaVersion()}): update Bevan first`,
    );
  const at = await appliedVersion(db);
  if (at !== header.schemaVersion)
    throw new BackupError(
      `the target is already at schema ${at}, the backup at ${header.schemaVersion}: restore into a new, empty database or folder`,
    );
  const present = await db.query<{ n: number }>(
    "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM audit_events) AS n",
  );
  if (Number(present[0]?.n) > 0)
    throw new BackupError("the target already holds users or audit events: restore into an empty state");
  await db.transaction(async (tx) => {
    const tables = await tablesInOrder(tx);
    // Rows the migrations seeded (roles, the audit head, …) give way to the backup's.
    for (const table of [...tables].reverse())
      if (table !== "audit_events" && header.tables.includes(table))
        await tx.query(`DELETE FROM ${ident(table)}`);
    await readBackup(file, audit, async (table, row) => {
      if (!tables.includes(table))
        throw new BackupError(`${file} holds a table this state does not have: ${table}`);
      await tx.query(
        `INSERT INTO ${ident(table)} SELECT * FROM json_populate_record(NULL::${ident(table)}, $1::json)`,
        [row],
      );
    });
    await advanceSequences(tx);
  });
  const chain = await verifyAudit(db, { key: audit.key, checkpointFile: null });
  if (!chain.ok)
    throw new BackupError(
      `the audit trail in ${file} does not verify (event ${chain.brokenAt}: ${chain.reason})`,
    );
  if (audit.checkpointFile) {
    const known = readCheckpointFile(audit.checkpointFile, audit.key) ?? [];
    const fromSeq = Math.max(header.audit.seq, ...known.filter((c) => c.macOk).map((c) => c.entry?.seq ?? 0));
    writeCheckpoint(
      audit.checkpointFile,
      restoreMark(
        audit.key,
        { seq: header.audit.seq, hash: header.audit.hash },
        fromSeq,
        new Date().toISOString(),
      ),
    );
  }
  return header;
}

/** The `state.restored` event, once the restored state is migrated and its key attached. */
export async function recordRestore(db: Sql, header: BackupHeader, file: string, by: string): Promise<void> {
  await appendAudit(db, {
    userId: null,
    username: by,
    role: null,
    scope: [],
    action: "state.restored",
    endpoint: "cli bevan state restore",
    params: { backup: file, backupCreatedAt: header.createdAt, backupAuditHead: header.audit.seq },
    rowCount: 0,
    personIds: [],
    clientIp: null,
  });
}

async function appliedVersion(db: Sql): Promise<number> {
  const rows = await db.query<{ v: number | null }>("SELECT max(version) AS v FROM schema_migrations");
  return Number(rows[0]?.v ?? 0);
}

/** Application tables, parents before the tables whose foreign keys point at them. */
async function tablesInOrder(db: Sql): Promise<string[]> {
  const tables = (
    await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
    )
  )
    .map((r) => r.name)
    .filter((t) => !SKIPPED.has(t));
  const edges = await db.query<{ child: string; parent: string }>(
    `SELECT cl.relname AS child, pl.relname AS parent FROM pg_constraint con
     JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_class pl ON pl.oid = con.confrelid
     WHERE con.contype = 'f'`,
  );
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const e of edges)
      if (e.child === t && e.parent !== t && tables.includes(e.parent)) visit(e.parent, path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

/**
 * A table's rows as JSON; the audit log in sequence order up to the head read at the start,
 * and that head (a server may append while a backup of PostgreSQL runs).
 */
async function* readTable(
  db: Sql,
  table: string,
  head: { seq: number; hash: string },
): AsyncGenerator<Record<string, unknown>> {
  if (table === "audit_head") {
    yield { id: 1, seq: head.seq, hash: head.hash };
    return;
  }
  const headSeq = head.seq;
  if (table === "audit_events") {
    for (let after = 0; ; ) {
      const rows = await db.query<{ j: Record<string, unknown>; seq: number }>(
        "SELECT row_to_json(t) AS j, t.seq FROM audit_events t WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3",
        [after, headSeq, PAGE],
      );
      for (const r of rows) yield r.j;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]?.seq ?? after;
    }
  }
  for (const r of await db.query<{ j: Record<string, unknown> }>(
    `SELECT row_to_json(t) AS j FROM ${ident(table)} t`,
  ))
    yield r.j;
}

/** Serial and identity columns continue after the restored rows. */
async function advanceSequences(db: Sql): Promise<void> {
  const cols = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')`,
  );
  for (const c of cols)
    await db.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(${ident(c.column_name)}), 1), max(${ident(c.column_name)}) IS NOT NULL) FROM ${ident(c.table_name)}`,
      [c.table_name, c.column_name],
    );
}

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected table or column name: ${name}`);
  return `"${name}"`;
}
