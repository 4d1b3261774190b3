// The server in-process: health, readiness, the public summary and front page (suppressed
// for any audience), the OpenAPI document, security headers, and no internals in errors.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startApi } from "./harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
beforeAll(async () => {
  api = await startApi(inject("demo"));
});
afterAll(async () => api.close());

describe("public routes", () => {
  it("reports health and readiness with the as-of date and the state back end", async () => {
    expect((await api.app.inject("/api/health")).json()).toEqual({ status: "ok" });
    expect((await api.app.inject("/api/ready")).json()).toEqual({
      status: "ready",
      asOf: "2026-03-31",
      state: "pglite",
      caches: "warm",
    });
  });

  it("serves the ICS summary with every count withheld below 8 and perturbed otherwise", async () => {
    const s = (await api.app.inject("/api/summary")).json();
    expect(s.disclosure).toEqual({ threshold: 8, rounding: 5, method: "cell-key", maxPerturbation: 5 });
    const counts = [
      s.persons.registered,
      s.activity.emergencyAdmissions12m,
      ...s.registers.map((r: { count: unknown }) => r.count),
    ];
    for (const c of counts as { value: number | null; suppressed: boolean }[]) {
      if (c.suppressed) expect(c.value).toBeNull();
      else expect(c.value === 0 || (c.value as number) >= 8).toBe(true);
    }
    // The same people give the same figures on every request.
    expect((await api.app.inject("/api/summary")).json()).toEqual(s);
    // 20,000 generated people, of whom most are registered.
    expect(s.persons.registered.value).toBeGreaterThan(15_000);
    expect(s.organisations.practices).toBeGreaterThan(10);
  });

  it("serves the front page with a sign-in form and security headers", async () => {
    const res = await api.app.inject("/");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.body).toContain("Hypertension");
    expect(res.body).toContain("2026-03-31");
    expect(res.body).toContain('id="sign-in"');
  });

  it("publishes an OpenAPI 3.1 document with a schema for every API route", async () => {
    const doc = (await api.app.inject("/api/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    for (const path of [
      "/api/patients",
      "/api/patients/{personId}",
      "/api/prevalence",
      "/api/cohorts/{id}/members",
      "/api/audit",
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    const list = doc.paths["/api/patients"].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["register", "practice", "limit"]),
    );
  });

  it("answers an unknown route with a coded 404 and no internals", async () => {
    const res = await api.app.inject("/api/nope");
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("not_found");
    expect(res.body).not.toMatch(/at .*\.ts|SELECT/);
  });
});

describe("sign-in", () => {
  it("sets HttpOnly SameSite=Strict cookies, Secure behind HTTPS, and a new session id each time", async () => {
    const first = await api.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { username: "clinician", password: "correct horse battery staple" },
    });
    const session = first.cookies.find((c) => c.name === "bevan_session");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Strict");
    expect(session?.secure).toBeFalsy();
    const second = await api.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { cookie: `bevan_session=${session?.value}` },
      payload: { username: "clinician", password: "correct horse battery staple" },
    });
    const rotated = second.cookies.find((c) => c.name === "bevan_session")?.value;
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(session?.value);
    // The session presented at sign-in no longer works.
    const old = await api.app.inject({
      url: "/api/auth/me",
      headers: { cookie: `bevan_session=${session?.value}` },
    });
    expect(old.statusCode).toBe(401);
  });

  it("refuses a wrong password without saying which part was wrong", async () => {
    const res = await api.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { username: "clinician", password: "nope" },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe("the username or password is wrong");
  });
});

describe("sign-in rate limit", () => {
  it("refuses the 6th attempt in a minute from one address with 429", async () => {
    const limited = await startApi(inject("demo"), { signInMax: 5 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++)
        codes.push(
          (
            await limited.app.inject({
              method: "POST",
              url: "/api/auth/sign-in",
              payload: { username: "clinician", password: "guess" },
            })
          ).statusCode,
        );
      expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
