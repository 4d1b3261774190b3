// The audit log: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and chained
// with a key the state does not hold (audit-chain.ts), with a checkpoint of the head written
// outside the state after every append (audit-checkpoints.ts). `verifyAudit` (audit-verify.ts)
// finds an edited, removed, inserted, reordered or re-chained event, and removed newest
// events, even when whoever did it could rewrite the whole state.
import { type AuditEvent, type AuditInput, eventSeal } from "./audit-chain.ts";
import { headCheckpoint, writeCheckpoint } from "./audit-checkpoints.ts";
import { type AuditKey, AuditKeyError } from "./audit-key.ts";
import type { ScopeGrant } from "./policy.ts";
import type { Sql } from "./sql.ts";

export type { AuditEvent, AuditInput } from "./audit-chain.ts";

/** How a state's audit trail is kept: the key, and where head checkpoints go. */
export interface AuditSettings {
  readonly key: AuditKey;
  /** The append-only checkpoint file (outside the state), or null (in-memory state). */
  readonly checkpointFile: string | null;
}

const trails = new WeakMap<object, AuditSettings>();

/** Gives a state client its audit key and checkpoint file (openState does this). */
export function attachAudit(db: Sql, settings: AuditSettings): void {
  trails.set(db, settings);
}

/** The audit settings of a state client, or null if it was opened without a key. */
export function auditSettings(db: Sql): AuditSettings | null {
  return trails.get(db) ?? null;
}

/** Appends one event; the head row's lock orders concurrent appends. */
export async function appendAudit(db: Sql, input: AuditInput, now: Date = new Date()): Promise<AuditEvent> {
  const settings = auditSettings(db);
  if (!settings)
    throw new AuditKeyError(
      "this application state was opened without an audit key, so it cannot write audit events",
    );
  const event = await db.transaction(async (tx) => {
    const heads = await tx.query<{ seq: number; hash: string }>(
      "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
    );
    const head = heads[0];
    if (!head) throw new Error("audit head row missing");
    const body: Omit<AuditEvent, "hash"> = {
      userId: input.userId,
      username: input.username,
      role: input.role,
      scope: input.scope,
      action: input.action,
      endpoint: input.endpoint,
      params: input.params,
      cohortId: input.cohortId ?? null,
      cohortVersion: input.cohortVersion ?? null,
      rowCount: input.rowCount,
      personIds: input.personIds,
      clientIp: input.clientIp,
      flags: input.flags ?? [],
      seq: head.seq + 1,
      at: now.toISOString(),
      chain: "hmac-sha256",
      keyId: settings.key.id,
      prevHash: head.hash,
    };
    const event: AuditEvent = { ...body, hash: eventSeal(body, settings.key) };
    await tx.query(
      `INSERT INTO audit_events (seq, at, user_id, username, role_code, scope, action, endpoint, params,
         cohort_id, cohort_version, row_count, person_ids, client_ip, flags, chain, key_id, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
      [
        event.seq,
        event.at,
        event.userId,
        event.username,
        event.role,
        { grants: event.scope },
        event.action,
        event.endpoint,
        event.params,
        event.cohortId ?? null,
        event.cohortVersion ?? null,
        event.rowCount,
        { ids: event.personIds },
        event.clientIp,
        { flags: event.flags },
        event.chain,
        event.keyId,
        event.prevHash,
        event.hash,
      ],
    );
    await tx.query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", [event.seq, event.hash]);
    return event;
  });
  // After the commit: a checkpoint never names an event that was rolled back.
  if (settings.checkpointFile)
    writeCheckpoint(settings.checkpointFile, headCheckpoint(settings.key, event, event.at));
  return event;
}

/** The chain's head as recorded in the state. */
export async function auditHead(db: Sql): Promise<{ seq: number; hash: string }> {
  const rows = await db.query<{ seq: number; hash: string }>("SELECT seq, hash FROM audit_head WHERE id = 1");
  return rows[0] ?? { seq: 0, hash: "" };
}

/**
 * Seals a trail written before the audit key existed: if the newest event is unkeyed, an
 * `audit.sealed` event is appended under the key. Its MAC covers the old head, so from now
 * on the old events can no longer be changed unnoticed. Returns whether it sealed.
 */
export async function sealAuditTrail(db: Sql): Promise<boolean> {
  const head = await auditHead(db);
  if (head.seq === 0) return false;
  const last = await db.query<{ chain: string }>("SELECT chain FROM audit_events WHERE seq = $1", [head.seq]);
  if (last[0]?.chain !== "sha256") return false;
  const key = auditSettings(db)?.key;
  await appendAudit(db, {
    userId: null,
    username: "system",
    role: null,
    scope: [],
    action: "audit.sealed",
    endpoint: "state open",
    params: { unkeyedEvents: head.seq, unkeyedHead: head.hash, keyId: key?.id ?? null },
    rowCount: 0,
    personIds: [],
    clientIp: null,
  });
  return true;
}

/** Kinds of event the console filters by, as conditions on the action. */
export const AUDIT_KIND_ACTIONS = {
  /** Patient-level reads: lists, records, cohort members, cohort answers about fewer than 8 people. */
  patient: "(starts_with(action, 'patient.') OR action IN ('cohort.members', 'cohort.count-small'))",
  "sign-in": "starts_with(action, 'auth.')",
  /** Users, roles, scopes, access requests and break-glass grants. */
  administration: "(starts_with(action, 'user.') OR starts_with(action, 'access.'))",
  /** Saved cohort definitions and their sharing. */
  cohort: "action IN ('cohort.create', 'cohort.version', 'cohort.share')",
  system: "(starts_with(action, 'audit.') OR starts_with(action, 'state.'))",
} as const;
export type AuditKind = keyof typeof AUDIT_KIND_ACTIONS;

export interface AuditQuery {
  readonly kind?: AuditKind;
  readonly userId?: string;
  /** Who: a username (exact). */
  readonly username?: string;
  /** What: an action, or an action family ending in `.` (e.g. `user.`). */
  readonly action?: string;
  readonly personId?: string;
  readonly cohortId?: string;
  /** Only events carrying this flag (e.g. `break-glass`). */
  readonly flag?: string;
  readonly from?: string;
  readonly to?: string;
  readonly afterSeq?: number;
  readonly beforeSeq?: number;
  /** Newest first (the console's order); oldest first by default. */
  readonly newestFirst?: boolean;
  readonly limit?: number;
}

export async function queryAudit(db: Sql, q: AuditQuery = {}): Promise<AuditEvent[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, value: string | number) => {
    params.push(value);
    where.push(clause.replace("?", `$${params.length}`));
  };
  if (q.kind) where.push(AUDIT_KIND_ACTIONS[q.kind]);
  if (q.userId) add("user_id = ?", q.userId);
  if (q.username) add("username = ?", q.username);
  if (q.action?.endsWith(".")) add("starts_with(action, ?)", q.action);
  else if (q.action) add("action = ?", q.action);
  if (q.personId) add("person_ids @> ?::jsonb", JSON.stringify({ ids: [q.personId] }));
  if (q.cohortId) add("cohort_id = ?", q.cohortId);
  if (q.flag) add("flags @> ?::jsonb", JSON.stringify({ flags: [q.flag] }));
  if (q.from) add("at >= ?", q.from);
  if (q.to) add("at < ?", q.to);
  if (q.afterSeq !== undefined) add("seq > ?", q.afterSeq);
  if (q.beforeSeq !== undefined) add("seq < ?", q.beforeSeq);
  params.push(Math.min(q.limit ?? 100, 1000));
  const rows = await db.query<AuditRow>(
    `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY seq ${q.newestFirst ? "DESC" : ""} LIMIT $${params.length}`,
    params,
  );
  return rows.map(fromRow);
}

export interface AuditRow extends Record<string, unknown> {
  seq: number;
  at: string;
  user_id: string | null;
  username: string | null;
  role_code: string | null;
  scope: { grants: ScopeGrant[] };
  action: string;
  endpoint: string;
  params: Record<string, unknown>;
  cohort_id: string | null;
  cohort_version: number | null;
  row_count: number;
  person_ids: { ids: string[] };
  client_ip: string | null;
  flags: { flags: string[] };
  chain: "sha256" | "hmac-sha256";
  key_id: string | null;
  prev_hash: string;
  hash: string;
}

export function fromRow(r: AuditRow): AuditEvent {
  return {
    seq: r.seq,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    role: r.role_code,
    scope: r.scope.grants,
    action: r.action,
    endpoint: r.endpoint,
    params: r.params,
    cohortId: r.cohort_id,
    cohortVersion: r.cohort_version,
    rowCount: r.row_count,
    personIds: r.person_ids.ids,
    clientIp: r.client_ip,
    flags: r.flags?.flags ?? [],
    chain: r.chain,
    keyId: r.key_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
