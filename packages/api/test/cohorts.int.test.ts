// The cohort endpoints on the shared 20,000-person warehouse: counts and members equal
// hand-written SQL over the raw warehouse restricted to the caller's organisation; aggregate
// roles get suppressed, rounded counts; member reads are audited exactly once; definitions
// that break the language get 400 with the node path; scores the build did not make get 409.
import { Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registersCohort } from "./cohorts.ts";
import { type RoleCode, startApi } from "./harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
const sessions = new Map<RoleCode, { cookie: string; csrf: string }>();
/** Hand-written counts over the raw warehouse (not the compiler), keyed by organisation. */
const expected = {
  dmAtPractice: 0,
  dmInPlace: 0,
  dmInPlaceForPlanning: 0,
  dm75AtPractice: 0,
  dmAtPracticeIds: [] as string[],
};

beforeAll(async () => {
  api = await startApi(inject("demo"));
  for (const role of ["ics_analyst", "commissioner", "clinician", "administrator"] as const)
    sessions.set(role, await api.signIn(role));
  const wh = await Warehouse.open(inject("demo").db, { readOnly: true });
  try {
    const dm = `SELECT p.person_id, p.age, p.practice_code, p.place_code FROM person_asof p
      WHERE p.registered AND p.person_id IN (SELECT person_id FROM register WHERE register = 'DM')`;
    const count = async (where: string) =>
      Number((await wh.one<{ n: bigint }>(`SELECT count(*) AS n FROM (${dm}) d WHERE ${where}`)).n);
    expected.dmAtPractice = await count(`d.practice_code = '${api.subjects.practiceIn}'`);
    expected.dmInPlace = await count(`d.place_code = '${api.subjects.placeIn}'`);
    // Planning roles (analyst, commissioner) leave out people with either opt-out.
    expected.dmInPlaceForPlanning = await count(
      `d.place_code = '${api.subjects.placeIn}' AND d.person_id NOT IN (SELECT person_id FROM opt_out)`,
    );
    expected.dm75AtPractice = await count(`d.practice_code = '${api.subjects.practiceIn}' AND d.age >= 75`);
    expected.dmAtPracticeIds = (
      await wh.json<{ person_id: string }>(
        `SELECT person_id FROM (${dm}) d WHERE d.practice_code = '${api.subjects.practiceIn}' ORDER BY person_id`,
      )
    ).map((r) => String(r.person_id));
  } finally {
    wh.close();
  }
  expect(expected.dmAtPractice).toBeGreaterThan(20);
  expect(expected.dmInPlaceForPlanning).toBeLessThan(expected.dmInPlace);
});
afterAll(async () => api.close());

const headers = (role: RoleCode) => {
  const s = sessions.get(role);
  return { cookie: s?.cookie ?? "", "x-csrf-token": s?.csrf ?? "" };
};
const post = (role: RoleCode, url: string, payload: object) =>
  api.app.inject({ method: "POST", url, headers: headers(role), payload });
const get = (role: RoleCode, url: string) => api.app.inject({ url, headers: headers(role) });
const auditCount = async () => (await get("administrator", "/api/audit/verify")).json().events as number;
const DM = registersCohort("Diabetes", ["DM"]);

describe("POST /api/cohorts/preview", () => {
  it("gives a direct-care role the exact count and breakdowns in its scope", async () => {
    const res = await post("clinician", "/api/cohorts/preview", {
      definition: DM,
      breakdowns: ["sex", "age_band", "practice"],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.asOf).toBe("2026-03-31");
    expect(body.data.buildAsOf).toBe("2026-03-31");
    expect(body.disclosure.kind).toBe("direct-care");
    expect(body.count).toEqual({ value: expected.dmAtPractice, suppressed: false });
    expect(Object.keys(body.breakdowns).sort()).toEqual(["age_band", "practice", "sex"]);
    expect(body.breakdowns.practice).toEqual([
      { group: api.subjects.practiceIn, count: { value: expected.dmAtPractice, suppressed: false } },
    ]);
    const sum = (rows: { count: { value: number } }[]) => rows.reduce((a, r) => a + r.count.value, 0);
    expect(sum(body.breakdowns.sex)).toBe(expected.dmAtPractice);
    expect(sum(body.breakdowns.age_band)).toBe(expected.dmAtPractice);
  });

  it("gives aggregate roles withheld small counts and perturbed others (with secondary suppression)", async () => {
    for (const role of ["ics_analyst", "commissioner"] as const) {
      const ask = () =>
        post(role, "/api/cohorts/preview", {
          definition: DM,
          breakdowns: ["practice", "ethnicity_group", "imd_quintile"],
        });
      const res = await ask();
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.disclosure.kind).toBe("suppressed");
      expect(body.disclosure.method).toBe("cell-key");
      // Within the largest perturbation (5) of the truth, and the same on asking again.
      expect(body.count.suppressed).toBe(false);
      expect(Math.abs(body.count.value - expected.dmInPlaceForPlanning)).toBeLessThanOrEqual(5);
      expect((await ask()).json()).toEqual(body);
      for (const rows of Object.values(body.breakdowns) as {
        count: { value: number | null; suppressed: boolean };
      }[][]) {
        for (const r of rows) {
          if (r.count.suppressed) expect(r.count.value).toBeNull();
          else expect(r.count.value === 0 || (r.count.value as number) >= 8).toBe(true);
        }
        expect(rows.filter((r) => r.count.suppressed).length).not.toBe(1);
      }
    }
  });

  it("answers an invalid definition with 400, the node path and what is allowed", async () => {
    const bad = {
      ...DM,
      criteria: {
        kind: "and",
        of: [
          { kind: "register", register: "DM" },
          { kind: "agee", min: 3 },
        ],
      },
    };
    const res = await post("ics_analyst", "/api/cohorts/preview", { definition: bad });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe("invalid_cohort");
    expect(err.message).toContain('at /criteria/of/1: unknown kind "agee"; allowed kinds: and, or, not');
    expect(err.issues[0].path).toBe("/criteria/of/1");
    const range = await post("ics_analyst", "/api/cohorts/preview", {
      definition: { ...DM, criteria: { kind: "age", min: 80, max: 70 } },
    });
    expect(range.statusCode).toBe(400);
    expect(range.json().error.message).toContain("at /criteria: age: min (80) is greater than max (70)");
  });

  it("refuses a cohort that needs risk scores this build has not made, with the fix (409)", async () => {
    const res = await post("ics_analyst", "/api/cohorts/preview", {
      definition: {
        ...DM,
        criteria: { kind: "score", score: "admission_risk", bands: ["very high", "high"] },
      },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toEqual({
      code: "scores_not_built",
      message:
        "this cohort uses admission_risk, which this warehouse has not scored for 2026-03-31: run `bevan build --db FILE` without --no-risk",
    });
  });
});

describe("timelines", () => {
  it("gives monthly counts whose last point is the count at the build's as-of date", async () => {
    const res = await post("clinician", "/api/cohorts/timeline", {
      definition: DM,
      from: "2025-12-15",
      to: "2026-03-31",
    });
    expect(res.statusCode, res.body).toBe(200);
    const points = res.json().points as { asOf: string; count: { value: number } }[];
    expect(points.map((p) => p.asOf)).toEqual(["2025-12-31", "2026-01-31", "2026-02-28", "2026-03-31"]);
    expect(points.at(-1)?.count.value).toBe(expected.dmAtPractice);
  });
  it("refuses dates that are not dates, in the wrong order or too far apart", async () => {
    for (const [from, to] of [
      ["2026-02-30", "2026-03-31"],
      ["2026-03-31", "2026-01-01"],
      ["2000-01-01", "2026-03-31"],
    ]) {
      const res = await post("clinician", "/api/cohorts/timeline", { definition: DM, from, to });
      expect(res.statusCode, `${from}..${to}`).toBe(400);
      expect(res.json().error.code).toBe("invalid_request");
    }
  });
});

describe("saved cohorts, versions and members", () => {
  let id = "";
  beforeAll(async () => {
    const v1 = await post("clinician", "/api/cohorts", { name: "Diabetes", definition: DM });
    expect(v1.statusCode, v1.body).toBe(201);
    id = v1.json().cohortId;
    const v2 = await post("clinician", `/api/cohorts/${id}/versions`, {
      definition: registersCohort("Diabetes 75+", ["DM"], { min: 75 }),
      note: "75 and over",
    });
    expect(v2.json().version).toBe(2);
    // Shared with everyone in an overlapping scope, so the analyst's reads below can be tried.
    const shared = await api.app.inject({
      method: "PUT",
      url: `/api/cohorts/${id}/sharing`,
      headers: headers("clinician"),
      payload: { sharing: "scope" },
    });
    expect(shared.statusCode, shared.body).toBe(200);
  });

  it("an edit is a new version; each result records the version and the data version", async () => {
    const latest = (await get("clinician", `/api/cohorts/${id}/count`)).json();
    expect(latest).toMatchObject({ cohortId: id, version: 2, asOf: "2026-03-31" });
    expect(latest.data.buildAsOf).toBe("2026-03-31");
    expect(latest.total.value).toBe(expected.dm75AtPractice);
    const first = (await get("clinician", `/api/cohorts/${id}/count?version=1&breakdown=sex`)).json();
    expect(first.version).toBe(1);
    expect(first.total.value).toBe(expected.dmAtPractice);
    const detail = (await get("clinician", `/api/cohorts/${id}`)).json();
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(detail.versions[0].definition).toEqual(DM);
  });

  it("a saved_cohort node resolves to the pinned version saved in the application state", async () => {
    const notV2 = {
      ...DM,
      criteria: {
        kind: "and",
        of: [
          { kind: "saved_cohort", id, version: 1 },
          { kind: "not", of: { kind: "saved_cohort", id, version: 2 } },
        ],
      },
    };
    const res = await post("clinician", "/api/cohorts/preview", { definition: notV2 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().count.value).toBe(expected.dmAtPractice - expected.dm75AtPractice);
    const missing = await post("clinician", "/api/cohorts/preview", {
      definition: { ...DM, criteria: { kind: "saved_cohort", id, version: 9 } },
    });
    expect(missing.statusCode).toBe(400);
  });

  it("members: re-identified for direct care, the same people as hand-written SQL, one audit event per read", async () => {
    const before = await auditCount();
    const res = await get("clinician", `/api/cohorts/${id}/members?version=1&limit=500`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ version: 1, total: expected.dmAtPractice, identity: "identified" });
    expect(body.data.buildAsOf).toBe("2026-03-31");
    expect(body.members.map((m: { personId: string }) => m.personId)).toEqual(expected.dmAtPracticeIds);
    expect(body.members.every((m: { nhsNumber: string }) => /^9\d{9}$/.test(m.nhsNumber))).toBe(true);
    expect(await auditCount()).toBe(before + 1);
    const page = (await get("clinician", `/api/cohorts/${id}/members?version=1&limit=5&offset=5`)).json();
    expect(page.members.map((m: { personId: string }) => m.personId)).toEqual(
      expected.dmAtPracticeIds.slice(5, 10),
    );
    expect(page.total).toBe(expected.dmAtPractice);
  });

  it("members CSV: the whole list in one audited read; pseudonymous ids only for analysts", async () => {
    const before = await auditCount();
    const clin = await get("clinician", `/api/cohorts/${id}/members.csv?version=1`);
    expect(clin.statusCode, clin.body).toBe(200);
    expect(clin.headers["content-type"]).toContain("text/csv");
    expect(clin.headers["content-disposition"]).toBe(`attachment; filename="cohort-${id}-v1-2026-03-31.csv"`);
    const rows = clin.body.trimEnd().split("\r\n");
    expect(rows[0]).toBe("person_id,nhs_number");
    expect(rows.slice(1).map((r) => r.split(",")[0])).toEqual(expected.dmAtPracticeIds);
    expect(rows.slice(1).every((r) => /^\d+,9\d{9}$/.test(r))).toBe(true);
    const events = (await get("administrator", `/api/audit?after=${before}`)).json().events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "cohort.members",
      cohortId: id,
      cohortVersion: 1,
      rowCount: expected.dmAtPractice,
      params: { format: "csv" },
    });
    const analyst = await get("ics_analyst", `/api/cohorts/${id}/members.csv?version=1`);
    expect(analyst.statusCode).toBe(200);
    const lines = analyst.body.trimEnd().split("\r\n");
    expect(lines[0]).toBe("person_id");
    expect(lines.length - 1).toBe(expected.dmInPlaceForPlanning);
    // Two exports, and the administrator's reading of the trail in between (itself audited).
    expect(await auditCount()).toBe(before + 3);
  });
});
