// The aggregate-query log and disclosure alerts (migration 010): what the query budget
// charges and what administrators review. Fingerprints and counts only, never person ids.
import type { Sql } from "./sql.ts";

export type AggregateQueryKind = "preview" | "count" | "timeline";
export type AggregateQueryOutcome = "answered" | "refused-budget" | "refused-difference";

export interface AggregateQueryEntry {
  readonly userId: string;
  readonly role: string;
  readonly kind: AggregateQueryKind;
  readonly definitionFingerprint: string;
  readonly sizeBand: string;
  readonly cells: number;
  readonly outcome: AggregateQueryOutcome;
  readonly nearest: number | null;
}

export interface AggregateQueryRow extends AggregateQueryEntry {
  readonly id: number;
  readonly at: string;
}

export async function logAggregateQuery(
  db: Sql,
  e: AggregateQueryEntry,
  now: Date = new Date(),
): Promise<void> {
  await db.query(
    `INSERT INTO aggregate_queries (at, user_id, role_code, kind, definition_fingerprint, size_band, cells, outcome, nearest)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      now.toISOString(),
      e.userId,
      e.role,
      e.kind,
      e.definitionFingerprint,
      e.sizeBand,
      e.cells,
      e.outcome,
      e.nearest,
    ],
  );
}

/** Cells answered for a user since a time (the budget's rolling window). */
export async function cellsAnsweredSince(db: Sql, userId: string, since: Date): Promise<number> {
  const [row] = await db.query<{ n: number | null }>(
    "SELECT sum(cells)::bigint AS n FROM aggregate_queries WHERE user_id = $1 AND at > $2 AND outcome = 'answered'",
    [userId, since.toISOString()],
  );
  return Number(row?.n ?? 0);
}

export async function listAggregateQueries(
  db: Sql,
  q: { userId?: string; limit?: number } = {},
): Promise<AggregateQueryRow[]> {
  const rows = await db.query<{
    id: number;
    at: string;
    user_id: string;
    role_code: string;
    kind: AggregateQueryKind;
    definition_fingerprint: string;
    size_band: string;
    cells: number;
    outcome: AggregateQueryOutcome;
    nearest: number | null;
  }>(
    `SELECT id, at, user_id, role_code, kind, definition_fingerprint, size_band, cells, outcome, nearest
     FROM aggregate_queries WHERE ($1::text IS NULL OR user_id = $1) ORDER BY id DESC LIMIT $2`,
    [q.userId ?? null, Math.min(Math.max(q.limit ?? 100, 1), 1000)],
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    role: r.role_code,
    kind: r.kind,
    definitionFingerprint: r.definition_fingerprint,
    sizeBand: r.size_band,
    cells: r.cells,
    outcome: r.outcome,
    nearest: r.nearest,
  }));
}

export type DisclosureAlertKind = "differencing" | "overlap" | "budget";

export interface DisclosureAlert {
  readonly id: number;
  readonly at: string;
  readonly userId: string;
  readonly kind: DisclosureAlertKind;
  readonly detail: string;
}

export async function raiseDisclosureAlert(
  db: Sql,
  a: { userId: string; kind: DisclosureAlertKind; detail: string },
  now: Date = new Date(),
): Promise<void> {
  await db.query("INSERT INTO disclosure_alerts (at, user_id, kind, detail) VALUES ($1, $2, $3, $4)", [
    now.toISOString(),
    a.userId,
    a.kind,
    a.detail,
  ]);
}

/** Whether a user already has an alert of this kind since a time (one alert per pattern per window). */
export async function alertedSince(
  db: Sql,
  userId: string,
  kind: DisclosureAlertKind,
  since: Date,
): Promise<boolean> {
  const rows = await db.query(
    "SELECT 1 FROM disclosure_alerts WHERE user_id = $1 AND kind = $2 AND at > $3 LIMIT 1",
    [userId, kind, since.toISOString()],
  );
  return rows.length > 0;
}

export async function listDisclosureAlerts(db: Sql, limit = 100): Promise<DisclosureAlert[]> {
  const rows = await db.query<{
    id: number;
    at: string;
    user_id: string;
    kind: DisclosureAlertKind;
    detail: string;
  }>("SELECT id, at, user_id, kind, detail FROM disclosure_alerts ORDER BY id DESC LIMIT $1", [
    Math.min(Math.max(limit, 1), 1000),
  ]);
  return rows.map((r) => ({ id: r.id, at: r.at, userId: r.user_id, kind: r.kind, detail: r.detail }));
}
