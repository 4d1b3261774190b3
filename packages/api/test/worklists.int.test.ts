// Worklists, cohort member lists, attrition and the code picker through the API, on a scored
// copy of the shared warehouse: pages are audited once each with their people, exports hold
// every person with provenance (CSV with a BOM, XLSX with a provenance sheet, the NHS-number
// list for direct care only), aggregates are disclosed by role.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { scoredDemo } from "../../../test/scored-demo.ts";
import { type RoleCode, startApi } from "./harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
const sessions = new Map<RoleCode, { cookie: string; csrf: string }>();
const get = (role: RoleCode, url: string) =>
  api.app.inject({ url, headers: { cookie: sessions.get(role)?.cookie ?? "" } });
const post = (role: RoleCode, url: string, payload: unknown) =>
  api.app.inject({
    method: "POST",
    url,
    payload: payload as object,
    headers: { cookie: sessions.get(role)?.cookie ?? "", "x-csrf-token": sessions.get(role)?.csrf ?? "" },
  });

beforeAll(async () => {
  const demo = await scoredDemo(inject("demo"));
  api = await startApi(demo);
  for (const role of ["clinician", "ics_analyst", "commissioner"] as const)
    sessions.set(role, await api.signIn(role));
});
afterAll(async () => {
  await api?.close();
});

async function audits(action: string, username: string) {
  return api.state.query<{
    row_count: number;
    person_ids: { ids: string[] };
    params: Record<string, unknown>;
  }>(
    "SELECT e.row_count, e.person_ids, e.params FROM audit_events e WHERE e.action = $1 AND e.username = $2 ORDER BY e.seq",
    [action, username],
  );
}

describe("worklists", () => {
  it("the catalogue counts each list in the caller's scope, disclosed for an analyst", async () => {
    const clin = (await get("clinician", "/api/worklists")).json();
    expect(clin.worklists.map((w: { id: string }) => w.id)).toContain("inhaler-duplication");
    expect(clin.disclosure.kind).toBe("direct-care");
    for (const w of clin.worklists) expect(w.count.suppressed).toBe(false);
    const analyst = (await get("ics_analyst", "/api/worklists")).json();
    expect(analyst.disclosure.kind).toBe("suppressed");
    // Cell-key perturbation: the analyst's figure for a list is the same figure every time.
    const again = (await get("ics_analyst", "/api/worklists")).json();
    expect(again.worklists.map((w: { count: unknown }) => w.count)).toEqual(
      analyst.worklists.map((w: { count: unknown }) => w.count),
    );
  });

  it("a page is the list's people with their reasons, audited once with exactly those people", async () => {
    const before = (await audits("worklist.members", "clinician")).length;
    const res = await get(
      "clinician",
      "/api/worklists/diabetes-hba1c-above-target/list?limit=7&sort=age&desc=true",
    );
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.identity).toBe("identified");
    expect(page.rows.length).toBe(Math.min(7, page.total));
    expect(page.rows.every((r: { nhsNumber: string }) => /^[0-9]{10}$/.test(r.nhsNumber))).toBe(true);
    const ages = page.rows.map((r: { age: number }) => r.age);
    expect(ages).toEqual([...ages].sort((a, b) => b - a));
    const events = await audits("worklist.members", "clinician");
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)?.person_ids.ids).toEqual(page.rows.map((r: { personId: string }) => r.personId));
    expect(events.at(-1)?.params).toMatchObject({ worklist: "diabetes-hba1c-above-target", limit: 7 });
    // The practice-level count the catalogue gives is the list's total.
    const one = (await get("clinician", "/api/worklists/diabetes-hba1c-above-target")).json();
    expect(one.total.value).toBe(page.total);
    expect(one.byPractice.reduce((a: number, p: { count: { value: number } }) => a + p.count.value, 0)).toBe(
      page.total,
    );
  });

  it("exports every person: CSV with a BOM and provenance, XLSX with a provenance sheet, NHS numbers for direct care", async () => {
    const list = (await get("clinician", "/api/worklists/diabetes-no-statin/list?limit=500")).json();
    const csv = await get("clinician", "/api/worklists/diabetes-no-statin/export?format=csv");
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.startsWith("\uFEFFNHS number,Pseudonymous id,")).toBe(true);
    const lines = csv.body.split("\r\n");
    const blank = lines.indexOf("");
    expect(blank - 1).toBe(list.total);
    expect(csv.body).toContain("\r\nAbout this list,\r\n");
    for (const k of ["Scope,", "As of,", "Disclosure,", "Source,", "Exported by,", "Exported at,"])
      expect(csv.body).toContain(`\r\n${k}`);
    const xlsx = await get("clinician", "/api/worklists/diabetes-no-statin/export?format=xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["List", "About this list"]);
    expect(book.worksheets[0]?.rowCount).toBe(list.total + 1);
    expect(book.worksheets[0]?.getCell("A2").value).toMatch(/^[0-9]{10}$/);
    const nhs = await get("clinician", "/api/worklists/diabetes-no-statin/export?format=nhs");
    const numbers = nhs.body.trim().split("\r\n");
    expect(numbers.length).toBe(list.total);
    expect(numbers.every((n: string) => /^[0-9]{10}$/.test(n))).toBe(true);
    expect(new Set(numbers)).toEqual(new Set(list.rows.map((r: { nhsNumber: string }) => r.nhsNumber)));
    const events = await audits("worklist.export", "clinician");
    expect(events.slice(-3).map((e) => e.row_count)).toEqual([list.total, list.total, list.total]);
  });

  it("an analyst gets pseudonymous lists and no NHS-number file; a commissioner no list at all", async () => {
    const page = (await get("ics_analyst", "/api/worklists/inhaler-duplication/list")).json();
    expect(page.identity).toBe("pseudonymous");
    expect(page.rows.every((r: object) => !("nhsNumber" in r))).toBe(true);
    expect(
      (await get("ics_analyst", "/api/worklists/inhaler-duplication/export?format=nhs")).statusCode,
    ).toBe(403);
    expect((await get("commissioner", "/api/worklists/inhaler-duplication/list")).statusCode).toBe(403);
    expect((await get("commissioner", "/api/worklists/inhaler-duplication")).statusCode).toBe(200);
    expect((await get("clinician", "/api/worklists/no-such-list/list")).statusCode).toBe(404);
    expect((await get("clinician", "/api/worklists/inhaler-duplication/list?sort=r9")).statusCode).toBe(400);
  });
});

describe("cohort builder support", () => {
  const definition = {
    kind: "cohort",
    language: 1,
    name: "75+ with hypertension and an HbA1c",
    population: "registered",
    criteria: {
      kind: "and",
      of: [
        { kind: "age", min: 75 },
        { kind: "register", register: "HYP" },
        {
          kind: "latest_value",
          codes: { kind: "codelist", id: "gm-sde/hba1c" },
          window: { kind: "window", from: null, to: { kind: "offset", n: 0, unit: "days" } },
          op: ">",
          value: 0,
        },
      ],
    },
  };

  it("attrition: raw for direct care, each count disclosed for an analyst; the last step is the preview's count", async () => {
    const clin = (await post("clinician", "/api/cohorts/attrition", { definition })).json();
    const preview = (await post("clinician", "/api/cohorts/preview", { definition })).json();
    expect(clin.steps.map((s: { label: string }) => s.label)).toEqual([
      "Aged 75 or over",
      "On the hypertension register",
      "Latest HbA1c above 0 ever",
    ]);
    expect(clin.steps.at(-1).left.value).toBe(preview.count.value);
    const analyst = (await post("ics_analyst", "/api/cohorts/attrition", { definition })).json();
    expect(analyst.disclosure.kind).toBe("suppressed");
    // The last step is the cohort: the same cell, so the same published figure as its preview.
    const analystPreview = (await post("ics_analyst", "/api/cohorts/preview", { definition })).json();
    expect(analyst.steps.at(-1).left).toEqual(analystPreview.count);
    const bad = await post("clinician", "/api/cohorts/attrition", {
      definition: { ...definition, criteria: { kind: "age", min: -1 } },
    });
    expect(bad.statusCode).toBe(400);
  });

  it("a saved cohort's list and export hold its members with the why columns", async () => {
    const saved = (await post("clinician", "/api/cohorts", { name: definition.name, definition })).json();
    const page = (
      await get("clinician", `/api/cohorts/${saved.cohortId}/list?sort=r1&desc=true&limit=5`)
    ).json();
    expect(page.reasons.map((r: { id: string }) => r.id)).toEqual(["r0", "r1"]);
    const count = (await get("clinician", `/api/cohorts/${saved.cohortId}/count`)).json();
    expect(page.total).toBe(count.total.value);
    const csv = await get("clinician", `/api/cohorts/${saved.cohortId}/export?format=csv`);
    expect(csv.body.split("\r\n").indexOf("") - 1).toBe(count.total.value);
    expect((await audits("cohort.export", "clinician")).at(-1)?.row_count).toBe(count.total.value);
  });

  it("the code picker finds codelists and codes with their terms", async () => {
    const found = (await get("ics_analyst", "/api/codes/search?q=clozapine&system=dmd")).json();
    expect(found.codelists.map((l: { id: string }) => l.id)).toContain("gm-sde/clozapine");
    expect(found.codes.length).toBeGreaterThan(0);
    for (const c of found.codes) expect(c.term.toLowerCase()).toContain("clozapine");
    const list = (await get("ics_analyst", "/api/codelists/gm-sde%2Fhba1c")).json();
    expect(list.codelist.name).toBe("HbA1c");
    const terms = (
      await post("ics_analyst", "/api/codes/terms", {
        system: "snomedct",
        codes: list.codes.map((c: { code: string }) => c.code),
      })
    ).json();
    expect(terms.terms.map((t: { term: string }) => t.term)).toEqual(
      list.codes.map((c: { term: string }) => c.term),
    );
  });
});
