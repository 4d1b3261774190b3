// Break-glass: in an emergency an administrator gives another user a direct-care role over
// some organisations at once, without waiting for a second administrator. It needs a reason,
// lasts at most 24 hours, can be ended early, and everything the user does under it is
// flagged `break-glass` in the audit trail; each grant waits for another administrator's
// review. While it lasts it replaces the user's own role and scopes (policy.ts).
import { randomUUID } from "node:crypto";
import type { Principal, ScopeGrant } from "./policy.ts";
import { listRoles } from "./policy.ts";
import type { Sql } from "./sql.ts";
import { findUser } from "./user-admin.ts";

export const BREAK_GLASS_MAX_HOURS = 24;
export const BREAK_GLASS_FLAG = "break-glass";

export interface BreakGlassGrant {
  readonly id: string;
  readonly username: string;
  readonly userId: string;
  readonly role: string;
  readonly scopes: readonly ScopeGrant[];
  readonly reason: string;
  readonly grantedBy: string;
  readonly grantedAt: string;
  readonly expiresAt: string;
  readonly endedAt: string | null;
  readonly endedBy: string | null;
  readonly reviewedBy: string | null;
  readonly reviewedAt: string | null;
  readonly reviewNote: string | null;
  /** Active now: started, not expired, not ended. */
  readonly active: boolean;
}

/** A break-glass grant that cannot be made, ended or reviewed as asked: says why. */
export class BreakGlassError extends Error {
  /** `not_found` when there is no such thing; `conflict` when it cannot be done as asked. */
  readonly code: "not_found" | "conflict";
  constructor(message: string, code: "not_found" | "conflict" = "conflict") {
    super(message);
    this.name = "BreakGlassError";
    this.code = code;
  }
}

export async function grantBreakGlass(
  db: Sql,
  actor: Principal,
  input: { username: string; role: string; scopes: readonly ScopeGrant[]; reason: string; hours: number },
  now: Date = new Date(),
): Promise<BreakGlassGrant> {
  const user = await findUser(db, input.username);
  if (user.id === actor.userId)
    throw new BreakGlassError("you cannot break the glass for yourself: ask another administrator");
  if (user.disabled) throw new BreakGlassError(`${user.username} is disabled: enable them first`);
  const role = (await listRoles(db)).find((r) => r.code === input.role);
  if (!role) throw new BreakGlassError(`no role '${input.role}'`);
  if (role.purpose !== "direct_care")
    throw new BreakGlassError(`break-glass gives a direct-care role; ${role.name} is not one`);
  const reason = input.reason.trim();
  if (reason.length < 10) throw new BreakGlassError("say why, in a sentence: the reason is read at review");
  if (input.scopes.length === 0) throw new BreakGlassError("name the organisations the emergency needs");
  if (!(input.hours > 0 && input.hours <= BREAK_GLASS_MAX_HOURS))
    throw new BreakGlassError(
      `a break-glass grant lasts from a few minutes to ${BREAK_GLASS_MAX_HOURS} hours`,
    );
  const id = randomUUID();
  await db.transaction(async (tx) => {
    // One grant at a time: a new one ends any that is still running.
    await tx.query(
      "UPDATE break_glass_grants SET ended_at = $1, ended_by = $2 WHERE user_id = $3 AND ended_at IS NULL AND expires_at > $1",
      [now.toISOString(), actor.userId, user.id],
    );
    await tx.query(
      `INSERT INTO break_glass_grants (id, user_id, role_code, scopes, reason, granted_by, granted_at, expires_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8)`,
      [
        id,
        user.id,
        role.code,
        JSON.stringify(input.scopes),
        reason,
        actor.userId,
        now.toISOString(),
        new Date(now.getTime() + input.hours * 3_600_000).toISOString(),
      ],
    );
  });
  return (await listBreakGlass(db, { id }, now))[0] as BreakGlassGrant;
}

export async function endBreakGlass(db: Sql, id: string, actor: Principal, now: Date = new Date()) {
  const grant = (await listBreakGlass(db, { id }, now))[0];
  if (!grant) throw new BreakGlassError("no such break-glass grant", "not_found");
  if (!grant.active) throw new BreakGlassError("this grant has ended already");
  await db.query("UPDATE break_glass_grants SET ended_at = $1, ended_by = $2 WHERE id = $3", [
    now.toISOString(),
    actor.userId,
    id,
  ]);
  return (await listBreakGlass(db, { id }, now))[0] as BreakGlassGrant;
}

/** Another administrator than the one who granted it records that they have reviewed it. */
export async function reviewBreakGlass(
  db: Sql,
  id: string,
  actor: Principal,
  note: string,
  now: Date = new Date(),
) {
  const grant = (await listBreakGlass(db, { id }, now))[0];
  if (!grant) throw new BreakGlassError("no such break-glass grant", "not_found");
  if (grant.grantedBy === actor.username)
    throw new BreakGlassError("you granted this, so another administrator must review it");
  if (grant.username === actor.username)
    throw new BreakGlassError("this grant was yours: another administrator reviews it");
  if (grant.reviewedAt) throw new BreakGlassError(`reviewed already by ${grant.reviewedBy}`);
  if (note.trim().length < 5) throw new BreakGlassError("write what the review found");
  await db.query(
    "UPDATE break_glass_grants SET reviewed_by = $1, reviewed_at = $2, review_note = $3 WHERE id = $4",
    [actor.userId, now.toISOString(), note.trim(), id],
  );
  return (await listBreakGlass(db, { id }, now))[0] as BreakGlassGrant;
}

export async function listBreakGlass(
  db: Sql,
  q: { id?: string; userId?: string } = {},
  now: Date = new Date(),
): Promise<BreakGlassGrant[]> {
  const where: string[] = [];
  const params: string[] = [];
  if (q.id) where.push(`g.id = $${params.push(q.id)}`);
  if (q.userId) where.push(`g.user_id = $${params.push(q.userId)}`);
  const rows = await db.query<{
    id: string;
    user_id: string;
    username: string;
    role_code: string;
    scopes: ScopeGrant[];
    reason: string;
    granted_by: string;
    granted_at: string;
    expires_at: string;
    ended_at: string | null;
    ended_by: string | null;
    reviewed_by: string | null;
    reviewed_at: string | null;
    review_note: string | null;
  }>(
    `SELECT g.id, g.user_id, u.username, g.role_code, g.scopes, g.reason, a.username AS granted_by, g.granted_at,
            g.expires_at, g.ended_at, e.username AS ended_by, r.username AS reviewed_by, g.reviewed_at, g.review_note
     FROM break_glass_grants g JOIN users u ON u.id = g.user_id JOIN users a ON a.id = g.granted_by
     LEFT JOIN users e ON e.id = g.ended_by LEFT JOIN users r ON r.id = g.reviewed_by
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY g.granted_at DESC LIMIT 500`,
    params,
  );
  const t = now.toISOString();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    userId: r.user_id,
    role: r.role_code,
    scopes: r.scopes,
    reason: r.reason,
    grantedBy: r.granted_by,
    grantedAt: r.granted_at,
    expiresAt: r.expires_at,
    endedAt: r.ended_at,
    endedBy: r.ended_by,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    reviewNote: r.review_note,
    active: r.ended_at === null && r.granted_at <= t && r.expires_at > t,
  }));
}
