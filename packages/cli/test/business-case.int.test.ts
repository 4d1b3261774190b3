// `bevan business-case run` as docs/business-cases.md shows it: the documented JSON format for a
// case that gives its cohort directly, reproducible by seed; the worked examples on the shared
// warehouse, with the baseline checked against plain SQL on the costed activity.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { BEVAN_BIN, PINNED_NODE, REPO_ROOT } from "../../../test/paths.ts";
import { scoredDemo } from "../../../test/scored-demo.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-business-case-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const EXAMPLES = join(REPO_ROOT, "packages", "finance", "examples");

function bevan(...args: string[]) {
  const r = spawnSync(PINNED_NODE, [BEVAN_BIN, ...args], {
    encoding: "utf8",
    cwd: REPO_ROOT,
    env: { ...process.env, BEVAN_DATA_DIR: tmp, CI: "1" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("bevan business-case run", () => {
  it("a case that gives its cohort directly: the documented JSON", () => {
    const a = bevan("business-case", "run", join(EXAMPLES, "minimal.json"), "--json", "--runs", "2000");
    expect(a.code, a.err).toBe(0);
    const out = JSON.parse(a.out);
    for (const k of ["p10", "p50", "p90", "mean"]) expect(typeof out.cumulative[k]).toBe("number");
    expect(out.byYear).toHaveLength(5);
    expect(Object.keys(out.byYear[0])).toEqual(expect.arrayContaining(["year", "p10", "p50", "p90", "mean"]));
    expect(out.probabilityPositive).toBeGreaterThan(0);
    expect(out.probabilityPositive).toBeLessThan(1);
  });

  it("every input fixed: the hand-worked result (docs/business-cases.md)", () => {
    const file = join(tmp, "fixed.json");
    writeFileSync(
      file,
      JSON.stringify({
        name: "Fixed",
        size: 1000,
        runs: 10,
        baseline: { admissionsPerPerson: 0.5, costPerAdmission: 2000 },
        intervention: { uptake: 0.4, effect: 0.2, costPerPerson: 100 },
      }),
    );
    const r = bevan("business-case", "run", file, "--json");
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.cumulative.p50).toBeCloseTo(186_923.17, 2);
    expect(out.cumulative.p10).toBe(out.cumulative.p90);
    expect(out.probabilityPositive).toBe(1);
  });

  it("says what to fix in a case that does not follow the format", () => {
    const file = join(tmp, "bad.json");
    writeFileSync(file, JSON.stringify({ name: "Bad", size: 10, intervention: { uptake: 40, effect: 0.1 } }));
    const r = bevan("business-case", "run", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain("/intervention/uptake: must lie between 0 and 1");
    expect(r.err).toContain("'intervention.costPerPerson' is required");
    const c = bevan("business-case", "run", join(EXAMPLES, "hospital-at-home.json"));
    expect(c.code).toBe(2);
    expect(c.err).toContain("--db FILE");
  });

  it("the worked examples run on the warehouse, the baseline taken from it (checked against plain SQL in finance-query)", async () => {
    const { db } = inject("demo");
    const r = bevan(
      "business-case",
      "run",
      join(EXAMPLES, "hospital-at-home.json"),
      "--db",
      db,
      "--json",
      "--runs",
      "1000",
    );
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    const b = out.baseline;
    expect(b.from).toBe("following-year");
    expect(b.regression.selectionYear).toBeGreaterThanOrEqual(2);
    expect(b.regression.followingYear).toBeLessThan(b.regression.selectionYear);
    expect(out.inputs.find((i: { path: string }) => i.path === "size").source).toBe("cohort");
    // Structured education chooses its cohort on a score (QDiabetes).
    const scored = await scoredDemo(inject("demo"));
    for (const f of ["structured-education.json"]) {
      const e = bevan("business-case", "run", join(EXAMPLES, f), "--db", scored.db, "--runs", "500");
      expect(e.code, e.err).toBe(0);
      expect(e.out).toContain("Chance of breaking even");
    }
  });

  it("bevan contract evaluate: every PCN's achievements and payments", () => {
    const { db } = inject("demo");
    const r = bevan(
      "contract",
      "evaluate",
      join(EXAMPLES, "diabetes-outcomes-contract.json"),
      "--db",
      db,
      "--json",
    );
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.parties.length).toBeGreaterThan(3);
    for (const p of out.parties) {
      expect(p.indicators.map((i: { id: string }) => i.id)).toEqual(["hba1c-target", "statin"]);
      expect(p.earned).toBeLessThanOrEqual(p.contingent);
    }
    expect(out.totalEarned).toBeGreaterThan(0);
    const text = bevan("contract", "evaluate", join(EXAMPLES, "diabetes-outcomes-contract.json"), "--db", db);
    expect(text.out).toContain("Total earned");
  });
});
