// User administration through the API: an administrator adds a user who can then sign in
// with the role and scopes given, changes them, disables them (their session ends at once);
// every call is audited without the password; mistakes get coded, actionable answers.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PASSWORD, startApi } from "./harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
let admin: { cookie: string; csrf: string };
beforeAll(async () => {
  api = await startApi(inject("demo"));
  admin = await api.signIn("administrator");
});
afterAll(async () => api.close());

const post = (url: string, payload: object, who = admin) =>
  api.app.inject({ method: "POST", url, headers: { cookie: who.cookie, "x-csrf-token": who.csrf }, payload });
const me = (cookie: string) => api.app.inject({ url: "/api/auth/me", headers: { cookie } });
const lastEvent = async () =>
  (
    await api.state.query<{ action: string; username: string; params: Record<string, unknown> }>(
      "SELECT action, username, params FROM audit_events ORDER BY seq DESC LIMIT 1",
    )
  )[0];

describe("user administration", () => {
  it("lists every role with its purpose, and says the caller's purpose", async () => {
    const res = await api.app.inject({ url: "/api/admin/roles", headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    const roles = res.json().roles as { code: string; purpose: string; patientData: string }[];
    expect(roles.map((r) => [r.code, r.purpose, r.patientData])).toEqual([
      ["administrator", "administration", "none"],
      ["care_coordinator", "direct_care", "identified"],
      ["clinician", "direct_care", "identified"],
      ["commissioner", "planning", "none"],
      ["ics_analyst", "planning", "pseudonymous"],
    ]);
    const analyst = await api.signIn("ics_analyst");
    expect((await me(analyst.cookie)).json().role.purpose).toBe("planning");
  });

  it("adds a user who signs in with the role and scopes given, and audits it without the password", async () => {
    const res = await post("/api/admin/users", {
      username: "gp.jones",
      displayName: "Dr Jones",
      role: "clinician",
      scopes: [{ level: "practice", code: api.subjects.practiceIn }],
      password: PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().user).toMatchObject({ username: "gp.jones", role: "clinician", signIn: "password" });
    const event = await lastEvent();
    expect(event).toMatchObject({ action: "user.create", username: "administrator" });
    expect(JSON.stringify(event)).not.toContain(PASSWORD);
    const jones = await api.signIn("gp.jones");
    const who = (await me(jones.cookie)).json();
    expect(who.role.code).toBe("clinician");
    expect(who.scopes).toEqual([{ level: "practice", code: api.subjects.practiceIn }]);
    // The scope is enforced: their own practice's patients, not another's.
    const inScope = await api.app.inject({
      url: `/api/patients/${api.subjects.patientIn}`,
      headers: { cookie: jones.cookie },
    });
    expect(inScope.statusCode).toBe(200);
    const outOfScope = await api.app.inject({
      url: `/api/patients/${api.subjects.patientOut}`,
      headers: { cookie: jones.cookie },
    });
    expect(outOfScope.statusCode).toBe(404);
    const list = (
      await api.app.inject({ url: "/api/admin/users", headers: { cookie: admin.cookie } })
    ).json();
    expect(list.users.map((u: { username: string }) => u.username)).toContain("gp.jones");
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password_hash/);
  });

  it("changes role and scopes; narrowing ends the user's sessions", async () => {
    const before = await api.signIn("gp.jones");
    const res = await post("/api/admin/users/gp.jones/grant", {
      role: "care_coordinator",
      addScopes: [{ level: "pcn", code: api.subjects.pcnIn }],
      removeScopes: [{ level: "practice", code: api.subjects.practiceIn }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({
      role: "care_coordinator",
      scopes: [{ level: "pcn", code: api.subjects.pcnIn }],
    });
    expect((await me(before.cookie)).statusCode).toBe(401);
    const after = await api.signIn("gp.jones");
    expect((await me(after.cookie)).json().role.code).toBe("care_coordinator");
    expect((await lastEvent())?.action).toBe("user.grant");
  });

  it("disables a user: the open session ends at once and sign-in is refused; enabling restores sign-in", async () => {
    const session = await api.signIn("gp.jones");
    expect((await me(session.cookie)).statusCode).toBe(200);
    const res = await post("/api/admin/users/gp.jones/disable", {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.disabled).toBe(true);
    expect((await me(session.cookie)).statusCode).toBe(401);
    await expect(api.signIn("gp.jones")).rejects.toThrow(/401/);
    expect((await lastEvent())?.action).toBe("user.disable");
    expect((await post("/api/admin/users/gp.jones/enable", {})).statusCode).toBe(200);
    expect((await me((await api.signIn("gp.jones")).cookie)).statusCode).toBe(200);
  });

  it("answers mistakes with coded messages that say what to fix", async () => {
    const dup = await post("/api/admin/users", {
      username: "gp.jones",
      displayName: "x",
      role: "clinician",
      scopes: [],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain("already exists");
    const role = await post("/api/admin/users", {
      username: "x1",
      displayName: "x",
      role: "superuser",
      scopes: [],
    });
    expect(role.statusCode).toBe(400);
    expect(role.json().error.message).toMatch(/no role 'superuser': roles are .*clinician/);
    const org = await post("/api/admin/users", {
      username: "x2",
      displayName: "x",
      role: "clinician",
      scopes: [{ level: "practice", code: api.subjects.pcnIn }],
    });
    expect(org.statusCode).toBe(400);
    expect(org.json().error.message).toBe(
      `no practice with code ${api.subjects.pcnIn} in the warehouse's organisations`,
    );
    const missing = await post("/api/admin/users/nobody/disable", {});
    expect(missing.statusCode).toBe(404);
    const self = await post("/api/admin/users/administrator/disable", {});
    expect(self.statusCode).toBe(409);
    const noCsrf = await api.app.inject({
      method: "POST",
      url: "/api/admin/users/gp.jones/disable",
      headers: { cookie: admin.cookie },
      payload: {},
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe("csrf");
    const users = await api.state.query<{ username: string }>(
      "SELECT username FROM users WHERE username IN ('x1', 'x2')",
    );
    expect(users).toEqual([]);
  });
});
