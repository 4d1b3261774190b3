// User administration: list users, add them, disable them, change their role and scopes.
// Administrators do this through the API and the CLI; each change ends the user's sessions
// where it narrows what they may do, so a disabled or regraded user cannot keep old rights.
import { SCOPE_LEVELS, type ScopeGrant, type ScopeLevel } from "./policy.ts";
import type { Sql } from "./sql.ts";

export interface UserSummary {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly scopes: readonly ScopeGrant[];
  readonly disabled: boolean;
  readonly isDemo: boolean;
  /** How the user signs in: a local password, an OIDC subject, or neither yet. */
  readonly signIn: "password" | "oidc" | "none";
  readonly createdAt: string;
}

/** A username that no user has. */
export class UnknownUserError extends Error {
  constructor(username: string) {
    super(`no user named '${username}': list users with \`bevan users list\``);
    this.name = "UnknownUserError";
  }
}

/** A role code that policy data does not define, or a malformed scope. */
export class InvalidGrantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidGrantError";
  }
}

const ORG_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/;

/** Parses `level:code` (e.g. `practice:P91006`), the form the CLI takes scopes in. */
export function parseScope(text: string): ScopeGrant {
  const [level, code, ...rest] = text.split(":");
  if (!level || !code || rest.length > 0 || !(SCOPE_LEVELS as readonly string[]).includes(level))
    throw new InvalidGrantError(
      `'${text}' is not a scope: write LEVEL:CODE with LEVEL one of ${SCOPE_LEVELS.join(", ")} (e.g. practice:P91006)`,
    );
  return checkScope({ level: level as ScopeLevel, code });
}

export function checkScope(scope: ScopeGrant): ScopeGrant {
  if (!(SCOPE_LEVELS as readonly string[]).includes(scope.level))
    throw new InvalidGrantError(`scope level '${scope.level}' is not one of ${SCOPE_LEVELS.join(", ")}`);
  if (!ORG_CODE.test(scope.code))
    throw new InvalidGrantError(
      `'${scope.code}' is not an organisation code (letters, digits and '-', at most 20 characters)`,
    );
  return scope;
}

export async function checkRole(db: Sql, role: string): Promise<string> {
  const rows = await db.query<{ code: string }>("SELECT code FROM roles ORDER BY code");
  if (!rows.some((r) => r.code === role))
    throw new InvalidGrantError(`no role '${role}': roles are ${rows.map((r) => r.code).join(", ")}`);
  return role;
}

export async function listUsers(db: Sql): Promise<UserSummary[]> {
  const users = await db.query<{
    id: string;
    username: string;
    display_name: string;
    role_code: string;
    disabled: boolean;
    is_demo: boolean;
    has_password: boolean;
    has_oidc: boolean;
    created_at: string;
  }>(
    `SELECT id, username, display_name, role_code, disabled, is_demo,
            password_hash IS NOT NULL AS has_password, oidc_subject IS NOT NULL AS has_oidc, created_at
     FROM users ORDER BY username`,
  );
  const scopes = await db.query<{ user_id: string; level: ScopeLevel; org_code: string }>(
    "SELECT user_id, level, org_code FROM user_scopes ORDER BY level, org_code",
  );
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role_code,
    scopes: scopes.filter((s) => s.user_id === u.id).map((s) => ({ level: s.level, code: s.org_code })),
    disabled: u.disabled,
    isDemo: u.is_demo,
    signIn: u.has_password ? "password" : u.has_oidc ? "oidc" : "none",
    createdAt: u.created_at,
  }));
}

export async function findUser(db: Sql, username: string): Promise<UserSummary> {
  const user = (await listUsers(db)).find((u) => u.username === username);
  if (!user) throw new UnknownUserError(username);
  return user;
}

/** Disables (or re-enables) a user; disabling ends their sessions at once. */
export async function setUserDisabled(db: Sql, username: string, disabled: boolean): Promise<UserSummary> {
  const user = await findUser(db, username);
  await db.transaction(async (tx) => {
    await tx.query("UPDATE users SET disabled = $1 WHERE id = $2", [disabled, user.id]);
    if (disabled) await tx.query("DELETE FROM sessions WHERE user_id = $1", [user.id]);
  });
  return findUser(db, username);
}

export interface Grant {
  /** The new role, if it changes. */
  readonly role?: string;
  /** Scopes to add. */
  readonly add?: readonly ScopeGrant[];
  /** Scopes to remove. */
  readonly remove?: readonly ScopeGrant[];
}

/**
 * Changes a user's role and scopes in one transaction. A change of role or a removed scope
 * ends the user's sessions, so they sign in again under the new policy.
 */
export async function grantUser(db: Sql, username: string, grant: Grant): Promise<UserSummary> {
  const user = await findUser(db, username);
  if (grant.role !== undefined) await checkRole(db, grant.role);
  for (const s of [...(grant.add ?? []), ...(grant.remove ?? [])]) checkScope(s);
  const narrows = (grant.role !== undefined && grant.role !== user.role) || (grant.remove ?? []).length > 0;
  await db.transaction(async (tx) => {
    if (grant.role !== undefined)
      await tx.query("UPDATE users SET role_code = $1 WHERE id = $2", [grant.role, user.id]);
    for (const s of grant.remove ?? [])
      await tx.query("DELETE FROM user_scopes WHERE user_id = $1 AND level = $2 AND org_code = $3", [
        user.id,
        s.level,
        s.code,
      ]);
    for (const s of grant.add ?? [])
      await tx.query(
        "INSERT INTO user_scopes (user_id, level, org_code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        [user.id, s.level, s.code],
      );
    if (narrows) await tx.query("DELETE FROM sessions WHERE user_id = $1", [user.id]);
  });
  return findUser(db, username);
}
