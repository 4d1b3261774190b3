// What a coordinator did with a person on a worklist besides adding them to a caseload:
// dismissed them (with a reason, until a date, after which they may show again) or recalled
// them (invited for tests or treatment: seed 002's "triggers for the individual to be invited").
import { randomUUID } from "node:crypto";
import type { Sql } from "@bevan/state";

export const WORKLIST_ACTIONS = ["dismissed", "recalled"] as const;
export type WorklistActionKind = (typeof WORKLIST_ACTIONS)[number];

export interface WorklistAction {
  readonly id: string;
  readonly worklistId: string;
  readonly personId: string;
  readonly action: WorklistActionKind;
  readonly reason: string;
  readonly until: string | null;
  readonly at: string;
  readonly by: string | null;
}

export async function recordWorklistAction(
  db: Sql,
  a: {
    worklistId: string;
    personId: bigint | string;
    action: WorklistActionKind;
    reason: string;
    until?: string | null;
    by: string | null;
    now?: Date;
  },
): Promise<WorklistAction> {
  const id = randomUUID();
  const at = (a.now ?? new Date()).toISOString();
  const personId = BigInt(a.personId).toString();
  await db.query(
    `INSERT INTO care_worklist_actions (id, worklist_id, person_id, action, reason, until, at, user_id)
     VALUES ($1, $2, $3::bigint, $4, $5, $6, $7, $8)`,
    [id, a.worklistId, personId, a.action, a.reason, a.until ?? null, at, a.by],
  );
  return {
    id,
    worklistId: a.worklistId,
    personId,
    action: a.action,
    reason: a.reason,
    until: a.until ?? null,
    at,
    by: a.by,
  };
}

/** The latest action per person on a worklist, for the people given. */
export async function worklistActions(
  db: Sql,
  worklistId: string,
  personIds: readonly (bigint | string)[],
): Promise<Map<string, WorklistAction>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.query<{
    id: string;
    person_id: string;
    action: WorklistActionKind;
    reason: string;
    until: string | null;
    at: string;
    by: string | null;
  }>(
    `SELECT DISTINCT ON (a.person_id) a.id, a.person_id::text AS person_id, a.action, a.reason, a.until::text AS until,
       a.at, u.display_name AS by
     FROM care_worklist_actions a LEFT JOIN users u ON u.id = a.user_id
     WHERE a.worklist_id = $1 AND a.person_id = ANY(string_to_array($2, ',')::bigint[])
     ORDER BY a.person_id, a.at DESC`,
    [worklistId, personIds.map((p) => BigInt(p).toString()).join(",")],
  );
  return new Map(
    rows.map((r) => [
      r.person_id,
      {
        id: r.id,
        worklistId,
        personId: r.person_id,
        action: r.action,
        reason: r.reason,
        until: r.until,
        at: r.at,
        by: r.by,
      },
    ]),
  );
}

/** People dismissed from a worklist whose dismissal still stands today (to leave out of the list). */
export async function dismissedFrom(db: Sql, worklistId: string, today: string): Promise<Set<string>> {
  const rows = await db.query<{ person_id: string }>(
    `SELECT person_id::text AS person_id FROM (
       SELECT DISTINCT ON (person_id) person_id, action, until FROM care_worklist_actions
       WHERE worklist_id = $1 ORDER BY person_id, at DESC) latest
     WHERE action = 'dismissed' AND (until IS NULL OR until >= $2::date)`,
    [worklistId, today],
  );
  return new Set(rows.map((r) => r.person_id));
}

/** Every worklist action for one person (their care coordination history). */
export async function personWorklistActions(db: Sql, personId: bigint | string): Promise<WorklistAction[]> {
  const rows = await db.query<{
    id: string;
    worklist_id: string;
    action: WorklistActionKind;
    reason: string;
    until: string | null;
    at: string;
    by: string | null;
  }>(
    `SELECT a.id, a.worklist_id, a.action, a.reason, a.until::text AS until, a.at, u.display_name AS by
     FROM care_worklist_actions a LEFT JOIN users u ON u.id = a.user_id
     WHERE a.person_id = $1::bigint ORDER BY a.at DESC`,
    [BigInt(personId).toString()],
  );
  return rows.map((r) => ({
    id: r.id,
    worklistId: r.worklist_id,
    personId: BigInt(personId).toString(),
    action: r.action,
    reason: r.reason,
    until: r.until,
    at: r.at,
    by: r.by,
  }));
}
