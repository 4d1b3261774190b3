// The Business cases API: a case that gives its cohort directly runs as the package does; a
// case on a cohort takes its baseline from the caller's scope, disclosed by role (a
// commissioner's figures are the cell-key method's, a clinician's exact), and a case on a
// cohort too small to disclose is refused with what to do; invalid cases name each problem.
import { exampleCase, runBusinessCase, validateBusinessCase } from "@bevan/finance";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startApi } from "./harness.ts";

type Api = Awaited<ReturnType<typeof startApi>>;
let api: Api;
beforeAll(async () => {
  api = await startApi(inject("demo"));
});
afterAll(async () => api.close());

async function run(role: string, body: unknown) {
  const s = await api.signIn(role);
  return api.app.inject({
    method: "POST",
    url: "/api/business-cases/run",
    headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
    payload: { case: body },
  });
}

describe("business cases API", () => {
  it("the examples and the inputs a case may set", async () => {
    const s = await api.signIn("commissioner");
    const res = await api.app.inject({
      method: "GET",
      url: "/api/business-cases/examples",
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.examples.map((e: { id: string }) => e.id)).toEqual([
      "structured-education",
      "hospital-at-home",
      "proactive-care-very-high-risk",
      "minimal",
    ]);
    expect(body.inputs.find((i: { path: string }) => i.path === "intervention.uptake").unit).toBe("share");
  });

  it("a case that gives its cohort directly: the package's result", async () => {
    const c = { ...exampleCase("minimal"), runs: 2000 };
    const res = await run("commissioner", c);
    expect(res.statusCode, res.body).toBe(200);
    const expected = runBusinessCase(validateBusinessCase(c));
    expect(res.json().result.cumulative).toEqual(expected.cumulative);
    expect(res.json().result.probabilityPositive).toBe(expected.probabilityPositive);
    expect(res.json().baseline).toBeNull();
  });

  it("a case on a cohort: baseline from the scope, exact for a clinician, disclosed for a commissioner", async () => {
    const c = { ...exampleCase("hospital-at-home"), runs: 500 };
    const clin = await run("clinician", c);
    expect(clin.statusCode, clin.body).toBe(200);
    const com = await run("commissioner", c);
    expect(com.statusCode, com.body).toBe(200);
    const b = com.json().baseline;
    expect(com.json().disclosure.kind).toBe("suppressed");
    expect(clin.json().disclosure.kind).toBe("direct-care");
    expect(b.from).toBe("following-year");
    expect(b.regression.selectionYear).toBeGreaterThan(b.regression.followingYear);
    expect(com.json().result.inputs.find((i: { path: string }) => i.path === "size").source).toBe("cohort");
  });

  it("a cohort too small to disclose cannot be costed by a commissioner", async () => {
    const tiny = {
      name: "Tiny",
      cohort: {
        definition: {
          kind: "cohort",
          language: 1,
          name: "Aged 104 or over",
          population: "registered",
          criteria: { kind: "age", min: 104 },
        },
      },
      baselineFrom: "last-year",
      runs: 100,
      intervention: { uptake: 0.5, effect: 0.1, costPerPerson: 100 },
    };
    const res = await run("commissioner", tiny);
    expect([400, 403]).toContain(res.statusCode);
    if (res.statusCode === 400)
      expect(res.json().error.message).toContain("could not be taken from the data");
  });

  it("an invalid case names each problem", async () => {
    const res = await run("ics_analyst", { name: "x", size: 10, intervention: { uptake: 2, effect: 0.1 } });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain("/intervention/uptake");
    expect(paths).toContain("/intervention/costPerPerson");
  });
});
