// `bevan state status|backup|restore`: the application state (users, roles and scopes, saved
// cohorts, the audit trail) as a whole: where it is and who holds it, a backup sealed with
// the audit key, and a restore into a new folder or an empty PostgreSQL database (which is
// also how the embedded state moves to a server).
import { existsSync, readdirSync, renameSync } from "node:fs";
import { userInfo } from "node:os";
import {
  appendAudit,
  backupState,
  enableAudit,
  lockFileFor,
  lockStateDir,
  migrate,
  openState,
  readBackup,
  recordRestore,
  restoreState,
  type SqlClient,
  schemaVersion,
  verifyAudit,
} from "@bevan/state";
import { loadAuditSettings, openAppState, STATE_OPTIONS, stateDir, stateUrl } from "../app-state.ts";
import type { Command } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";

const ACTIONS = ["status", "backup", "restore"] as const;

export const stateCommand: Command = {
  name: "state",
  summary: "Application state: where it is and who holds it (status), backup to a sealed file, restore.",
  usage:
    "bevan state status|backup|restore [FILE] (--db FILE | --state DIR | --database-url URL) [--out FILE] [--json]",
  options: {
    db: {
      type: "string",
      description: "Warehouse file whose state/ folder holds the application state.",
      placeholder: "FILE",
    },
    ...STATE_OPTIONS,
    out: { type: "string", description: "Where to write the backup (backup).", placeholder: "FILE" },
    json: { type: "boolean", description: "Print JSON." },
  },
  examples: [
    "bevan state status --db data/warehouse.duckdb",
    "bevan state backup --db data/warehouse.duckdb --out backups/state-2026-12-07.bevan-state.gz",
    "bevan state restore backups/state-2026-12-07.bevan-state.gz --db data/warehouse.duckdb",
    "BEVAN_AUDIT_KEY=… bevan state restore backups/state.bevan-state.gz --database-url postgres://bevan@db/bevan",
  ],
  async run(values, positionals) {
    const action = positionals[0] as (typeof ACTIONS)[number] | undefined;
    if (!action || !(ACTIONS as readonly string[]).includes(action))
      throw new UsageError(`say what to do: \`bevan state ${ACTIONS.join("|")}\` (see --help)`);
    if (!values.db && !values.state && !values["database-url"] && !process.env.BEVAN_DATABASE_URL)
      throw new UsageError("say where the state is: --db FILE, --state DIR or --database-url URL");
    const db = typeof values.db === "string" ? values.db : undefined;
    const dir = stateDir(values, db) ?? null;
    const say = (text: string, json: unknown) =>
      process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
    if (action === "restore") return restore(values, positionals[1], dir, say);
    if (dir && !exists(dir))
      throw new UsageError(`no application state at ${dir}: it is created when \`bevan serve\` first runs`);
    if (action === "backup") {
      const out = typeof values.out === "string" ? values.out : undefined;
      if (!out) throw new UsageError("say where to write the backup: --out FILE");
      if (existsSync(out)) throw new UsageError(`${out} exists already: choose a new file for the backup`);
      const state = await openAppState(values, db, { owner: "bevan state backup" });
      try {
        if (!state.audit) throw new Error("no audit settings");
        // The backup copies the audit trail (who read which patients): that is itself audited.
        await recordCli(state.db, "state.backup", { out });
        const summary = await backupState(state.db, state.audit, out);
        say(
          `backed up ${state.where} to ${out}: ${summary.auditEvents} audit events, ${summary.rows.users ?? 0} users, ${summary.rows.saved_cohorts ?? 0} saved cohorts (schema ${summary.schemaVersion}); sealed with audit key ${state.audit.key.id}`,
          summary,
        );
        return 0;
      } finally {
        await state.db.close();
      }
    }
    const state = await openAppState(values, db, { owner: "bevan state status", audit: "read" });
    try {
      const counts = await state.db.query<{
        users: number;
        cohorts: number;
        events: number;
        version: number;
      }>(
        `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM saved_cohorts)::int AS cohorts,
                (SELECT seq FROM audit_head WHERE id = 1) AS events, (SELECT max(version) FROM schema_migrations) AS version`,
      );
      const c = counts[0];
      const verify = await verifyAudit(state.db);
      const status = {
        where: state.where,
        backend: state.db.kind,
        lockFile: state.dir ? lockFileFor(state.dir) : null,
        schemaVersion: c?.version ?? 0,
        users: c?.users ?? 0,
        savedCohorts: c?.cohorts ?? 0,
        auditEvents: c?.events ?? 0,
        auditKey: state.audit ? { id: state.audit.key.id, source: state.audit.key.source } : null,
        checkpointFile: state.audit?.checkpointFile ?? null,
        auditTrail: verify.ok ? "verifies" : `BROKEN at event ${verify.brokenAt}: ${verify.reason}`,
      };
      say(
        [
          `application state: ${status.where} (${status.backend}, schema ${status.schemaVersion})`,
          `  ${status.users} users, ${status.savedCohorts} saved cohorts, ${status.auditEvents} audit events`,
          `  audit key ${status.auditKey?.id ?? "-"} from ${status.auditKey?.source ?? "-"}; checkpoints in ${status.checkpointFile ?? "-"}`,
          `  audit trail ${status.auditTrail}`,
        ].join("\n"),
        status,
      );
      return verify.ok ? 0 : 1;
    } finally {
      await state.db.close();
    }
  },
};

async function restore(
  values: Record<string, string | boolean | undefined>,
  file: string | undefined,
  dir: string | null,
  say: (text: string, json: unknown) => void,
): Promise<number> {
  if (!file) throw new UsageError("say which backup to restore: `bevan state restore FILE`");
  if (!existsSync(file)) throw new UsageError(`no backup at ${file}`);
  // The backup must carry this key's seal before anything is touched.
  const url = stateUrl(values);
  const audit = loadAuditSettings(dir, { createDevKey: false, ...(url ? { url } : {}) });
  const header = await readBackup(file, audit);
  if (header.schemaVersion > schemaVersion())
    throw new UsageError(
      `${file} was made by a newer Bevan (schema ${header.schemaVersion}; this one knows ${schemaVersion()}): update Bevan first`,
    );
  let replaced: string | null = null;
  if (dir && existsSync(dir) && readdirSync(dir).length > 0) {
    // The folder's owner (a running server) keeps it: the lock says so. Otherwise it is kept, moved aside.
    const lock = lockStateDir(dir, "bevan state restore");
    try {
      replaced = `${dir}.replaced-${new Date().toISOString().replace(/[:.]/g, "").slice(0, 17)}`;
      renameSync(dir, replaced);
    } finally {
      lock.release();
    }
  }
  const db = url
    ? await openState({ kind: "postgres", url }, { migrateUntil: header.schemaVersion })
    : await openState(
        { kind: "pglite", dir: dir ?? undefined },
        { migrateUntil: header.schemaVersion, owner: "bevan state restore" },
      );
  try {
    await restoreState(db, audit, file);
    await migrate(db);
    await enableAudit(db, audit);
    await recordRestore(db, header, file, `cli:${userInfo().username}`);
    say(
      `restored ${file} (made ${header.createdAt}, ${header.audit.seq} audit events) into ${dir ?? "PostgreSQL"}` +
        (replaced ? `; the folder that was there is kept at ${replaced}` : "") +
        "; everyone signs in again",
      { restored: file, into: dir ?? "postgres", replaced, header },
    );
    return 0;
  } finally {
    await db.close();
  }
}

async function recordCli(db: SqlClient, action: string, params: Record<string, unknown>) {
  await appendAudit(db, {
    userId: null,
    username: `cli:${userInfo().username}`,
    role: null,
    scope: [],
    action,
    endpoint: `cli bevan ${action.replace(".", " ")}`,
    params,
    rowCount: 0,
    personIds: [],
    clientIp: null,
  });
}
