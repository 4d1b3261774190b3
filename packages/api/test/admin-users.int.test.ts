// User administration through the API: an administrator adds a user who can then sign in
// with the role and scopes given, changes them, disables them (their session ends at once);
// separation of duties (nobody widens their own access; patient data for an account an
// administrator could use waits for a second administrator; break-glass is reasoned,
// time-limited, flagged and reviewed); every call is audited without the password; mistakes
// get coded, actionable answers.
import { createUser } from "@bevan/state";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PASSWORD, startApi } from "./harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
let admin: { cookie: string; csrf: string };
let admin2: { cookie: string; csrf: string };
beforeAll(async () => {
  api = await startApi(inject("demo"));
  admin = await api.signIn("administrator");
  // A second administrator, for what one administrator may not do alone.
  await createUser(api.state, {
    username: "administrator2",
    displayName: "Second administrator",
    role: "administrator",
    scopes: [],
    password: PASSWORD,
  });
  admin2 = await api.signIn("administrator2");
});
afterAll(async () => api.close());

const post = (url: string, payload: object, who = admin) =>
  api.app.inject({ method: "POST", url, headers: { cookie: who.cookie, "x-csrf-token": who.csrf }, payload });
const get = (url: string, who = admin) => api.app.inject({ url, headers: { cookie: who.cookie } });
let icbCode = "";
/** The ICB at the top of the organisation tree (what the probe's administrator asked for). */
const icb = async () => {
  if (!icbCode) {
    const analyst = await api.signIn("ics_analyst");
    icbCode = (await get("/api/organisations", analyst)).json().organisations[0].code;
  }
  return icbCode;
};
const me = (cookie: string) => api.app.inject({ url: "/api/auth/me", headers: { cookie } });
const lastEvent = async () =>
  (
    await api.state.query<{
      action: string;
      username: string;
      params: Record<string, unknown>;
      flags: string[];
    }>("SELECT action, username, params, flags->'flags' AS flags FROM audit_events ORDER BY seq DESC LIMIT 1")
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

  it("adds a user who signs in with the role and scopes given once a second administrator approves, and audits it without the password", async () => {
    const res = await post("/api/admin/users", {
      username: "gp.jones",
      displayName: "Dr Jones",
      role: "clinician",
      scopes: [{ level: "practice", code: api.subjects.practiceIn }],
      password: PASSWORD,
    });
    // A password the administrator set, on a role that reads patients: the administrator
    // could sign in as Dr Jones, so a second administrator must approve.
    expect(res.statusCode, res.body).toBe(202);
    const { request, user } = res.json();
    expect(user).toMatchObject({
      username: "gp.jones",
      role: "clinician",
      signIn: "password",
      disabled: true,
    });
    expect(request).toMatchObject({
      kind: "create",
      username: "gp.jones",
      status: "pending",
      requestedBy: "administrator",
    });
    expect(request.why).toContain("second administrator");
    const event = await lastEvent();
    expect(event).toMatchObject({ action: "user.create", username: "administrator" });
    expect(event?.params.pendingApproval).toBe(request.id);
    expect(JSON.stringify(event)).not.toContain(PASSWORD);
    await expect(api.signIn("gp.jones")).rejects.toThrow(/401/);
    // Not by the administrator who asked, nor by enabling the account round the request.
    const own = await post(`/api/admin/access-requests/${request.id}/approve`, {});
    expect(own.statusCode).toBe(409);
    expect(own.json().error.message).toContain("you asked for this change");
    expect((await post("/api/admin/users/gp.jones/enable", {})).statusCode).toBe(409);
    const approved = await post(`/api/admin/access-requests/${request.id}/approve`, {}, admin2);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().request).toMatchObject({ status: "approved", decidedBy: "administrator2" });
    expect(await lastEvent()).toMatchObject({ action: "access.approve", username: "administrator2" });
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

  it("changes role and scopes (a widening approved by a second administrator); narrowing ends the user's sessions", async () => {
    const before = await api.signIn("gp.jones");
    const asked = await post("/api/admin/users/gp.jones/grant", {
      role: "care_coordinator",
      addScopes: [{ level: "pcn", code: api.subjects.pcnIn }],
      removeScopes: [{ level: "practice", code: api.subjects.practiceIn }],
    });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(await lastEvent()).toMatchObject({ action: "access.request" });
    // Nothing changed yet.
    expect((await me(before.cookie)).json().role.code).toBe("clinician");
    const res = await post(`/api/admin/access-requests/${asked.json().request.id}/approve`, {}, admin2);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({
      role: "care_coordinator",
      scopes: [{ level: "pcn", code: api.subjects.pcnIn }],
    });
    expect((await me(before.cookie)).statusCode).toBe(401);
    const after = await api.signIn("gp.jones");
    expect((await me(after.cookie)).json().role.code).toBe("care_coordinator");
    // Narrowing alone needs nobody's approval.
    const narrow = await post("/api/admin/users/gp.jones/grant", { role: "commissioner" });
    expect(narrow.statusCode, narrow.body).toBe(200);
    expect((await lastEvent())?.action).toBe("user.grant");
  });

  it("never lets an administrator give themselves patient data, nor another administrator without a second one", async () => {
    // Oneself: refused outright, and on the record.
    const self = await post("/api/admin/users/administrator/grant", {
      role: "clinician",
      addScopes: [{ level: "icb", code: await icb() }],
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().error).toMatchObject({ code: "separation_of_duties" });
    expect(self.json().error.message).toContain("you cannot change your own role");
    expect(await lastEvent()).toMatchObject({ action: "user.grant-refused", username: "administrator" });
    const scope = await post("/api/admin/users/administrator/grant", {
      addScopes: [{ level: "icb", code: await icb() }],
    });
    expect(scope.json().error.message).toContain("you cannot widen your own scope");
    // Another administrator: a request, which neither the asker nor the one it is for approves.
    const other = await post("/api/admin/users/administrator2/grant", {
      role: "clinician",
      addScopes: [{ level: "icb", code: await icb() }],
    });
    expect(other.statusCode).toBe(202);
    const id = other.json().request.id;
    expect(other.json().request.why).toContain("administrator2 is an administrator");
    expect(
      (await post(`/api/admin/access-requests/${id}/approve`, {}, admin2)).json().error.message,
    ).toContain("this change is for you");
    expect((await post(`/api/admin/access-requests/${id}/approve`, {})).statusCode).toBe(409);
    const rejected = await post(`/api/admin/access-requests/${id}/reject`, {}, admin2);
    expect(rejected.statusCode).toBe(409);
    // Making a new administrator also takes two.
    const newAdmin = await post("/api/admin/users", {
      username: "admin.three",
      displayName: "Third",
      role: "administrator",
      scopes: [],
      oidc: { issuer: "https://idp.example", subject: "admin-three" },
    });
    expect(newAdmin.statusCode).toBe(202);
    // A user who signs in through the identity provider gets a clinical role at once.
    const oidcUser = await post("/api/admin/users", {
      username: "gp.oidc",
      displayName: "Dr OIDC",
      role: "clinician",
      scopes: [{ level: "practice", code: api.subjects.practiceIn }],
      oidc: { issuer: "https://idp.example", subject: "gp-oidc" },
    });
    expect(oidcUser.statusCode, oidcUser.body).toBe(201);
    const pending = (await get("/api/admin/access-requests?status=pending")).json().requests;
    expect(pending.map((r: { username: string }) => r.username).sort()).toEqual([
      "admin.three",
      "administrator2",
    ]);
    // The administrator still reads no patient.
    const read = await api.app.inject({
      url: `/api/patients/${api.subjects.patientIn}`,
      headers: { cookie: admin.cookie },
    });
    expect(read.statusCode).toBe(403);
  });

  it("breaks the glass for another user with a reason and a time limit, flags what they do, and has it reviewed by someone else", async () => {
    const bad = await post("/api/admin/break-glass", {
      username: "administrator",
      role: "clinician",
      scopes: [{ level: "practice", code: api.subjects.practiceOut }],
      reason: "Emergency: the registered practice is closed tonight",
      hours: 2,
    });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error.message).toContain("cannot break the glass for yourself");
    const tooLong = await post("/api/admin/break-glass", {
      username: "care_coordinator",
      role: "clinician",
      scopes: [{ level: "practice", code: api.subjects.practiceOut }],
      reason: "Emergency: the registered practice is closed tonight",
      hours: 48,
    });
    expect(tooLong.statusCode).toBe(400);
    const res = await post("/api/admin/break-glass", {
      username: "care_coordinator",
      role: "clinician",
      scopes: [{ level: "practice", code: api.subjects.practiceOut }],
      reason: "Emergency: the registered practice is closed tonight",
      hours: 2,
    });
    expect(res.statusCode, res.body).toBe(201);
    const grant = res.json().grant;
    expect(grant).toMatchObject({
      username: "care_coordinator",
      role: "clinician",
      active: true,
      grantedBy: "administrator",
    });
    const granted = await lastEvent();
    expect(granted).toMatchObject({ action: "access.break-glass", flags: ["break-glass"] });
    // Under the grant the coordinator reads a patient of the other practice; the read is flagged.
    const coordinator = await api.signIn("care_coordinator");
    expect((await me(coordinator.cookie)).json().role.code).toBe("clinician");
    const read = await api.app.inject({
      url: `/api/patients/${api.subjects.patientOut}`,
      headers: { cookie: coordinator.cookie },
    });
    expect(read.statusCode).toBe(200);
    expect(await lastEvent()).toMatchObject({
      action: "patient.read",
      username: "care_coordinator",
      flags: ["break-glass"],
      params: { breakGlass: grant.id },
    });
    const flagged = (await get("/api/audit?flag=break-glass&order=newest&limit=5")).json().events;
    expect(flagged[0]).toMatchObject({ action: "patient.read", username: "care_coordinator" });
    // Reviewed by another administrator than the one who gave it; ended early.
    expect(
      (await post(`/api/admin/break-glass/${grant.id}/review`, { note: "checked the record" })).statusCode,
    ).toBe(409);
    const reviewed = await post(
      `/api/admin/break-glass/${grant.id}/review`,
      { note: "Checked: one record read, as needed." },
      admin2,
    );
    expect(reviewed.json().grant).toMatchObject({ reviewedBy: "administrator2" });
    const ended = await post(`/api/admin/break-glass/${grant.id}/end`, {});
    expect(ended.json().grant.active).toBe(false);
    const after = await api.signIn("care_coordinator");
    expect((await me(after.cookie)).json().role.code).toBe("care_coordinator");
    const outAgain = await api.app.inject({
      url: `/api/patients/${api.subjects.patientOut}`,
      headers: { cookie: after.cookie },
    });
    expect(outAgain.statusCode).toBe(404);
  });

  it("disables a user: the open session ends at once and sign-in is refused; enabling restores sign-in", async () => {
    const session = await api.signIn("gp.jones");
    expect((await me(session.cookie)).statusCode).toBe(200);
    const res = await post("/api/admin/users/gp.jones/disable", {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.disabled).toBe(true);
    expect((await me(session.cookie)).statusCode).toBe(401);
    expect((await lastEvent())?.action).toBe("user.disable");
    await expect(api.signIn("gp.jones")).rejects.toThrow(/401/);
    expect(await lastEvent()).toMatchObject({
      action: "auth.sign-in-failed",
      username: "gp.jones",
      params: { method: "local", reason: "disabled" },
    });
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
