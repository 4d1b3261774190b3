// Demo users for the embedded default: one per role, plainly named and flagged as demo, with
// a published password. They exist so that `npm start` can be tried on synthetic data; a
// production deployment signs in through OIDC and never seeds them.
import type { ScopeGrant } from "./policy.ts";
import type { Sql } from "./sql.ts";
import { createUser } from "./users.ts";

export const DEMO_PASSWORD = "demo";

/** The organisations the demo users are scoped to: one of each level, nested. */
export interface DemoOrganisations {
  readonly icb: string;
  readonly place: string;
  readonly pcn: string;
  readonly practice: string;
}

export function demoUsers(orgs: DemoOrganisations) {
  const grant = (level: ScopeGrant["level"], code: string): ScopeGrant => ({ level, code });
  return [
    {
      username: "demo-analyst",
      displayName: "Demo ICS analyst",
      role: "ics_analyst",
      scopes: [grant("icb", orgs.icb)],
    },
    {
      username: "demo-commissioner",
      displayName: "Demo commissioner",
      role: "commissioner",
      scopes: [grant("place", orgs.place)],
    },
    {
      username: "demo-clinician",
      displayName: "Demo practice clinician",
      role: "clinician",
      scopes: [grant("practice", orgs.practice)],
    },
    {
      username: "demo-coordinator",
      displayName: "Demo care coordinator",
      role: "care_coordinator",
      scopes: [grant("pcn", orgs.pcn)],
    },
    { username: "demo-admin", displayName: "Demo administrator", role: "administrator", scopes: [] },
  ] as const;
}

/** Creates the demo users that do not exist yet; returns the usernames it created. */
export async function seedDemoUsers(db: Sql, orgs: DemoOrganisations): Promise<string[]> {
  const created: string[] = [];
  for (const u of demoUsers(orgs)) {
    const exists = await db.query("SELECT 1 FROM users WHERE username = $1", [u.username]);
    if (exists.length > 0) continue;
    await createUser(db, { ...u, password: DEMO_PASSWORD, isDemo: true });
    created.push(u.username);
  }
  return created;
}
