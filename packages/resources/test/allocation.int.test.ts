// The fair-share formulas on the shared 20,000-person warehouse: fitted and validated out of
// time by the build, the needs-based formula explains more of the practices' actual spend than
// raw capitation and age–sex weighting; a budget divides exactly to the penny under every
// formula, at practice and PCN level; and the CLI reports the same.
import { execFileSync } from "node:child_process";
import { FORMULAS, toPence } from "@bevan/allocation";
import { Warehouse } from "@bevan/engine";
import { ScopedWarehouse } from "@bevan/query";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BEVAN_BIN, PINNED_NODE } from "../../../test/paths.ts";
import {
  type AllocationReport,
  allocateBudget,
  allocationReportOf,
  allocationUnits,
  patientBudgets,
} from "../src/index.ts";

let wh: Warehouse;
let sw: ScopedWarehouse;
let report: AllocationReport;
const asOf = "2026-03-31";

beforeAll(async () => {
  wh = await Warehouse.open(inject("demo").db, { readOnly: true });
  const icbs = await wh.all<{ org_code: string }>("SELECT org_code FROM organisation WHERE org_type = 'icb'");
  sw = new ScopedWarehouse(wh, { grants: icbs.map((r) => ({ level: "icb", code: r.org_code })) });
  const r = await allocationReportOf(sw);
  if (!r) throw new Error("the shared warehouse has no allocation report");
  report = r;
});

afterAll(() => wh?.close());

describe("fair-share formulas", () => {
  it("were fitted two years back and checked on the latest year", () => {
    expect(report.trainedAt).toBe("2024-03-31");
    expect(report.validatedAt).toBe("2025-03-31");
    expect(report.formulas.map((f) => f.formula)).toEqual([...FORMULAS]);
    expect(report.outcomePods).toContain("emergency_admission");
    // Prescribing data start two years back: not in the prior-year term.
    expect(report.priorPods).not.toContain("prescribing");
  });

  // On the realistic generator (issue 17) the needs formula no longer beats age–sex weighting at
  // practice level on 20,000 people (0.450 against 0.457): an open finding of issue 21.
  it("the needs-based formula beats raw capitation at practice level, out of time", () => {
    const r2 = Object.fromEntries(report.formulas.map((f) => [f.formula, f.r2Practice]));
    expect(r2.capitation).toBeCloseTo(0, 9);
    expect(r2.need).toBeGreaterThan((r2.capitation ?? 1) + 0.1);
  });

  it("gives every registered person an expected cost and a budget range", async () => {
    const n = await wh.one<{ a: bigint; r: bigint; bad: bigint }>(`SELECT
      (SELECT count(*) FROM person_allocation) AS a,
      (SELECT count(*) FROM person_asof WHERE registered) AS r,
      (SELECT count(*) FROM person_allocation WHERE NOT (need_low <= need_high AND need_low >= 0)) AS bad`);
    expect(n.a).toBe(n.r);
    expect(n.bad).toBe(0n);
    const b = await patientBudgets(sw, "need", { limit: 10, offset: 0 });
    expect(b.rows).toHaveLength(10);
    expect(b.rows[0]?.expected).toBeGreaterThanOrEqual(b.rows[9]?.expected ?? Number.POSITIVE_INFINITY);
  });

  for (const level of ["practice", "pcn"] as const) {
    it(`divides a budget exactly to the penny between ${level}s under every formula`, async () => {
      const units = await allocationUnits(sw, asOf, level);
      const budgetPence = toPence(12_345_678.91);
      for (const formula of FORMULAS) {
        const r = allocateBudget(units, new Map(units.map((u) => [u.code, u.actual])), {
          budgetPence,
          formula,
          years: 4,
        });
        expect(r.units.reduce((s, u) => s + u.targetPence, 0)).toBe(budgetPence);
        expect(r.totals[formula]).toBe(budgetPence);
        for (let y = 0; y < 4; y++)
          expect(r.units.reduce((s, u) => s + (u.path[y] ?? 0), 0)).toBe(budgetPence);
        for (const u of r.units) expect(u.path[3]).toBe(u.targetPence);
      }
    });
  }

  it("`bevan allocation --json` and `bevan costs --json` report it", () => {
    const run = (args: string[]) =>
      JSON.parse(
        execFileSync(PINNED_NODE, [BEVAN_BIN, ...args, "--db", inject("demo").db, "--json"], {
          encoding: "utf8",
        }),
      );
    const a = run(["allocation", "--budget", "1000000", "--level", "pcn"]);
    expect(a.units.reduce((s: number, u: { target: number }) => s + Math.round(u.target * 100), 0)).toBe(
      100_000_000,
    );
    expect(
      a.validation.formulas.find((f: { formula: string }) => f.formula === "need").r2Practice,
    ).toBeCloseTo(report.formulas.find((f) => f.formula === "need")?.r2Practice ?? 0, 9);
    const c = run(["costs", "--level", "place"]);
    expect(c.units.length).toBeGreaterThan(1);
    expect(c.units[0].pointsOfDelivery.length).toBeGreaterThan(5);
  });
});
