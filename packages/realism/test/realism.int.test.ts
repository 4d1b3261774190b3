// The realism report on the shared 20,000-person warehouse (seed 7; a private copy, scored):
// every figure within the range the published English figures allow at this size.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Warehouse } from "@bevan/engine";
import { scoreRisk } from "@bevan/risk";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BEVAN_BIN, PINNED_NODE, REPO_ROOT, SHARED_DATA } from "../../../test/paths.ts";
import { type RealismReport, realismReport } from "../src/index.ts";

const demo = inject("demo");
const dir = mkdtempSync(join(tmpdir(), "bevan-realism-"));
const db = join(dir, "warehouse.duckdb");
let report: RealismReport;

beforeAll(async () => {
  copyFileSync(demo.db, db);
  const wh = await Warehouse.open(db);
  try {
    await scoreRisk(wh, { sharedDataDir: SHARED_DATA });
    report = await realismReport(wh, { truthDir: join(demo.extract, "truth") });
  } finally {
    wh.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bevan realism on 20,000 people", () => {
  it("passes every check within the tolerances this size allows", () => {
    const failed = report.checks.filter((c) => !c.pass);
    expect(failed.map((c) => `${c.name}: ${c.value} not in ${c.low}–${c.high}`)).toEqual([]);
  });

  it("measures deaths, admissions, QOF registers, eFI, the NDA processes, learning disability and births", () => {
    const groups = new Set(report.checks.map((c) => c.group));
    for (const g of [
      "Mortality",
      "Hospital activity",
      "Maternity",
      "Register prevalence",
      "Frailty (aged 65+)",
      "Diabetes care processes",
      "Learning disability",
      "Diagnostic imaging",
      "Undiagnosed (generator truth)",
    ])
      expect(groups.has(g), g).toBe(true);
    expect(report.checks.length).toBeGreaterThanOrEqual(50);
  });

  it("people with a learning disability: higher risk, more conditions, more deprivation, with the test and p-value", () => {
    const ld = report.checks.filter((c) => c.group === "Learning disability" && c.id !== "ld-epilepsy");
    expect(ld).toHaveLength(3);
    for (const c of ld) {
      expect(c.value, c.id).toBeGreaterThan(1);
      expect(c.test?.name).toBe("two-proportion z-test, one-sided");
    }
    // Significant even at this size for risk and deprivation (five or more conditions: see the 100,000 run).
    for (const id of ["ld-high-risk", "ld-most-deprived"])
      expect(ld.find((c) => c.id === id)?.test?.p).toBeLessThan(0.05);
  });

  it("prints the JSON form {checks: [{name, value, target, low, high, pass, source}]}", () => {
    const r = spawnSync(PINNED_NODE, [BEVAN_BIN, "realism", "--db", db, "--json"], {
      encoding: "utf8",
      cwd: REPO_ROOT,
      env: { ...process.env, BEVAN_DATA_DIR: dir, CI: "1" },
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { checks: Record<string, unknown>[] };
    for (const c of j.checks)
      expect(Object.keys(c)).toEqual(
        expect.arrayContaining(["name", "value", "target", "low", "high", "pass", "source"]),
      );
    expect(j.checks.filter((c) => c.group === "Undiagnosed (generator truth)")).toEqual([]);
  });
});
