// Hostile input: SQL in every string parameter, path traversal, oversized and malformed
// bodies. Each must be answered without a 500 and without internals in the response.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registersCohort } from "./cohorts.ts";
import { type RoleCode, startApi } from "./harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
const sessions = new Map<RoleCode, { cookie: string; csrf: string }>();
let cohortId = "";
beforeAll(async () => {
  api = await startApi(inject("demo"));
  for (const role of ["ics_analyst", "clinician", "administrator"] as const)
    sessions.set(role, await api.signIn(role));
  const c = sessions.get("clinician");
  cohortId = (
    await api.app.inject({
      method: "POST",
      url: "/api/cohorts",
      headers: { cookie: c?.cookie ?? "", "x-csrf-token": c?.csrf ?? "" },
      payload: { name: "HYP", definition: registersCohort("c", ["HYP"]) },
    })
  ).json().cohortId;
});
afterAll(async () => api.close());

const PROBES = [
  "' OR '1'='1",
  "1; DROP TABLE person_asof; --",
  "HYP' UNION SELECT nhs_number FROM person --",
  "P91006') OR TRUE --",
  "$$; SELECT pg_sleep(1); $$",
  "1 OR 1=1",
  "\u0000",
  "%27%20OR%201%3D1",
  "../../../../etc/passwd",
  "x".repeat(5000),
  "🙂' --",
];

const LEAK = /at .*\.(ts|js):\d|SELECT |FROM |duckdb|pglite|postgres|stack/i;

function expectSafe(res: { statusCode: number; body: string }, what: string, echoes = false) {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
  // A created cohort echoes the caller's own definition back; internals never appear.
  expect(res.body, what).not.toMatch(echoes && res.statusCode === 201 ? /at .*\.(ts|js):\d/ : LEAK);
}

describe("SQL in every string parameter", () => {
  const queryRoutes: [RoleCode, string, string[]][] = [
    ["clinician", "/api/population", ["org", "breakdown"]],
    ["clinician", "/api/prevalence?register=HYP", ["register", "org", "breakdown"]],
    ["clinician", "/api/population/pyramid", ["org"]],
    ["clinician", "/api/prevalence/all", ["org"]],
    ["clinician", "/api/multimorbidity", ["org"]],
    ["clinician", "/api/risk-pyramid", ["org", "reduction"]],
    ["clinician", "/api/segments", ["org"]],
    ["clinician", "/api/patients?register=HYP", ["register", "practice", "limit", "offset"]],
    ["clinician", `/api/patients/1`, ["timelineLimit"]],
    ["clinician", "/api/cohorts/COHORT/count", ["version", "breakdown"]],
    ["clinician", "/api/cohorts/COHORT/members", ["version", "limit", "offset"]],
    ["clinician", "/api/cohorts/COHORT/members.csv", ["version"]],
    ["clinician", "/api/cohorts/COHORT/timeline?from=2026-01-01", ["version", "from", "to"]],
    ["administrator", "/api/audit", ["user", "action", "person", "from", "to", "after", "limit"]],
  ];
  for (const [role, route, params] of queryRoutes) {
    it(`${route}: ${params.join(", ")}`, async () => {
      for (const param of params)
        for (const probe of PROBES) {
          const base = route.replace("COHORT", cohortId);
          const url = `${base}${base.includes("?") ? "&" : "?"}${param}=${encodeURIComponent(probe)}`;
          const res = await api.app.inject({ url, headers: { cookie: sessions.get(role)?.cookie ?? "" } });
          expectSafe(res, `${param}=${probe.slice(0, 30)}`);
          // A probe is either rejected by the schema or treated as a plain value that matches nothing.
          if (res.statusCode === 200 && route.startsWith("/api/audit")) expect(res.json().events).toEqual([]);
        }
    });
  }

  it("path parameters: person id and cohort id", async () => {
    for (const probe of PROBES) {
      for (const url of [
        `/api/patients/${encodeURIComponent(probe)}`,
        `/api/cohorts/${encodeURIComponent(probe)}/members`,
        `/api/cohorts/${encodeURIComponent(probe)}/members.csv`,
        `/api/cohorts/${encodeURIComponent(probe)}/timeline?from=2026-01-01`,
      ]) {
        const res = await api.app.inject({
          url,
          headers: { cookie: sessions.get("clinician")?.cookie ?? "" },
        });
        expectSafe(res, url.slice(0, 60));
        expect([400, 404, 414]).toContain(res.statusCode);
      }
    }
  });

  it("body fields: sign-in and cohort name, note and definition", async () => {
    const c = sessions.get("clinician");
    const headers = { cookie: c?.cookie ?? "", "x-csrf-token": c?.csrf ?? "" };
    for (const probe of PROBES) {
      const signIn = await api.app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { username: probe, password: probe },
      });
      expectSafe(signIn, "sign-in");
      expect([400, 401]).toContain(signIn.statusCode);
      for (const payload of [
        { name: probe, definition: registersCohort("c", ["HYP"]), note: probe },
        { name: "x", definition: registersCohort("c", [probe]) },
        { name: "x", definition: { kind: probe } },
        { name: "x", definition: probe },
      ]) {
        const res = await api.app.inject({ method: "POST", url: "/api/cohorts", headers, payload });
        expectSafe(res, "cohort body", true);
      }
    }
    // Preview and timeline bodies: the definition, the breakdowns and the dates. A hostile
    // name is just a name; an LSOA code is a value that matches nobody (or fails the
    // schema); everything else is refused with 400.
    const hyp = registersCohort("c", ["HYP"]);
    for (const probe of PROBES) {
      for (const [url, payload, expected] of [
        ["/api/cohorts/preview", { definition: registersCohort("c", [probe]) }, "refused"],
        ["/api/cohorts/preview", { definition: { ...hyp, name: probe } }, "counted"],
        ["/api/cohorts/preview", { definition: { kind: probe } }, "refused"],
        ["/api/cohorts/preview", { definition: hyp, breakdowns: [probe] }, "refused"],
        [
          "/api/cohorts/preview",
          { definition: { ...hyp, criteria: { kind: "lsoa", in: [probe] } } },
          "nobody",
        ],
        [
          "/api/cohorts/preview",
          { definition: { ...hyp, criteria: { kind: "saved_cohort", id: probe, version: 1 } } },
          "refused",
        ],
        ["/api/cohorts/timeline", { definition: hyp, from: probe }, "refused"],
        ["/api/cohorts/timeline", { definition: hyp, from: "2026-01-01", to: probe }, "refused"],
      ] as const) {
        const res = await api.app.inject({ method: "POST", url, headers, payload });
        const what = `${url} ${expected} ${probe.slice(0, 20)}: ${res.body.slice(0, 200)}`;
        expectSafe(res, what);
        if (expected === "counted")
          expect(res.statusCode, what).toBe(probe.includes("\u0000") || probe.length > 200 ? 400 : 200);
        else if (expected === "nobody") {
          expect([200, 400], what).toContain(res.statusCode);
          if (res.statusCode === 200) expect(res.json().count.value, what).toBe(0);
        } else expect(res.statusCode, what).toBe(400);
      }
    }
    // A hostile name is stored as text and comes back as text.
    const list = await api.app.inject({ url: "/api/cohorts", headers });
    expect(list.statusCode).toBe(200);
    expect(
      list.json().cohorts.some((k: { name: string }) => k.name === "1; DROP TABLE person_asof; --"),
    ).toBe(true);
    const still = await api.app.inject({ url: "/api/population", headers });
    expect(still.statusCode).toBe(200);
  });
});

describe("path traversal and malformed requests", () => {
  it("never serves files outside the routes", async () => {
    for (const url of [
      "/../../etc/passwd",
      "/status.css/../../../etc/passwd",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/api/patients/..%2F..%2Fetc%2Fpasswd",
      "/api/..;/audit",
      "//etc/passwd",
      "/api/audit%00",
    ]) {
      const res = await api.app.inject({
        url,
        headers: { cookie: sessions.get("ics_analyst")?.cookie ?? "" },
      });
      expectSafe(res, url);
      expect(res.body).not.toContain("root:");
      expect(res.statusCode).not.toBe(200);
    }
  });

  it("refuses oversized, deeply nested and non-JSON bodies without a 500", async () => {
    const c = sessions.get("clinician");
    const headers = {
      cookie: c?.cookie ?? "",
      "x-csrf-token": c?.csrf ?? "",
      "content-type": "application/json",
    };
    const big = await api.app.inject({
      method: "POST",
      url: "/api/cohorts",
      headers,
      payload: JSON.stringify({
        name: "x",
        definition: { kind: "registers", all: ["HYP"], pad: "x".repeat(2_000_000) },
      }),
    });
    expect(big.statusCode).toBe(413);
    expectSafe(big, "big");
    const bigSignIn = await api.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { "content-type": "application/json" },
      payload: `{"username":"${"a".repeat(1_000_000)}","password":"x"}`,
    });
    expect(bigSignIn.statusCode).toBe(413);
    const nested = await api.app.inject({
      method: "POST",
      url: "/api/cohorts",
      headers,
      payload: `{"name":"x","definition":${"[".repeat(5000)}${"]".repeat(5000)}}`,
    });
    expectSafe(nested, "nested");
    const broken = await api.app.inject({
      method: "POST",
      url: "/api/cohorts",
      headers,
      payload: '{"name": "x", "definition": ',
    });
    expect(broken.statusCode).toBe(400);
    expectSafe(broken, "broken JSON");
    const form = await api.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "username=clinician&password=x",
    });
    expect(form.statusCode).toBe(415);
    expectSafe(form, "form post");
  });
});
