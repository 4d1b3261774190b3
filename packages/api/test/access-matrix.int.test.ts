// The access matrix: every endpoint × every role (and no session) × an in-scope and an
// out-of-scope subject. Wrong-role and out-of-scope requests must be refused with 401, 403
// or 404 — every one of them — and allowed requests must succeed.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registersCohort } from "./cohorts.ts";
import { ROLES, type RoleCode, startApi } from "./harness.ts";

type Api = Awaited<ReturnType<typeof startApi>>;
let api: Api;
const sessions = new Map<RoleCode, { cookie: string; csrf: string }>();
let cohortId = "";

beforeAll(async () => {
  api = await startApi(inject("demo"));
  for (const role of ROLES) sessions.set(role, await api.signIn(role));
  const c = sessions.get("clinician");
  const res = await api.app.inject({
    method: "POST",
    url: "/api/cohorts",
    headers: { cookie: c?.cookie ?? "", "x-csrf-token": c?.csrf ?? "" },
    payload: { name: "Hypertension 65+", definition: registersCohort("c", ["HYP"], { min: 65 }) },
  });
  expect(res.statusCode).toBe(201);
  cohortId = res.json().cohortId;
  // Shared with everyone in an overlapping scope, so other roles' reads of it can be tried.
  const shared = await api.app.inject({
    method: "PUT",
    url: `/api/cohorts/${cohortId}/sharing`,
    headers: { cookie: c?.cookie ?? "", "x-csrf-token": c?.csrf ?? "" },
    payload: { sharing: "scope" },
  });
  expect(shared.statusCode, shared.body).toBe(200);
});
afterAll(async () => api.close());

type Who = RoleCode | "anonymous";
type Subject = "in" | "out" | "-";
interface Case {
  readonly name: string;
  readonly method: "GET" | "POST" | "PUT";
  url(subject: Subject): string;
  body?: unknown;
  /** Roles allowed; for subject cases, allowed only for the in-scope subject. */
  readonly allowed: readonly RoleCode[];
  readonly subjects: readonly Subject[];
  readonly okStatus?: number;
}

const s = () => api.subjects;
const NEW_USER = "matrix-new-user";
/** An id no request or grant has: the administrator reaches the handler, which says so (404). */
const NO_SUCH = "00000000-0000-4000-8000-000000000000";
const CASES: Case[] = [
  {
    name: "organisation tree",
    method: "GET",
    url: () => "/api/organisations",
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "register list",
    method: "GET",
    url: () => "/api/registers",
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "risk models' card",
    method: "GET",
    url: () => "/api/risk/model-card",
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "population for an organisation",
    method: "GET",
    url: (x) => `/api/population?breakdown=age_band&org=${x === "in" ? s().practiceIn : s().practiceOut}`,
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["in", "out"],
  },
  {
    name: "prevalence for an organisation",
    method: "GET",
    url: (x) =>
      `/api/prevalence?register=HYP&breakdown=sex&org=${x === "in" ? s().practiceIn : s().practiceOut}`,
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["in", "out"],
  },
  ...[
    "/api/population/pyramid",
    "/api/prevalence/all",
    "/api/multimorbidity",
    "/api/risk-pyramid",
    "/api/segments",
    "/api/variation?indicator=register:HYP&level=practice",
    "/api/inequalities?indicator=register:HYP&dimension=imd_quintile",
    "/api/timeline?measure=emergency_admissions",
  ].map(
    (path): Case => ({
      name: `${path.split("?")[0]} for an organisation`,
      method: "GET",
      url: (x) =>
        `${path}${path.includes("?") ? "&" : "?"}org=${x === "in" ? s().practiceIn : s().practiceOut}`,
      allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
      subjects: ["in", "out"],
    }),
  ),
  ...[
    "/api/diagnostics/dashboard?trust=RM3",
    "/api/diagnostics/returns",
    "/api/diagnostics/forecast?weeks=8",
    "/api/diagnostics/mutual-aid?maxTravel=45",
    "/api/diagnostics/referrals",
  ].map(
    (path): Case => ({
      name: `imaging ${path.split("?")[0]}`,
      method: "GET",
      url: () => path,
      allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
      subjects: ["-"],
    }),
  ),
  {
    name: "imaging scenario run",
    method: "POST",
    url: () => "/api/diagnostics/scenarios/run",
    body: { scenario: { name: "matrix", weeks: 8 }, runs: 10, seed: 1 },
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "imaging mutual aid on a given network",
    method: "POST",
    url: () => "/api/diagnostics/mutual-aid",
    body: {
      network: {
        maxTravelMinutes: 30,
        sites: [
          {
            code: "A",
            trust: "T",
            modalities: [{ modality: "MR", backlog: [5, 5, 5], demandPerWeek: 5, capacityPerWeek: 5 }],
          },
        ],
        travelMinutes: [],
      },
    },
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "patient list for a practice",
    method: "GET",
    url: (x) => `/api/patients?register=HYP&practice=${x === "in" ? s().practiceIn : s().practiceOut}`,
    allowed: ["ics_analyst", "clinician", "care_coordinator"],
    subjects: ["in", "out"],
  },
  {
    name: "patient record",
    method: "GET",
    url: (x) => `/api/patients/${x === "in" ? s().patientIn : s().patientOut}`,
    allowed: ["ics_analyst", "clinician", "care_coordinator"],
    subjects: ["in", "out"],
  },
  {
    name: "cohort list",
    method: "GET",
    url: () => "/api/cohorts",
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "cohort detail",
    method: "GET",
    url: () => `/api/cohorts/${cohortId}`,
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "cohort count",
    method: "GET",
    url: () => `/api/cohorts/${cohortId}/count?breakdown=practice`,
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "cohort members",
    method: "GET",
    url: () => `/api/cohorts/${cohortId}/members`,
    allowed: ["ics_analyst", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "cohort members CSV",
    method: "GET",
    url: () => `/api/cohorts/${cohortId}/members.csv`,
    allowed: ["ics_analyst", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "saved cohort timeline",
    method: "GET",
    url: () => `/api/cohorts/${cohortId}/timeline?from=2025-10-01`,
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "cohort preview",
    method: "POST",
    url: () => "/api/cohorts/preview",
    body: { definition: registersCohort("c", ["DM"]), breakdowns: ["sex", "practice"] },
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "cohort timeline",
    method: "POST",
    url: () => "/api/cohorts/timeline",
    body: { definition: registersCohort("c", ["DM"]), from: "2026-01-01", to: "2026-03-31" },
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "save cohort",
    method: "POST",
    url: () => "/api/cohorts",
    body: { name: "Diabetes", definition: registersCohort("c", ["DM"]) },
    allowed: ["ics_analyst", "clinician"],
    subjects: ["-"],
    okStatus: 201,
  },
  {
    // Only the owner (or a team member sharing for editing); a scope-wide share is read-only.
    name: "save cohort version",
    method: "POST",
    url: () => `/api/cohorts/${cohortId}/versions`,
    body: { definition: registersCohort("c", ["HYP"], { min: 70 }) },
    allowed: ["clinician"],
    subjects: ["-"],
    okStatus: 201,
  },
  {
    name: "cohort sharing (the owner)",
    method: "PUT",
    url: () => `/api/cohorts/${cohortId}/sharing`,
    body: { sharing: "scope" },
    allowed: ["clinician"],
    subjects: ["-"],
  },
  {
    name: "colleagues to share with",
    method: "GET",
    url: () => "/api/cohorts/share-candidates",
    allowed: ["ics_analyst", "clinician"],
    subjects: ["-"],
  },
  {
    name: "audit query",
    method: "GET",
    url: () => "/api/audit?limit=5",
    allowed: ["administrator"],
    subjects: ["-"],
  },
  {
    name: "audit verify",
    method: "GET",
    url: () => "/api/audit/verify",
    allowed: ["administrator"],
    subjects: ["-"],
  },
  {
    name: "aggregate-query log",
    method: "GET",
    url: () => "/api/disclosure/queries?limit=5",
    allowed: ["administrator"],
    subjects: ["-"],
  },
  {
    name: "disclosure alerts",
    method: "GET",
    url: () => "/api/disclosure/alerts",
    allowed: ["administrator"],
    subjects: ["-"],
  },
  {
    name: "data quality",
    method: "GET",
    url: () => "/api/data-quality",
    allowed: ["ics_analyst", "administrator"],
    subjects: ["-"],
  },
  {
    name: "indicator list",
    method: "GET",
    url: () => "/api/indicators",
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "data status",
    method: "GET",
    url: () => "/api/data-status",
    allowed: ["ics_analyst", "administrator"],
    subjects: ["-"],
  },
  { name: "who am I", method: "GET", url: () => "/api/auth/me", allowed: [...ROLES], subjects: ["-"] },
  {
    name: "user list",
    method: "GET",
    url: () => "/api/admin/users",
    allowed: ["administrator"],
    subjects: ["-"],
  },
  {
    name: "organisations to grant",
    method: "GET",
    url: () => "/api/admin/organisations",
    allowed: ["administrator"],
    subjects: ["-"],
  },
  {
    name: "role list",
    method: "GET",
    url: () => "/api/admin/roles",
    allowed: ["administrator"],
    subjects: ["-"],
  },
  // The administrator runs last in each case, so the user exists before it is changed.
  {
    name: "add user",
    method: "POST",
    url: () => "/api/admin/users",
    body: { username: NEW_USER, displayName: "Matrix", role: "commissioner", scopes: [] },
    allowed: ["administrator"],
    subjects: ["-"],
    okStatus: 201,
  },
  {
    name: "grant user",
    method: "POST",
    url: () => `/api/admin/users/${NEW_USER}/grant`,
    body: { role: "ics_analyst" },
    allowed: ["administrator"],
    subjects: ["-"],
  },
  {
    name: "break-glass grant",
    method: "POST",
    url: () => "/api/admin/break-glass",
    body: {
      username: NEW_USER,
      role: "clinician",
      scopes: [{ level: "practice", code: "P00000" }],
      reason: "access matrix: refused before the handler",
      hours: 1,
    },
    allowed: ["administrator"],
    subjects: ["-"],
    // The administrator reaches the handler, which finds no such practice.
    okStatus: 400,
  },
  {
    name: "break-glass list",
    method: "GET",
    url: () => "/api/admin/break-glass",
    allowed: ["administrator"],
    subjects: ["-"],
  },
  ...(["end", "review"] as const).map(
    (verb): Case => ({
      name: `break-glass ${verb}`,
      method: "POST",
      url: () => `/api/admin/break-glass/${NO_SUCH}/${verb}`,
      ...(verb === "review" ? { body: { note: "looked at it" } } : {}),
      allowed: ["administrator"],
      subjects: ["-"],
      okStatus: 404,
    }),
  ),
  {
    name: "access requests",
    method: "GET",
    url: () => "/api/admin/access-requests?status=pending",
    allowed: ["administrator"],
    subjects: ["-"],
  },
  ...(["approve", "reject"] as const).map(
    (verb): Case => ({
      name: `access request ${verb}`,
      method: "POST",
      url: () => `/api/admin/access-requests/${NO_SUCH}/${verb}`,
      allowed: ["administrator"],
      subjects: ["-"],
      okStatus: 404,
    }),
  ),
  {
    name: "disable user",
    method: "POST",
    url: () => `/api/admin/users/${NEW_USER}/disable`,
    allowed: ["administrator"],
    subjects: ["-"],
  },
  {
    name: "enable user",
    method: "POST",
    url: () => `/api/admin/users/${NEW_USER}/enable`,
    allowed: ["administrator"],
    subjects: ["-"],
  },
  // Care coordination (issue 23): direct-care roles only; the summary is an aggregate.
  {
    name: "care caseload",
    method: "GET",
    url: () => "/api/care/caseload",
    allowed: ["clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "care caseload figures",
    method: "GET",
    url: () => "/api/care/summary",
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "care record",
    method: "GET",
    url: (sub) => `/api/care/people/${sub === "out" ? s().patientOut : s().patientIn}`,
    allowed: ["clinician", "care_coordinator"],
    subjects: ["in", "out"],
  },
  {
    name: "care outcomes",
    method: "GET",
    url: (sub) => `/api/care/people/${sub === "out" ? s().patientOut : s().patientIn}/outcomes`,
    allowed: ["clinician", "care_coordinator"],
    subjects: ["in", "out"],
  },
  {
    // No plan yet: the handler says so (404); others are refused before it.
    name: "care plan as FHIR",
    method: "GET",
    url: (sub) => `/api/care/people/${sub === "out" ? s().patientOut : s().patientIn}/plan/fhir`,
    allowed: ["clinician", "care_coordinator"],
    subjects: ["in", "out"],
    okStatus: 404,
  },
  {
    // A plan whose goal names a missing problem: the handler refuses it (422).
    name: "save care plan",
    method: "PUT",
    url: (sub) => `/api/care/people/${sub === "out" ? s().patientOut : s().patientIn}/plan`,
    body: {
      version: 0,
      content: {
        whatMatters: "",
        problems: [],
        goals: [{ id: "g1", text: "x", targetDate: null, status: "active", problemIds: ["none"] }],
        actions: [],
        team: [],
        contingency: [],
        nextReview: null,
      },
    },
    allowed: ["clinician", "care_coordinator"],
    subjects: ["in", "out"],
    okStatus: 422,
  },
  {
    name: "import care plan from FHIR",
    method: "POST",
    url: (sub) => `/api/care/people/${sub === "out" ? s().patientOut : s().patientIn}/plan/fhir`,
    body: { version: 0, bundle: {} },
    allowed: ["clinician", "care_coordinator"],
    subjects: ["in", "out"],
    okStatus: 422,
  },
  {
    // Without a reason the referral is refused by validation, after access.
    name: "refer to a caseload",
    method: "POST",
    url: () => "/api/care/episodes",
    body: { personId: "1", source: "patient-view" },
    allowed: ["clinician", "care_coordinator"],
    subjects: ["-"],
    okStatus: 400,
  },
  ...(
    [
      ["move", { version: 1, move: "accept" }],
      ["consent", { version: 1, consent: "given" }],
      ["checklist", { version: 1, stage: "red", item: "gp-involved", done: true }],
      ["assign", { version: 1, coordinatorId: null }],
      ["monitoring", { version: 1, note: "x" }],
      ["re-refer", { version: 1, reason: "x" }],
    ] as const
  ).map(
    ([change, body]): Case => ({
      name: `care episode ${change}`,
      method: "POST",
      url: () => `/api/care/episodes/${NO_SUCH}/${change}`,
      body,
      allowed: ["clinician", "care_coordinator"],
      subjects: ["-"],
      okStatus: 404,
    }),
  ),
  {
    name: "worklist action",
    method: "POST",
    url: () => `/api/care/worklists/${NO_SUCH}/actions`,
    body: { personId: "1", action: "dismissed", reason: "x" },
    allowed: ["clinician", "care_coordinator"],
    subjects: ["-"],
    okStatus: 404,
  },
  {
    name: "worklist actions read",
    method: "GET",
    url: () => `/api/care/worklists/${NO_SUCH}/actions?people=1`,
    allowed: ["clinician", "care_coordinator"],
    subjects: ["-"],
    okStatus: 404,
  },
  // Last: their cohort counts go through the query budget, which would refuse a later near-duplicate.
  {
    name: "business case examples",
    method: "GET",
    url: () => "/api/business-cases/examples",
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "business case run",
    method: "POST",
    url: () => "/api/business-cases/run",
    body: {
      case: {
        name: "matrix",
        size: 100,
        runs: 10,
        baseline: { admissionsPerPerson: 0.5, costPerAdmission: 2000 },
        intervention: { uptake: 0.5, effect: 0.1, costPerPerson: 50 },
      },
    },
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "business case report",
    method: "POST",
    url: () => "/api/business-cases/report",
    body: {
      case: {
        name: "matrix",
        size: 100,
        runs: 10,
        baseline: { admissionsPerPerson: 0.5, costPerAdmission: 2000 },
        intervention: { uptake: 0.5, effect: 0.1, costPerPerson: 50 },
      },
    },
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "example contract",
    method: "GET",
    url: () => "/api/contracts/example",
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
  {
    name: "contract evaluate",
    method: "POST",
    url: () => "/api/contracts/evaluate",
    body: {
      contract: {
        name: "matrix",
        parties: { level: "pcn" },
        value: 1000,
        contingentShare: 0.3,
        runs: 100,
        indicators: [
          {
            id: "old",
            name: "Aged 85 or over among those aged 70 or over",
            denominator: {
              kind: "cohort",
              language: 1,
              name: "70+",
              population: "registered",
              criteria: { kind: "age", min: 70 },
            },
            numerator: {
              kind: "cohort",
              language: 1,
              name: "85+",
              population: "registered",
              criteria: { kind: "age", min: 85 },
            },
            threshold: 0.05,
            weight: 1,
          },
        ],
      },
    },
    allowed: ["ics_analyst", "commissioner", "clinician", "care_coordinator"],
    subjects: ["-"],
  },
];

describe("access matrix", () => {
  it("covers every API route the server registers (except public and sign-in routes)", () => {
    const routes = api.app
      .printRoutes({ commonPrefix: false })
      .split("\n")
      .map((l) => l.replace(/^[\s│├└─]+/, "").split(" ")[0] ?? "")
      .filter((r) => r.startsWith("/api/"));
    const covered = CASES.map((c) =>
      c
        .url("in")
        .split("?")[0]
        ?.replace(cohortId, ":id")
        .replace(NO_SUCH, ":id")
        .replace(/\/api\/patients\/\d+/, "/api/patients/:personId")
        .replace(/\/api\/care\/people\/\d+/, "/api/care/people/:personId")
        .replace(NEW_USER, ":username"),
    );
    const PUBLIC = [
      "/api/health",
      "/api/ready",
      "/api/summary",
      "/api/openapi.json",
      "/api/auth/sign-in",
      "/api/auth/sign-out",
    ];
    for (const r of routes) {
      if (PUBLIC.includes(r)) continue;
      expect(covered, `route ${r} is not in the access matrix`).toContain(r);
    }
  });

  const whos: Who[] = ["anonymous", ...ROLES];
  let refusedWrong = 0;
  let wrong = 0;
  for (const c of CASES) {
    for (const subject of c.subjects) {
      for (const who of whos) {
        const allowed = who !== "anonymous" && c.allowed.includes(who) && subject !== "out";
        it(`${c.name}${subject === "-" ? "" : ` (${subject}-of-scope subject)`} as ${who}: ${allowed ? "allowed" : "refused"}`, async () => {
          const session = who === "anonymous" ? null : sessions.get(who);
          const res = await api.app.inject({
            method: c.method,
            url: c.url(subject),
            headers: session ? { cookie: session.cookie, "x-csrf-token": session.csrf } : {},
            ...(c.body === undefined ? {} : { payload: c.body as object }),
          });
          if (allowed) {
            expect(res.statusCode, res.body).toBe(c.okStatus ?? 200);
          } else {
            wrong++;
            expect([401, 403, 404], res.body).toContain(res.statusCode);
            if (who === "anonymous") expect(res.statusCode).toBe(401);
            refusedWrong++;
          }
        });
      }
    }
  }
  it("refused 100% of the wrong cases", () => {
    expect(wrong).toBeGreaterThan(50);
    expect(refusedWrong).toBe(wrong);
  });
});

describe("what each role sees of a patient", () => {
  const get = async (role: RoleCode, url: string) => {
    const session = sessions.get(role);
    return api.app.inject({ url, headers: { cookie: session?.cookie ?? "" } });
  };
  it("direct-care roles get the NHS number of a patient in scope; analysts get a pseudonym only", async () => {
    const clin = (await get("clinician", `/api/patients/${api.subjects.patientIn}`)).json();
    expect(clin.identity).toBe("identified");
    expect(clin.nhsNumber).toMatch(/^9\d{9}$/);
    const coord = (await get("care_coordinator", `/api/patients/${api.subjects.patientIn}`)).json();
    expect(coord.nhsNumber).toBe(clin.nhsNumber);
    const analyst = await get("ics_analyst", `/api/patients/${api.subjects.patientIn}`);
    expect(analyst.json().identity).toBe("pseudonymous");
    expect(analyst.body).not.toContain(clin.nhsNumber);
    expect(analyst.json()).not.toHaveProperty("nhsNumber");
    const list = (await get("ics_analyst", "/api/patients?register=HYP&limit=50")).json();
    expect(list.rows.every((r: object) => !("nhsNumber" in r))).toBe(true);
  });
  it("lists and cohort members hold only people registered in the caller's scope", async () => {
    const list = (await get("clinician", "/api/patients?register=HYP&limit=500")).json();
    expect(list.rows.length).toBeGreaterThan(0);
    expect(new Set(list.rows.map((r: { practiceCode: string }) => r.practiceCode))).toEqual(
      new Set([api.subjects.practiceIn]),
    );
    const members = (await get("clinician", `/api/cohorts/${cohortId}/members?version=1&limit=500`)).json();
    for (const m of members.members.slice(0, 20)) {
      const rec = await get("clinician", `/api/patients/${m.personId}`);
      expect(rec.statusCode).toBe(200);
      expect(rec.json().snapshot.practiceCode).toBe(api.subjects.practiceIn);
    }
  });
  it("a state-changing request without the CSRF token is refused", async () => {
    const session = sessions.get("clinician");
    const res = await api.app.inject({
      method: "POST",
      url: "/api/cohorts",
      headers: { cookie: session?.cookie ?? "" },
      payload: { name: "x", definition: registersCohort("c", ["DM"]) },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("csrf");
  });
});
