// Access policy as data: a user has one role (with permissions and a disclosure class)
// and a list of organisation scopes. Nothing here grants anything by default: a principal
// with no permissions and no scopes can do nothing and see nothing.
import type { Sql } from "./sql.ts";

export const PERMISSIONS = [
  "aggregates:read",
  "patients:read",
  "cohorts:read",
  "cohorts:write",
  "cohorts:members",
  "data-quality:read",
  "audit:read",
  "users:manage",
  "care:read",
  "care:write",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const SCOPE_LEVELS = ["icb", "place", "pcn", "practice", "trust"] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

export interface ScopeGrant {
  readonly level: ScopeLevel;
  readonly code: string;
}

/** What a role may see of a person: identifiable, pseudonymous, or nothing. */
export type PatientData = "identified" | "pseudonymous" | "none";

/**
 * What a role's users work for: the care of the individuals they see (`direct_care`),
 * planning and commissioning (`planning`: population figures and pseudonymised analysis,
 * where the National Data Opt-out applies), or running the system (`administration`: no
 * patient data). Recorded for every role; anything but `direct_care` is not direct care.
 */
export const PURPOSES = ["direct_care", "planning", "administration"] as const;
export type Purpose = (typeof PURPOSES)[number];

/** How the console and the docs name each purpose. */
export const PURPOSE_NAMES: Readonly<Record<Purpose, string>> = {
  direct_care: "Direct care",
  planning: "Planning and commissioning",
  administration: "Administration",
};

export interface Role {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  /** Direct-care roles see unsuppressed aggregates for their own patients. */
  readonly directCare: boolean;
  readonly purpose: Purpose;
  readonly patientData: PatientData;
  readonly permissions: readonly Permission[];
}

/** The signed-in caller as the policy sees them. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly isDemo: boolean;
  readonly role: Role;
  readonly scopes: readonly ScopeGrant[];
  /** Set while the user acts under a break-glass grant, whose role and scopes replace their own. */
  readonly breakGlass?: { readonly id: string; readonly reason: string; readonly expiresAt: string };
}

export function can(principal: Principal | null, permission: Permission): boolean {
  return principal?.role.permissions.includes(permission) ?? false;
}

export async function listRoles(db: Sql): Promise<Role[]> {
  const roles = await db.query<{
    code: string;
    name: string;
    description: string;
    direct_care: boolean;
    purpose: Purpose;
    patient_data: PatientData;
  }>("SELECT code, name, description, direct_care, purpose, patient_data FROM roles ORDER BY code");
  const perms = await db.query<{ role_code: string; permission: string }>(
    "SELECT role_code, permission FROM role_permissions ORDER BY permission",
  );
  return roles.map((r) => ({
    code: r.code,
    name: r.name,
    description: r.description,
    directCare: r.direct_care,
    purpose: r.purpose,
    patientData: r.patient_data,
    // A permission string the code does not know grants nothing.
    permissions: perms
      .filter((p) => p.role_code === r.code && (PERMISSIONS as readonly string[]).includes(p.permission))
      .map((p) => p.permission as Permission),
  }));
}

/**
 * The principal for a user id, or null if the user does not exist or is disabled. Under an
 * active break-glass grant (break-glass.ts) the grant's role and scopes are the user's.
 */
export async function loadPrincipal(
  db: Sql,
  userId: string,
  now: Date = new Date(),
): Promise<Principal | null> {
  const users = await db.query<{
    id: string;
    username: string;
    display_name: string;
    role_code: string;
    is_demo: boolean;
  }>("SELECT id, username, display_name, role_code, is_demo FROM users WHERE id = $1 AND NOT disabled", [
    userId,
  ]);
  const user = users[0];
  if (!user) return null;
  const glass = (
    await db.query<{
      id: string;
      role_code: string;
      scopes: ScopeGrant[];
      reason: string;
      expires_at: string;
    }>(
      `SELECT id, role_code, scopes, reason, expires_at FROM break_glass_grants
       WHERE user_id = $1 AND ended_at IS NULL AND granted_at <= $2 AND expires_at > $2
       ORDER BY granted_at DESC LIMIT 1`,
      [userId, now.toISOString()],
    )
  )[0];
  const role = (await listRoles(db)).find((r) => r.code === (glass?.role_code ?? user.role_code));
  if (!role) return null;
  if (glass)
    return {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      isDemo: user.is_demo,
      role,
      scopes: glass.scopes,
      breakGlass: { id: glass.id, reason: glass.reason, expiresAt: glass.expires_at },
    };
  const scopes = await db.query<{ level: ScopeLevel; org_code: string }>(
    "SELECT level, org_code FROM user_scopes WHERE user_id = $1 ORDER BY level, org_code",
    [userId],
  );
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    isDemo: user.is_demo,
    role,
    scopes: scopes.map((s) => ({ level: s.level, code: s.org_code })),
  };
}
