// The timeline endpoint on the shared 20,000-person warehouse: monthly counts against
// independent SQL, and the XmR chart's centre line and limits computed by hand here
// (mean ± 2.66 × the mean moving range, after screening moving ranges ≥ 3.267 × their mean).
import { Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RoleCode, startApi } from "./harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
const sessions = new Map<RoleCode, string>();
const get = (role: RoleCode, url: string) =>
  api.app.inject({ url, headers: { cookie: sessions.get(role) ?? "" } });
let monthly: Map<string, number>;
let newHyp: Map<string, number>;

beforeAll(async () => {
  const demo = inject("demo");
  api = await startApi(demo);
  for (const role of ["care_coordinator", "ics_analyst"] as const)
    sessions.set(role, (await api.signIn(role)).cookie);
  const wh = await Warehouse.open(demo.db, { readOnly: true });
  try {
    const rows = await wh.all<{ m: string; n: bigint }>(
      `SELECT strftime(s.admission_date, '%Y-%m') AS m, count(*) AS n FROM hospital_spell s JOIN person_asof p USING (person_id)
       WHERE p.pcn_code = $pcn AND s.admission_method = 'emergency' GROUP BY 1`,
      { pcn: api.subjects.pcnIn },
    );
    monthly = new Map(rows.map((r) => [r.m, Number(r.n)]));
    const hyp = await wh.all<{ m: string; n: bigint }>(
      `SELECT strftime(r.first_date, '%Y-%m') AS m, count(*) AS n FROM register r JOIN person_asof p USING (person_id)
       WHERE p.pcn_code = $pcn AND r.register = 'HYP' GROUP BY 1`,
      { pcn: api.subjects.pcnIn },
    );
    newHyp = new Map(hyp.map((r) => [r.m, Number(r.n)]));
  } finally {
    wh.close();
  }
});
afterAll(async () => api.close());

describe("GET /api/timeline", () => {
  it("counts emergency admissions per month and draws XmR limits as computed by hand", async () => {
    const res = await get(
      "care_coordinator",
      "/api/timeline?measure=emergency_admissions&from=2024-04&to=2026-03",
    );
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json();
    expect(t.points).toHaveLength(24);
    expect(t.points[0].month).toBe("2024-04");
    for (const p of t.points) expect([p.month, p.value]).toEqual([p.month, monthly.get(p.month) ?? 0]);
    const v = t.points.map((p: { value: number }) => p.value) as number[];
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    let mr = v.slice(1).map((x, i) => Math.abs(x - (v[i] as number)));
    const firstBar = mr.reduce((a, b) => a + b, 0) / mr.length;
    mr = mr.filter((r) => r < 3.267 * firstBar);
    const mrBar = mr.reduce((a, b) => a + b, 0) / mr.length;
    expect(t.spc.chart).toBe("XmR");
    expect(t.spc.mean).toBeCloseTo(mean, 10);
    expect(t.spc.points[0].upper).toBeCloseTo(mean + 2.66 * mrBar, 6);
    expect(t.spc.points[0].lower).toBeCloseTo(mean - 2.66 * mrBar, 6);
    expect(t.spc.improvement).toBe("decrease");
    expect(typeof t.spc.variation).toBe("string");
  });

  it("counts new register entries per month, withholds small months for analysts, and checks its input", async () => {
    const t = (
      await get("care_coordinator", "/api/timeline?measure=register:HYP&from=2025-04&to=2026-03")
    ).json();
    for (const p of t.points) expect([p.month, p.value]).toEqual([p.month, newHyp.get(p.month) ?? 0]);
    const a = (await get("ics_analyst", "/api/timeline?measure=register:LD&from=2025-04&to=2026-03")).json();
    expect(a.disclosure.kind).toBe("suppressed");
    for (const p of a.points) {
      if (p.suppressed) expect(p.value).toBeNull();
      else expect(p.value === 0 || (p.value >= 8 && p.value % 5 === 0)).toBe(true);
    }
    if (a.points.some((p: { suppressed: boolean }) => p.suppressed)) expect(a.spc).toBeNull();
    expect(
      (await get("ics_analyst", "/api/timeline?measure=emergency_admissions&from=2026-03&to=2025-01"))
        .statusCode,
    ).toBe(400);
    const unknown = await get("ics_analyst", "/api/timeline?measure=register:NOPE");
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe("unknown_measure");
  });
});
