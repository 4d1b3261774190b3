// `bevan imaging` as a planner runs it: mutual aid on the documented example network (no
// warehouse), the census and a scenario on the shared 20,000-person warehouse — the JSON is what
// the docs say, the same seed gives the same answer, and a broken scenario is refused (exit 2).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { BEVAN_BIN, PINNED_NODE, REPO_ROOT } from "../../../test/paths.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-imaging-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function bevan(...args: string[]) {
  const r = spawnSync(PINNED_NODE, [BEVAN_BIN, "imaging", ...args], {
    encoding: "utf8",
    cwd: REPO_ROOT,
    env: { ...process.env, BEVAN_DATA_DIR: tmp, CI: "1" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("bevan imaging", () => {
  it("mutual-aid --in: the example network's plan, within the travel limit, fewer breaches, sites by name", () => {
    const example = join(REPO_ROOT, "docs", "examples", "imaging-network.json");
    const json = bevan("mutual-aid", "--in", example, "--json");
    expect(json.code, json.err).toBe(0);
    const plan = JSON.parse(json.out);
    expect(plan.transfers.length).toBeGreaterThan(0);
    for (const t of plan.transfers) {
      expect(Object.keys(t)).toEqual(
        expect.arrayContaining(["from", "to", "modality", "patients", "minutes", "waitedWeeks"]),
      );
      expect(t.minutes).toBeLessThanOrEqual(plan.maxTravelMinutes);
    }
    expect(plan.breachesAfter).toBeLessThan(plan.breachesBefore);
    const text = bevan("mutual-aid", "--in", example);
    expect(text.code).toBe(0);
    expect(text.out).toContain("Salford Royal");
    expect(text.out).toContain(`${plan.breachesBefore} patients would be waiting 6+ weeks without it`);
  });

  it("census --month: trusts' lists add up to the network's, with the published returns beside them", () => {
    const r = bevan("census", "--db", inject("demo").db, "--month", "2026-03", "--json");
    expect(r.code, r.err).toBe(0);
    const c = JSON.parse(r.out);
    expect(c.censusDate).toBe("2026-03-31");
    expect(c.rows.map((x: { group: string }) => x.group).sort()).toEqual(["R0A", "RBT", "RM3", "RWJ"]);
    const sum = c.rows.reduce((a: number, x: { waiting: number }) => a + x.waiting, 0);
    expect(sum).toBe(c.network.waiting);
    for (const x of c.rows) {
      expect(x.over6).toBeLessThanOrEqual(x.waiting);
      expect(x.weeks.reduce((a: number, n: number) => a + n, 0)).toBe(x.waiting);
    }
    expect(c.published.length).toBeGreaterThan(0);
  });

  it("simulate: the same scenario and seed give identical output; a broken scenario is refused with its problems", () => {
    const scenario = join(REPO_ROOT, "docs", "examples", "imaging-scenario.json");
    const run = () =>
      bevan(
        "simulate",
        "--db",
        inject("demo").db,
        "--scenario",
        scenario,
        "--runs",
        "20",
        "--seed",
        "5",
        "--json",
      );
    const a = run();
    expect(a.code, a.err).toBe(0);
    expect(run().out).toBe(a.out);
    const s = JSON.parse(a.out);
    expect(s.runs).toBe(20);
    const network = s.series.find((x: { level: string }) => x.level === "network");
    for (const p of network.points) {
      expect(p.waiting.p10).toBeLessThanOrEqual(p.waiting.p50);
      expect(p.waiting.p50).toBeLessThanOrEqual(p.waiting.p90);
    }
    const bad = join(tmp, "bad.json");
    writeFileSync(bad, JSON.stringify({ name: "x", weeks: 2, changes: [{ kind: "extra_sessions" }] }));
    const refused = bevan(
      "simulate",
      "--db",
      inject("demo").db,
      "--scenario",
      bad,
      "--runs",
      "10",
      "--seed",
      "1",
    );
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/weeks/);
  });
});
