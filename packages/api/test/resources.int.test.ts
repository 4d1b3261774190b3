// The Resources endpoints on the shared 20,000-person warehouse: money disclosed by the
// cell-key method for magnitudes (withheld below 8 people or when one person gives more than
// half, otherwise perturbed, the same each time) for roles without direct care, exact for a
// clinician; a budget divided exactly to the penny; scope enforced on every
// drill-down; patient-level lists refused to commissioners and audited for everyone else.
import { validateCohort } from "@bevan/query";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RoleCode, startApi } from "./harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
const sessions = new Map<RoleCode, { cookie: string; csrf: string }>();

const call = async (role: RoleCode, url: string) => {
  const res = await api.app.inject({ url, headers: { cookie: sessions.get(role)?.cookie ?? "" } });
  return { status: res.statusCode, body: res.json() };
};
const get = async (role: RoleCode, url: string) => {
  const r = await call(role, url);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};

beforeAll(async () => {
  api = await startApi(inject("demo"));
  for (const role of ["ics_analyst", "commissioner", "clinician"] as const)
    sessions.set(role, await api.signIn(role));
});

afterAll(async () => {
  await api?.close();
});

describe("Resources endpoints", () => {
  it("spend by point of delivery: money perturbed or withheld for a commissioner, exact for a clinician", async () => {
    const c = await get("commissioner", "/api/resources/spend?level=practice");
    expect(c.units.length).toBeGreaterThan(1);
    expect(c.disclosure.method).toBe("cell-key");
    const cells = c.units.flatMap(
      (u: { pointsOfDelivery: { spend: { value: number | null; suppressed: boolean } }[] }) =>
        u.pointsOfDelivery.map((p) => p.spend),
    );
    expect(cells.some((m: { suppressed: boolean }) => m.suppressed)).toBe(true);
    for (const m of cells) if (!m.suppressed) expect(Number.isInteger(m.value), String(m.value)).toBe(true);
    const clin = await get("clinician", "/api/resources/spend?level=practice");
    expect(clin.units).toHaveLength(1);
    expect(clin.units[0].code).toBe(api.subjects.practiceIn);
    expect(clin.disclosure.kind).toBe("direct-care");
    const total = clin.units[0].pointsOfDelivery.reduce(
      (s: number, p: { spend: { value: number } }) => s + p.spend.value,
      0,
    );
    expect(total).toBeCloseTo(clin.units[0].spend.value, 6);
    // The commissioner's figure for the same practice is moved off the exact one (by at least a
    // tenth of its largest person's cost), not far, and the same on asking again.
    const mine = c.units.find((u: { code: string }) => u.code === api.subjects.practiceIn).spend.value;
    expect(mine).not.toBe(clin.units[0].spend.value);
    expect(Math.abs(mine - clin.units[0].spend.value) / clin.units[0].spend.value).toBeLessThan(0.2);
    const again = await get("commissioner", "/api/resources/spend?level=practice");
    expect(again.units.find((u: { code: string }) => u.code === api.subjects.practiceIn).spend.value).toBe(
      mine,
    );
  });

  it("every unit cost is served with its source", async () => {
    const t = await get("commissioner", "/api/resources/unit-costs");
    expect(t.rows.length).toBeGreaterThan(50);
    for (const r of t.rows) expect(r.source.length).toBeGreaterThan(10);
  });

  it("needs and use: O/E against the scope's own age–sex rates, with funnel limits", async () => {
    for (const measure of ["activity", "spend"]) {
      const n = await get(
        "ics_analyst",
        `/api/resources/needs?level=practice&pod=emergency_admission&measure=${measure}`,
      );
      expect(n.units.length).toBeGreaterThan(1);
      expect(n.limits.upper95.length).toBeGreaterThan(10);
      for (const u of n.units) if (u.ratio !== null) expect(u.ci95.lower).toBeLessThanOrEqual(u.ratio);
    }
  });

  it("opportunities at practice level, and the cohort behind a row, in scope only", async () => {
    const o = await get("commissioner", "/api/resources/opportunities?level=practice");
    const acsc = o.kinds.find((k: { kind: string }) => k.kind === "acsc");
    expect(acsc.source.name).toMatch(/Outcomes Framework/);
    expect(acsc.rows.length).toBeGreaterThan(1);
    const cohort = await get(
      "commissioner",
      `/api/resources/opportunities/acsc/cohort?unit=${api.subjects.practiceIn}`,
    );
    expect(cohort.breakdowns.age_band.length).toBeGreaterThan(1);
    // Diagnosis-based kinds cannot be written in the cohort language; elective admissions can,
    // and the definition offered for saving is a valid cohort.
    expect(cohort.cohort).toBeNull();
    const elective = await get(
      "commissioner",
      `/api/resources/opportunities/elective/cohort?unit=${api.subjects.practiceIn}`,
    );
    expect(validateCohort(elective.cohort).criteria.kind).toBe("and");
    const out = await call(
      "commissioner",
      `/api/resources/opportunities/acsc/cohort?unit=${api.subjects.practiceOut}`,
    );
    expect(out.status).toBe(404);
  });

  it("fair shares add up to the budget exactly, with the formulas' validation beside them", async () => {
    const a = await get("commissioner", "/api/resources/allocation?budget=7654321.09&level=practice&years=3");
    expect(a.units.reduce((s: number, u: { targetPence: number }) => s + u.targetPence, 0)).toBe(765432109);
    expect(a.sumOfTargetsPence).toBe(765432109);
    for (const u of a.units) expect(u.path[2]).toBe(u.targetPence);
    const need = a.validation.find((v: { formula: string }) => v.formula === "need");
    const ageSex = a.validation.find((v: { formula: string }) => v.formula === "age_sex");
    // Both formulas explain more of practices' spend than equal shares per head (R² 0). On the
    // realistic generator (issue 17) the needs formula no longer beats age–sex weighting at
    // practice level on 20,000 people (0.450 against 0.457): an open finding of issue 21.
    expect(need.r2Practice).toBeGreaterThan(0);
    expect(ageSex.r2Practice).toBeGreaterThan(0);
    const v = await get("commissioner", "/api/resources/validation");
    expect(v.formulas[2].calibration).toHaveLength(10);
    // Residuals by practice: only the commissioner's place.
    const practices = v.formulas[2].residuals.practice.map((g: { code: string }) => g.code);
    expect(practices).toContain(api.subjects.practiceIn);
    expect(practices).not.toContain(api.subjects.practiceOut);
  });

  it("patient-level lists: refused to a commissioner, audited for an analyst and a clinician", async () => {
    expect((await call("commissioner", "/api/resources/budgets")).status).toBe(403);
    expect(
      (await call("commissioner", `/api/resources/opportunities/acsc/people?unit=${api.subjects.practiceIn}`))
        .status,
    ).toBe(403);
    const before = Number(
      (await api.state.query<{ n: string }>("SELECT count(*) AS n FROM audit_events"))[0]?.n,
    );
    const b = await get("ics_analyst", "/api/resources/budgets?limit=5");
    expect(b.identity).toBe("pseudonymous");
    expect(b.rows).toHaveLength(5);
    const p = await get(
      "clinician",
      `/api/resources/opportunities/short_stay/people?unit=${api.subjects.practiceIn}&limit=5`,
    );
    expect(p.identity).toBe("identified");
    const after = Number(
      (await api.state.query<{ n: string }>("SELECT count(*) AS n FROM audit_events"))[0]?.n,
    );
    expect(after - before).toBe(2);
  });
});
