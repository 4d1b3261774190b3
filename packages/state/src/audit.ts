// The audit log: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and
// hash-chained, so that a row changed or removed behind the trigger's back is detected:
// each event's hash covers its content and the previous event's hash.
import { createHash } from "node:crypto";
import type { ScopeGrant } from "./policy.ts";
import type { Sql } from "./sql.ts";

export interface AuditInput {
  readonly userId: string | null;
  readonly username: string | null;
  readonly role: string | null;
  readonly scope: readonly ScopeGrant[];
  /** What kind of access, e.g. "patient.list", "patient.read", "cohort.members". */
  readonly action: string;
  /** The route and the parameters asked for. */
  readonly endpoint: string;
  readonly params: Record<string, unknown>;
  readonly cohortId?: string | null;
  readonly cohortVersion?: number | null;
  readonly rowCount: number;
  /** Pseudonymous ids of the persons whose records were returned. */
  readonly personIds: readonly string[];
  readonly clientIp: string | null;
}

export interface AuditEvent extends AuditInput {
  readonly seq: number;
  readonly at: string;
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = "0".repeat(64);

/** Appends one event; the head row's lock orders concurrent appends. */
export async function appendAudit(db: Sql, input: AuditInput, now: Date = new Date()): Promise<AuditEvent> {
  return db.transaction(async (tx) => {
    const heads = await tx.query<{ seq: number; hash: string }>(
      "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
    );
    const head = heads[0];
    if (!head) throw new Error("audit head row missing");
    const body = {
      ...input,
      cohortId: input.cohortId ?? null,
      cohortVersion: input.cohortVersion ?? null,
      seq: head.seq + 1,
      at: now.toISOString(),
      prevHash: head.hash,
    };
    const event: AuditEvent = { ...body, hash: eventHash(body) };
    await tx.query(
      `INSERT INTO audit_events (seq, at, user_id, username, role_code, scope, action, endpoint, params,
         cohort_id, cohort_version, row_count, person_ids, client_ip, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
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
        event.prevHash,
        event.hash,
      ],
    );
    await tx.query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", [event.seq, event.hash]);
    return event;
  });
}

export interface AuditQuery {
  readonly userId?: string;
  readonly action?: string;
  readonly personId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly afterSeq?: number;
  readonly limit?: number;
}

export async function queryAudit(db: Sql, q: AuditQuery = {}): Promise<AuditEvent[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, value: string | number) => {
    params.push(value);
    where.push(clause.replace("?", `$${params.length}`));
  };
  if (q.userId) add("user_id = ?", q.userId);
  if (q.action) add("action = ?", q.action);
  if (q.personId) add("person_ids @> ?::jsonb", JSON.stringify({ ids: [q.personId] }));
  if (q.from) add("at >= ?", q.from);
  if (q.to) add("at < ?", q.to);
  if (q.afterSeq !== undefined) add("seq > ?", q.afterSeq);
  params.push(Math.min(q.limit ?? 100, 1000));
  const rows = await db.query<AuditRow>(
    `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq LIMIT $${params.length}`,
    params,
  );
  return rows.map(fromRow);
}

export type AuditVerification =
  | { readonly ok: true; readonly events: number; readonly headHash: string }
  | { readonly ok: false; readonly events: number; readonly brokenAt: number; readonly reason: string };

/** Walks the chain from the first event; reports the first event whose link is broken. */
export async function verifyAudit(db: Sql): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let events = 0;
  const PAGE = 5000;
  for (;;) {
    const rows = await db.query<AuditRow>(
      "SELECT * FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2",
      [expectedSeq, PAGE],
    );
    for (const row of rows) {
      const e = fromRow(row);
      if (e.seq !== expectedSeq)
        return { ok: false, events, brokenAt: expectedSeq, reason: `event ${expectedSeq} is missing` };
      if (e.prevHash !== prev)
        return {
          ok: false,
          events,
          brokenAt: e.seq,
          reason: "its previous-hash does not match the event before it",
        };
      const { hash, ...body } = e;
      if (eventHash(body) !== hash)
        return {
          ok: false,
          events,
          brokenAt: e.seq,
          reason: "its content does not match its hash (altered)",
        };
      prev = hash;
      expectedSeq++;
      events++;
    }
    if (rows.length < PAGE) break;
  }
  const head = (
    await db.query<{ seq: number; hash: string }>("SELECT seq, hash FROM audit_head WHERE id = 1")
  )[0];
  if (!head || head.seq !== events || head.hash !== prev)
    return {
      ok: false,
      events,
      brokenAt: events + 1,
      reason: `the chain head records ${head?.seq ?? 0} events but ${events} are present (events removed from the end)`,
    };
  return { ok: true, events, headHash: prev };
}

interface AuditRow extends Record<string, unknown> {
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
  prev_hash: string;
  hash: string;
}

function fromRow(r: AuditRow): AuditEvent {
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
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** SHA-256 over a canonical JSON of every field (keys sorted), so storage order is irrelevant. */
export function eventHash(body: Omit<AuditEvent, "hash">): string {
  const fields = {
    seq: body.seq,
    at: body.at,
    userId: body.userId,
    username: body.username,
    role: body.role,
    scope: body.scope,
    action: body.action,
    endpoint: body.endpoint,
    params: body.params,
    cohortId: body.cohortId ?? null,
    cohortVersion: body.cohortVersion ?? null,
    rowCount: body.rowCount,
    personIds: body.personIds,
    clientIp: body.clientIp,
    prevHash: body.prevHash,
  };
  return createHash("sha256").update(canonicalJson(fields)).digest("hex");
}

export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(",")}}`;
}
