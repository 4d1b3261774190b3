// Audit and disclosure through the API: exactly one audit event per patient-level read, the
// chain verified through the API (tampering: packages/state/test/audit-tamper.int.test.ts),
// and no aggregate cell below the threshold for non-direct-care roles over random
// breakdowns, organisations, registers and cohorts.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registersCohort } from "./cohorts.ts";
import { type RoleCode, startApi } from "./harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
const sessions = new Map<RoleCode, { cookie: string; csrf: string }>();
beforeAll(async () => {
  api = await startApi(inject("demo"));
  for (const role of [
    "ics_analyst",
    "commissioner",
    "clinician",
    "care_coordinator",
    "administrator",
  ] as const)
    sessions.set(role, await api.signIn(role));
});
afterAll(async () => api.close());

const get = (role: RoleCode, url: string) =>
  api.app.inject({ url, headers: { cookie: sessions.get(role)?.cookie ?? "" } });
/** Shares a saved cohort with everyone whose scope overlaps its owner's, so others can read it. */
const share = async (id: string, owner: RoleCode) => {
  const res = await api.app.inject({
    method: "PUT",
    url: `/api/cohorts/${id}/sharing`,
    headers: { cookie: sessions.get(owner)?.cookie ?? "", "x-csrf-token": sessions.get(owner)?.csrf ?? "" },
    payload: { sharing: "scope" },
  });
  expect(res.statusCode, res.body).toBe(200);
};
const eventCount = async () =>
  Number((await api.state.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events"))[0]?.n);

describe("audit of patient-level reads", () => {
  it("writes exactly one event per read, naming who, what, how many and which persons", async () => {
    const before = await eventCount();
    const list = await get("clinician", "/api/patients?register=HYP&limit=7");
    expect(list.statusCode).toBe(200);
    expect(await eventCount()).toBe(before + 1);
    const rec = await get("ics_analyst", `/api/patients/${api.subjects.patientIn}`);
    expect(rec.statusCode).toBe(200);
    const out = await get("clinician", `/api/patients/${api.subjects.patientOut}`);
    expect(out.statusCode).toBe(404);
    expect(await eventCount()).toBe(before + 3);
    const events = (await get("administrator", `/api/audit?after=${before}`)).json().events;
    expect(events).toHaveLength(3);
    const [e1, e2, e3] = events;
    expect(e1).toMatchObject({
      username: "clinician",
      role: "clinician",
      action: "patient.list",
      endpoint: "GET /api/patients",
      rowCount: 7,
    });
    expect(e1.params).toEqual({ register: "HYP", practice: null, limit: 7, offset: 0 });
    expect(e1.personIds).toEqual(list.json().rows.map((r: { personId: string }) => r.personId));
    expect(e1.scope).toEqual([{ level: "practice", code: api.subjects.practiceIn }]);
    expect(e1.clientIp).toBe("127.0.0.1");
    expect(e2).toMatchObject({
      username: "ics_analyst",
      action: "patient.read",
      rowCount: 1,
      personIds: [api.subjects.patientIn],
    });
    expect(e3).toMatchObject({ username: "clinician", action: "patient.read", rowCount: 0, personIds: [] });
  });

  it("records the cohort id and version for member lists, and nothing for aggregates", async () => {
    const c = sessions.get("clinician");
    const saved = await api.app.inject({
      method: "POST",
      url: "/api/cohorts",
      headers: { cookie: c?.cookie ?? "", "x-csrf-token": c?.csrf ?? "" },
      payload: { name: "COPD", definition: registersCohort("c", ["COPD"]) },
    });
    const id = saved.json().cohortId;
    await share(id, "clinician");
    const before = await eventCount();
    await get("clinician", `/api/cohorts/${id}/count?breakdown=sex`);
    await get("commissioner", "/api/prevalence?register=HYP&breakdown=practice");
    expect(await eventCount()).toBe(before);
    const members = await get("care_coordinator", `/api/cohorts/${id}/members?limit=3`);
    expect(members.statusCode).toBe(200);
    const events = (await get("administrator", `/api/audit?after=${before}`)).json().events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "cohort.members",
      cohortId: id,
      cohortVersion: 1,
      rowCount: members.json().members.length,
    });
  });

  it("administrators can filter by person, and the chain verifies", async () => {
    const events = (await get("administrator", `/api/audit?person=${api.subjects.patientIn}`)).json().events;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e: { personIds: string[] }) => e.personIds.includes(api.subjects.patientIn))).toBe(
      true,
    );
    expect((await get("administrator", "/api/audit/verify")).json()).toMatchObject({ ok: true });
  });
});

describe("property: no aggregate cell below the threshold reaches a non-direct-care role", () => {
  it("holds over random endpoints, registers, organisations and breakdowns", async () => {
    const orgs = [undefined, api.subjects.placeIn, api.subjects.pcnIn, api.subjects.practiceIn];
    const registers = ["HYP", "DM", "AST", "COPD", "AF", "CHD", "MH", "DEM", "LD", "CKD", "EP", "RA"];
    const breakdowns = ["all", "practice", "pcn", "age_band", "sex", "imd_quintile", "ethnicity_group"];
    const cohort = await api.app.inject({
      method: "POST",
      url: "/api/cohorts",
      headers: {
        cookie: sessions.get("ics_analyst")?.cookie ?? "",
        "x-csrf-token": sessions.get("ics_analyst")?.csrf ?? "",
      },
      payload: {
        name: "Multimorbid",
        definition: registersCohort("c", ["HYP", "DM", "CKD"], { min: 75 }),
      },
    });
    const cohortId = cohort.json().cohortId;
    await share(cohortId, "ics_analyst");
    let cells = 0;
    let unrounded = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<RoleCode>("ics_analyst", "commissioner"),
        fc.constantFrom("population", "prevalence", "cohort"),
        fc.constantFrom(...orgs),
        fc.constantFrom(...registers),
        fc.constantFrom(...breakdowns),
        async (role, kind, org, register, breakdown) => {
          const url =
            kind === "population"
              ? `/api/population?breakdown=${breakdown}${org ? `&org=${org}` : ""}`
              : kind === "prevalence"
                ? `/api/prevalence?register=${register}&breakdown=${breakdown}${org ? `&org=${org}` : ""}`
                : `/api/cohorts/${cohortId}/count?breakdown=${breakdown}`;
          const res = await get(role, url);
          expect(res.statusCode, url).toBe(200);
          const body = res.json();
          expect(body.disclosure.kind).toBe("suppressed");
          const counts: { value: number | null; suppressed: boolean }[] = [];
          if (body.total) counts.push(body.total);
          for (const g of body.groups)
            for (const k of ["registered", "numerator", "denominator", "count"]) if (g[k]) counts.push(g[k]);
          for (const c of counts) {
            cells++;
            if (c.suppressed) expect(c.value).toBeNull();
            else {
              expect(c.value === 0 || (c.value as number) >= 8, url).toBe(true);
              if ((c.value as number) % 5 !== 0) unrounded++;
            }
          }
          // Secondary suppression: a shown total never sits over exactly one withheld cell.
          const key = kind === "population" ? "registered" : kind === "prevalence" ? "numerator" : "count";
          if (body.total && !body.total.suppressed)
            expect(
              body.groups.filter((g: Record<string, { suppressed: boolean }>) => g[key]?.suppressed).length,
            ).not.toBe(1);
        },
      ),
      { numRuns: 60, seed: 42 },
    );
    expect(cells).toBeGreaterThan(400);
    // Perturbed, not rounded: most shown counts are not multiples of 5.
    expect(unrounded).toBeGreaterThan(cells / 4);
  });

  it("holds for every analytics endpoint, organisation and non-direct-care role", async () => {
    const orgs = [undefined, api.subjects.placeIn, api.subjects.pcnIn, api.subjects.practiceIn];
    const paths = [
      "/api/population/pyramid",
      "/api/prevalence/all",
      "/api/multimorbidity",
      "/api/risk-pyramid",
      "/api/segments",
      "/api/variation?indicator=register:HYP&level=practice",
      "/api/variation?indicator=dm:treatment-targets&level=pcn",
      "/api/inequalities?indicator=register:DM&dimension=ethnicity_group",
      "/api/inequalities?indicator=register:HYP&dimension=imd_quintile",
      "/api/timeline?measure=emergency_admissions",
      "/api/timeline?measure=register:DM",
    ];
    let cells = 0;
    let unrounded = 0;
    const walk = (v: unknown, out: { value: number | null; suppressed: boolean }[]) => {
      if (Array.isArray(v)) for (const e of v) walk(e, out);
      else if (v && typeof v === "object") {
        if ("suppressed" in v && "value" in v) out.push(v as { value: number | null; suppressed: boolean });
        else for (const e of Object.values(v)) walk(e, out);
      }
    };
    for (const role of ["ics_analyst", "commissioner"] as const)
      for (const path of paths)
        for (const org of orgs) {
          const url = `${path}${org ? `${path.includes("?") ? "&" : "?"}org=${org}` : ""}`;
          const res = await get(role, url);
          expect(res.statusCode, url).toBe(200);
          const body = res.json();
          expect(body.disclosure.kind).toBe("suppressed");
          const counts: { value: number | null; suppressed: boolean }[] = [];
          walk(body, counts);
          for (const c of counts) {
            cells++;
            if (c.suppressed) expect(c.value).toBeNull();
            else {
              expect(c.value === 0 || (c.value as number) >= 8, url).toBe(true);
              if ((c.value as number) % 5 !== 0) unrounded++;
            }
          }
          // The same question gives the same answer (nothing to average by asking again).
          expect((await get(role, url)).json(), url).toEqual(body);
        }
    expect(cells).toBeGreaterThan(500);
    expect(unrounded).toBeGreaterThan(cells / 4);
  });

  it("the same question shows a direct-care role exact counts", async () => {
    const res = (await get("clinician", "/api/population?breakdown=age_band")).json();
    expect(res.disclosure.kind).toBe("direct-care");
    expect(res.groups.some((g: { registered: { value: number } }) => g.registered.value % 5 !== 0)).toBe(
      true,
    );
  });
});
