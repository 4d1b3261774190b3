// The embedded server, called in-process: health, readiness, a suppressed summary, the
// status page, security headers, and no internals in errors.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createServer } from "../src/server.ts";

let server: Awaited<ReturnType<typeof createServer>>;
beforeAll(async () => {
  server = await createServer({ db: inject("demo").db });
});
afterAll(async () => server.close());

describe("status server", () => {
  it("reports health and readiness with the as-of date", async () => {
    expect((await server.app.inject("/api/health")).json()).toEqual({ status: "ok" });
    expect((await server.app.inject("/api/ready")).json()).toEqual({ status: "ready", asOf: "2026-03-31" });
  });

  it("serves the summary with every count passed through small-number suppression", async () => {
    const s = (await server.app.inject("/api/summary")).json();
    expect(s.persons.registered).toMatchObject({ suppressed: false, value: expect.any(Number) });
    for (const r of Object.values(s.registers) as {
      count: { value: number | null; suppressed: boolean };
    }[]) {
      if (r.count.suppressed) expect(r.count.value).toBeNull();
      else expect(r.count.value === 0 || (r.count.value ?? 0) >= 10).toBe(true);
    }
  });

  it("serves the status page with security headers", async () => {
    const res = await server.app.inject("/");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.body).toContain("Hypertension");
    expect(res.body).toContain("2026-03-31");
  });

  it("answers an unknown route with 404 and no internals", async () => {
    const res = await server.app.inject("/api/nope");
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toMatch(/at .*\.ts|SELECT/);
  });
});

describe("small-number suppression", () => {
  it("withholds 1 to 9, shows 0 and 10+", async () => {
    const { suppressCount } = await import("@bevan/query");
    expect(suppressCount(0)).toEqual({ value: 0, suppressed: false });
    expect(suppressCount(1)).toEqual({ value: null, suppressed: true });
    expect(suppressCount(9)).toEqual({ value: null, suppressed: true });
    expect(suppressCount(10)).toEqual({ value: 10, suppressed: false });
  });
});
