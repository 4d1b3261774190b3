// Separation of duties for administrators (issue 16). Nobody changes their own role or
// widens their own scope. A change that would put patient data, or administration, in the
// hands of someone an administrator could act as (an administrator, or an account with a
// local password an administrator set) is a request: it takes effect when a second
// administrator, who neither asked nor benefits, approves it. Everything else applies at
// once. The command line (`bevan users`) is the system owner's and is not held to this;
// it is audited as such.
import { randomUUID } from "node:crypto";
import type { Principal, Role, ScopeGrant } from "./policy.ts";
import { listRoles } from "./policy.ts";
import type { Sql } from "./sql.ts";
import { findUser, grantUser, setUserDisabled, type UserSummary } from "./user-admin.ts";

/** How long a request waits for a second administrator. */
export const REQUEST_DAYS = 7;

export type Decision =
  | { readonly kind: "allowed" }
  | { readonly kind: "needs-approval"; readonly why: string }
  | { readonly kind: "refused"; readonly why: string };

/** A role whose users see patient-level data (identified or pseudonymous). */
export function readsPatients(role: Role): boolean {
  return (
    role.patientData !== "none" ||
    role.permissions.includes("patients:read") ||
    role.permissions.includes("cohorts:members")
  );
}

/** A role that administers users (and so could approve its own requests). */
export function administers(role: Role): boolean {
  return role.permissions.includes("users:manage");
}

export interface Change {
  /** The role after the change (the current one when it does not change). */
  readonly role: Role;
  readonly roleChanges: boolean;
  readonly addScopes: readonly ScopeGrant[];
}

/**
 * What an administrator may do to a user (or to a new user: `target` null, created with a
 * local password when `password`).
 */
export function judge(
  actor: Principal,
  target: { user: UserSummary; role: Role } | null,
  change: Change,
  newUser: { password: boolean; username?: string } = { password: false },
): Decision {
  const widens = change.roleChanges || change.addScopes.length > 0;
  if (target && target.user.id === actor.userId) {
    if (change.roleChanges)
      return { kind: "refused", why: "you cannot change your own role: ask another administrator" };
    if (change.addScopes.length > 0)
      return { kind: "refused", why: "you cannot widen your own scope: ask another administrator" };
    return { kind: "allowed" };
  }
  if (!widens) return { kind: "allowed" };
  const name = target ? target.user.username : (newUser.username ?? "a new user");
  if (administers(change.role) && (change.roleChanges || !target))
    return {
      kind: "needs-approval",
      why: `making ${name} an administrator needs a second administrator's approval`,
    };
  if (!readsPatients(change.role)) return { kind: "allowed" };
  if (target && administers(target.role))
    return {
      kind: "needs-approval",
      why: `${name} is an administrator: patient data for an administrator needs a second administrator's approval`,
    };
  if (target ? target.user.signIn === "password" : newUser.password)
    return {
      kind: "needs-approval",
      why: `${name} signs in with a password an administrator set: patient data for such an account needs a second administrator's approval (accounts that sign in through the identity provider do not)`,
    };
  return { kind: "allowed" };
}

export interface AccessRequest {
  readonly id: string;
  readonly kind: "create" | "grant";
  readonly username: string;
  readonly userId: string;
  readonly role: string | null;
  readonly addScopes: readonly ScopeGrant[];
  readonly removeScopes: readonly ScopeGrant[];
  readonly why: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly expiresAt: string;
  readonly status: "pending" | "approved" | "rejected" | "expired";
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
}

/** Something a second administrator must do differently: says what. */
export class AccessRequestError extends Error {
  /** `not_found` when there is no such thing; `conflict` when it cannot be done as asked. */
  readonly code: "not_found" | "conflict";
  constructor(message: string, code: "not_found" | "conflict" = "conflict") {
    super(message);
    this.name = "AccessRequestError";
    this.code = code;
  }
}

export async function requestAccess(
  db: Sql,
  input: {
    kind: "create" | "grant";
    userId: string;
    role: string | null;
    addScopes: readonly ScopeGrant[];
    removeScopes: readonly ScopeGrant[];
    why: string;
    requestedBy: string;
  },
  now: Date = new Date(),
): Promise<AccessRequest> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO access_requests (id, user_id, kind, role_code, add_scopes, remove_scopes, why, requested_by, requested_at, expires_at, status)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10, 'pending')`,
    [
      id,
      input.userId,
      input.kind,
      input.role,
      JSON.stringify(input.addScopes),
      JSON.stringify(input.removeScopes),
      input.why,
      input.requestedBy,
      now.toISOString(),
      new Date(now.getTime() + REQUEST_DAYS * 86_400_000).toISOString(),
    ],
  );
  return (await listAccessRequests(db, { id }, now))[0] as AccessRequest;
}

export async function listAccessRequests(
  db: Sql,
  q: { id?: string; status?: AccessRequest["status"] } = {},
  now: Date = new Date(),
): Promise<AccessRequest[]> {
  const rows = await db.query<{
    id: string;
    kind: "create" | "grant";
    user_id: string;
    username: string;
    role_code: string | null;
    add_scopes: ScopeGrant[];
    remove_scopes: ScopeGrant[];
    why: string;
    requested_by: string;
    requested_at: string;
    expires_at: string;
    status: "pending" | "approved" | "rejected";
    decided_by: string | null;
    decided_at: string | null;
  }>(
    `SELECT r.id, r.kind, r.user_id, u.username, r.role_code, r.add_scopes, r.remove_scopes, r.why,
            q.username AS requested_by, r.requested_at, r.expires_at, r.status, d.username AS decided_by, r.decided_at
     FROM access_requests r JOIN users u ON u.id = r.user_id JOIN users q ON q.id = r.requested_by
     LEFT JOIN users d ON d.id = r.decided_by
     ${q.id ? "WHERE r.id = $1" : ""} ORDER BY r.requested_at DESC LIMIT 500`,
    q.id ? [q.id] : [],
  );
  const out = rows.map(
    (r): AccessRequest => ({
      id: r.id,
      kind: r.kind,
      username: r.username,
      userId: r.user_id,
      role: r.role_code,
      addScopes: r.add_scopes,
      removeScopes: r.remove_scopes,
      why: r.why,
      requestedBy: r.requested_by,
      requestedAt: r.requested_at,
      expiresAt: r.expires_at,
      status: r.status === "pending" && r.expires_at <= now.toISOString() ? "expired" : r.status,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
    }),
  );
  return q.status ? out.filter((r) => r.status === q.status) : out;
}

/**
 * A second administrator approves or rejects a pending request; approving applies it (a
 * new user is enabled, a grant is made). The approver may be neither the requester nor the
 * user it is for.
 */
export async function decideAccessRequest(
  db: Sql,
  id: string,
  approver: Principal,
  approve: boolean,
  now: Date = new Date(),
): Promise<{ request: AccessRequest; user: UserSummary }> {
  const request = (await listAccessRequests(db, { id }, now))[0];
  if (!request)
    throw new AccessRequestError(
      "no such request: list them with GET /api/admin/access-requests",
      "not_found",
    );
  if (!administers(approver.role)) throw new AccessRequestError("only an administrator can decide a request");
  if (request.status !== "pending")
    throw new AccessRequestError(`this request is ${request.status} already: ask for the change again`);
  if (request.requestedBy === approver.username)
    throw new AccessRequestError("you asked for this change, so another administrator must approve it");
  if (request.userId === approver.userId)
    throw new AccessRequestError("this change is for you, so another administrator must approve it");
  await db.transaction(async (tx) => {
    if (approve) {
      if (request.role && !(await listRoles(tx)).some((r) => r.code === request.role))
        throw new AccessRequestError(`there is no role '${request.role}' any more: reject the request`);
      if (request.kind === "create") await setUserDisabled(tx, request.username, false);
      else
        await grantUser(tx, request.username, {
          ...(request.role ? { role: request.role } : {}),
          add: request.addScopes,
          remove: request.removeScopes,
        });
    }
    await tx.query("UPDATE access_requests SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4", [
      approve ? "approved" : "rejected",
      approver.userId,
      now.toISOString(),
      id,
    ]);
  });
  return {
    request: (await listAccessRequests(db, { id }, now))[0] as AccessRequest,
    user: await findUser(db, request.username),
  };
}
