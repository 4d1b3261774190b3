// Saved cohorts have an owner and sharing; cohort answers about fewer than 8 people are
// patient reads for direct-care roles; sign-ins, failed sign-ins, sign-outs and definition
// changes are on the record; the audit trail filters by who, what, kind and when.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registersCohort } from "./cohorts.ts";
import { PASSWORD, type RoleCode, startApi } from "./harness.ts";

type Session = { cookie: string; csrf: string };
let api: Awaited<ReturnType<typeof startApi>>;
const s = new Map<RoleCode, Session>();
beforeAll(async () => {
  api = await startApi(inject("demo"));
  for (const role of [
    "ics_analyst",
    "commissioner",
    "clinician",
    "care_coordinator",
    "administrator",
  ] as const)
    s.set(role, await api.signIn(role));
});
afterAll(async () => api.close());

const as = (role: RoleCode) => s.get(role) as Session;
const call = (role: RoleCode, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
  api.app.inject({
    method,
    url,
    headers: { cookie: as(role).cookie, "x-csrf-token": as(role).csrf },
    ...(payload ? { payload } : {}),
  });
const events = async (after: number) =>
  api.state.query<{
    seq: number;
    action: string;
    username: string | null;
    person_ids: { ids: string[] };
    params: Record<string, unknown>;
    cohort_id: string | null;
    row_count: number;
  }>(
    "SELECT seq, action, username, person_ids, params, cohort_id, row_count FROM audit_events WHERE seq > $1 ORDER BY seq",
    [after],
  );
const head = async () =>
  Number((await api.state.query<{ seq: number }>("SELECT seq FROM audit_head"))[0]?.seq);

describe("saved cohorts have an owner and sharing", () => {
  it("keeps another user's cohort private, refuses their versions, and leaves the owner's export as it was", async () => {
    const before = await head();
    // The owner's cohort: people aged 80 and over with hypertension.
    const saved = await call("clinician", "POST", "/api/cohorts", {
      name: "Hypertension 80+",
      definition: registersCohort("h", ["HYP"], { min: 80 }),
    });
    expect(saved.statusCode).toBe(201);
    const id = saved.json().cohortId as string;
    const csv = async () => (await call("clinician", "GET", `/api/cohorts/${id}/members.csv`)).body;
    const exported = await csv();
    const rows = exported.trim().split("\n").length - 1;
    expect(rows).toBeGreaterThan(8);
    // Private: to anyone else it does not exist.
    expect(
      (await call("ics_analyst", "GET", "/api/cohorts")).json().cohorts.map((c: { id: string }) => c.id),
    ).not.toContain(id);
    for (const [method, url] of [
      ["GET", `/api/cohorts/${id}`],
      ["GET", `/api/cohorts/${id}/count`],
      ["GET", `/api/cohorts/${id}/members`],
    ] as const)
      expect((await call("ics_analyst", method, url)).statusCode, url).toBe(404);
    // The probe's attack: another cohort writer saves "everyone" as the next version.
    const everyone = {
      kind: "cohort",
      language: 1,
      name: "x",
      population: "registered",
      criteria: { kind: "everyone" },
    };
    expect(
      (await call("ics_analyst", "POST", `/api/cohorts/${id}/versions`, { definition: everyone })).statusCode,
    ).toBe(404);
    // Nor by naming it inside a definition of their own.
    const ref = await call("ics_analyst", "POST", "/api/cohorts/preview", {
      definition: { ...everyone, criteria: { kind: "saved_cohort", id, version: 1 } },
    });
    expect(ref.statusCode).toBe(400);
    // Shared with everyone in an overlapping scope: visible, owner named, read-only.
    const shared = await call("clinician", "PUT", `/api/cohorts/${id}/sharing`, { sharing: "scope" });
    expect(shared.statusCode, shared.body).toBe(200);
    const seen = (await call("ics_analyst", "GET", "/api/cohorts"))
      .json()
      .cohorts.find((c: { id: string }) => c.id === id);
    expect(seen).toMatchObject({
      owner: { username: "clinician" },
      mine: false,
      canEdit: false,
      sharing: "scope",
    });
    expect((await call("ics_analyst", "GET", `/api/cohorts/${id}/count`)).statusCode).toBe(200);
    const refused = await call("ics_analyst", "POST", `/api/cohorts/${id}/versions`, {
      definition: everyone,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain(
      "only the cohort's owner, or people it is shared with for editing",
    );
    expect(
      (await call("ics_analyst", "PUT", `/api/cohorts/${id}/sharing`, { sharing: "private" })).statusCode,
    ).toBe(403);
    // Only the owner's own version counts: the export is unchanged.
    expect(await csv()).toBe(exported);
    // A team, one colleague editing: they may save a version; made private again, it is gone.
    const candidates = (await call("clinician", "GET", "/api/cohorts/share-candidates")).json().users;
    expect(candidates).toContainEqual(expect.objectContaining({ username: "ics_analyst", canEdit: true }));
    expect(candidates).toContainEqual(expect.objectContaining({ username: "commissioner", canEdit: false }));
    expect(candidates.map((u: { username: string }) => u.username)).not.toContain("administrator");
    const team = await call("clinician", "PUT", `/api/cohorts/${id}/sharing`, {
      sharing: "team",
      team: [
        { username: "ics_analyst", canEdit: true },
        { username: "commissioner", canEdit: false },
      ],
    });
    expect(team.statusCode, team.body).toBe(200);
    expect(team.json().cohort.team).toHaveLength(2);
    const v2 = await call("ics_analyst", "POST", `/api/cohorts/${id}/versions`, {
      definition: registersCohort("h", ["HYP"], { min: 95 }),
      note: "narrowed to 95+",
    });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(
      (await call("commissioner", "POST", `/api/cohorts/${id}/versions`, { definition: everyone }))
        .statusCode,
    ).toBe(403);
    expect((await call("care_coordinator", "GET", `/api/cohorts/${id}`)).statusCode).toBe(404);
    await call("clinician", "PUT", `/api/cohorts/${id}/sharing`, { sharing: "private" });
    expect((await call("ics_analyst", "GET", `/api/cohorts/${id}`)).statusCode).toBe(404);
    // Every definition change is on the record, with who and which cohort.
    const log = (await events(before)).filter((e) => e.cohort_id === id && e.action !== "cohort.members");
    expect(log.map((e) => [e.action, e.username])).toEqual([
      ["cohort.create", "clinician"],
      ["cohort.share", "clinician"],
      ["cohort.share", "clinician"],
      ["cohort.version", "ics_analyst"],
      ["cohort.share", "clinician"],
    ]);
  });
});

describe("cohort answers about fewer than 8 people", () => {
  it("are audited like patient reads for a direct-care role, naming the people, and not otherwise", async () => {
    // Narrow a cohort in the clinician's practice until it describes 1 to 7 people.
    let small: { definition: object; count: number } | null = null;
    for (let min = 100; min >= 70 && !small; min -= 2) {
      const definition = registersCohort("n", ["HYP"], { min });
      const r = (await call("clinician", "POST", "/api/cohorts/preview", { definition })).json();
      if (r.count.value > 0 && r.count.value < 8) small = { definition, count: r.count.value };
    }
    if (!small) throw new Error("no small cohort found in the test warehouse");
    const before = await head();
    const preview = await call("clinician", "POST", "/api/cohorts/preview", { definition: small.definition });
    const after = await events(before);
    expect(after.map((e) => e.action)).toEqual(["cohort.count-small"]);
    const e = after[0];
    expect(e?.person_ids.ids).toHaveLength(small.count);
    expect(e?.row_count).toBe(small.count);
    expect(e?.params).toMatchObject({ total: preview.json().count.value });
    // The people named are the cohort's members: saved and listed, the same ids.
    const saved = (
      await call("clinician", "POST", "/api/cohorts", { name: "small", definition: small.definition })
    ).json();
    const members = (await call("clinician", "GET", `/api/cohorts/${saved.cohortId}/members`)).json().members;
    expect([...(e?.person_ids.ids ?? [])].sort()).toEqual(
      members.map((m: { personId: string }) => m.personId).sort(),
    );
    // The saved cohort's count is audited the same way; a large count without breakdowns is not.
    const c0 = await head();
    await call("clinician", "GET", `/api/cohorts/${saved.cohortId}/count`);
    expect((await events(c0)).map((x) => x.action)).toEqual(["cohort.count-small"]);
    const c1 = await head();
    await call("clinician", "POST", "/api/cohorts/preview", { definition: registersCohort("big", ["HYP"]) });
    expect(await events(c1)).toEqual([]);
    // An analyst gets disclosed counts (small ones withheld), so nothing to audit.
    const c2 = await head();
    const analyst = await call("ics_analyst", "POST", "/api/cohorts/preview", {
      definition: small.definition,
    });
    expect(analyst.json().count.suppressed).toBe(true);
    expect(await events(c2)).toEqual([]);
  });
});

describe("sign-in and the audit trail", () => {
  it("records sign-ins, failed sign-ins (the name only if it is a user's) and sign-outs", async () => {
    const before = await head();
    const wrong = await api.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { username: "clinician", password: "not the password" },
    });
    expect(wrong.statusCode).toBe(401);
    await api.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { username: "a password typed as a name", password: PASSWORD },
    });
    const session = await api.signIn("commissioner");
    await api.app.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrf },
    });
    const log = (await events(before)).map((e) => [e.action, e.username, e.params.reason ?? null]);
    expect(log).toEqual([
      ["auth.sign-in-failed", "clinician", "wrong password"],
      ["auth.sign-in-failed", null, "unknown user"],
      ["auth.sign-in", "commissioner", null],
      ["auth.sign-out", "commissioner", null],
    ]);
    expect(JSON.stringify(await events(before))).not.toContain("a password typed as a name");
  });

  it("filters by who, kind and when, newest first, and records that it was read", async () => {
    const q = async (query: string) =>
      (await call("administrator", "GET", `/api/audit?${query}`)).json().events as {
        seq: number;
        action: string;
        username: string;
      }[];
    const signIns = await q("kind=sign-in&order=newest&limit=3");
    expect(signIns.every((e) => e.action.startsWith("auth."))).toBe(true);
    expect(signIns[0]?.seq).toBeGreaterThan(signIns[1]?.seq ?? Number.POSITIVE_INFINITY);
    const mine = await q("user=clinician&kind=cohort");
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.username === "clinician" && e.action.startsWith("cohort."))).toBe(true);
    expect(await q(`from=${encodeURIComponent("2099-01-01T00:00:00Z")}`)).toEqual([]);
    const reads = await q("action=audit.read&order=newest&limit=1");
    expect(reads[0]).toMatchObject({ username: "administrator", action: "audit.read" });
    const verified = (await call("administrator", "GET", "/api/audit/verify")).json();
    expect(verified).toMatchObject({ ok: true, checkpoints: { checked: 0 } });
  });
});
