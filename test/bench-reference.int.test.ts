// The benchmark's hand-written reference SQL (bench/reference/) against Bevan's build of the
// shared 20,000-person warehouse: the same derived tables and cohort members, on DuckDB and on
// PostgreSQL 15, so the benchmark's "optimum" keeps answering the same questions as Bevan.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { efiCodelistSources } from "@bevan/clinical";
import { Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { compareCohorts, compareDerived, identical } from "../bench/reference/compare.ts";
import { COMPARED_TABLES, referenceBuild } from "../bench/reference/derived.ts";
import { benchPostgres } from "../bench/reference/postgres.ts";
import { dropReference, runSteps } from "../bench/reference/steps.ts";
import { DEMO_AS_OF } from "./global-setup.ts";
import { SHARED_DATA } from "./paths.ts";
import { findPostgresBin } from "./postgres-server.ts";

let dir: string;
let db: string;
let wh: Warehouse;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bevan-bench-ref-"));
  db = join(dir, "warehouse.duckdb");
  copyFileSync(inject("demo").db, db);
  wh = await Warehouse.open(db);
  await runSteps((sql) => wh.exec(sql), referenceBuild(DEMO_AS_OF, efiCodelistSources(SHARED_DATA)));
});
afterAll(() => {
  wh.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("bench/reference on the 20,000-person warehouse", () => {
  it("derives tables identical to bevan build's, every one non-empty", async () => {
    const checks = await compareDerived(wh);
    expect(checks.map((c) => c.table)).toEqual(Object.values(COMPARED_TABLES));
    for (const c of checks) {
      expect(c.rows, c.table).toBeGreaterThan(0);
      expect([c.table, c.onlyReference, c.onlyBevan]).toEqual([c.table, 0, 0]);
    }
  });

  it("the check notices a missing row and a changed value", async () => {
    await wh.exec("CREATE TEMP TABLE _keep AS SELECT * FROM ref_register");
    await wh.exec(
      "DELETE FROM ref_register WHERE person_id = (SELECT min(person_id) FROM ref_register WHERE register = 'HYP') AND register = 'HYP'",
    );
    await wh.exec(
      "UPDATE ref_person_clinical SET condition_count = condition_count + 1 WHERE person_id = (SELECT min(person_id) FROM ref_person_clinical)",
    );
    const checks = await compareDerived(wh);
    const of = (t: string) => checks.find((c) => c.table === t);
    expect(of("register")).toMatchObject({ onlyReference: 0, onlyBevan: 1 });
    expect(of("person_clinical")).toMatchObject({ onlyReference: 1, onlyBevan: 1 });
    expect(identical(checks)).toBe(false);
    await wh.exec(
      "UPDATE ref_person_clinical SET condition_count = condition_count - 1 WHERE person_id = (SELECT min(person_id) FROM ref_person_clinical)",
    );
    await wh.exec("DELETE FROM ref_register; INSERT INTO ref_register SELECT * FROM _keep; DROP TABLE _keep");
    expect(identical(await compareDerived(wh))).toBe(true);
  });

  it("compares the risk scores to a relative 1e-12, and every other column bit for bit", async () => {
    await wh.exec("CREATE TEMP TABLE _keep AS SELECT * FROM ref_person_clinical");
    const change = async (set: string, column: string) => {
      await wh.exec(`DELETE FROM ref_person_clinical; INSERT INTO ref_person_clinical SELECT * FROM _keep`);
      await wh.exec(
        `UPDATE ref_person_clinical SET ${set} WHERE person_id = (SELECT min(person_id) FROM ref_person_clinical WHERE ${column} IS NOT NULL)`,
      );
      return (await compareDerived(wh)).find((c) => c.table === "person_clinical");
    };
    const r = "qrisk3_10y_percent";
    const d = "qdiabetes_10y_percent";
    expect(await change(`${r} = ${r} * (1 + 1e-14)`, r)).toMatchObject({ onlyReference: 0, onlyBevan: 0 });
    expect(await change(`${r} = ${r} * (1 + 1e-9)`, r)).toMatchObject({ onlyReference: 1, onlyBevan: 1 });
    expect(await change(`${d} = NULL`, d)).toMatchObject({ onlyReference: 1, onlyBevan: 1 });
    expect(await change("qdiabetes_model = 'B'", d)).toMatchObject({ onlyReference: 1, onlyBevan: 1 });
    await wh.exec(
      "DELETE FROM ref_person_clinical; INSERT INTO ref_person_clinical SELECT * FROM _keep; DROP TABLE _keep",
    );
    expect(identical(await compareDerived(wh))).toBe(true);
  });

  it("the hand-written cohorts find the same people as the compiled examples", async () => {
    const checks = await compareCohorts(wh, DEMO_AS_OF);
    for (const c of checks) {
      expect(c.rows, `${c.table}: the synthetic population plants people for every example`).toBeGreaterThan(
        0,
      );
      expect([c.table, c.onlyReference, c.onlyBevan]).toEqual([c.table, 0, 0]);
    }
  });

  it.runIf(findPostgresBin() !== null)(
    "the same SQL on PostgreSQL 15 gives the same tables and members",
    async () => {
      await dropReference((sql) => wh.exec(sql));
      wh.close();
      try {
        const r = await benchPostgres(db);
        expect(identical(r.checks), JSON.stringify(r.checks)).toBe(true);
        expect(identical(r.cohortChecks), JSON.stringify(r.cohortChecks)).toBe(true);
        expect(r.checks.every((c) => c.rows > 0)).toBe(true);
        expect(r.load.rows).toBeGreaterThan(100_000);
      } finally {
        wh = await Warehouse.open(db);
      }
    },
  );
});
