// The caller's warehouse on a read-only file: aggregates are remembered per scoped SQL, and a
// one-person view never remembers patient-level reads nor sees outside the caller's scope.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_TABLES } from "@bevan/domain";
import { createTableSql, Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScopedWarehouse } from "../src/scope.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-scoped-"));
const file = join(tmp, "w.duckdb");
let wh: Warehouse;
beforeAll(async () => {
  const w = await Warehouse.open(file);
  for (const t of ALL_TABLES) await w.exec(createTableSql(t, w.dialect));
  // Person 1 at practice P1, person 2 at practice P2; both on HYP.
  for (const [id, practice] of [
    [1, "P1"],
    [2, "P2"],
  ] as const) {
    await w.exec(
      `INSERT INTO person_asof (person_id, age, age_band, sex, ethnicity_group, practice_code, registered, deceased, care_home, learning_disability)
       VALUES (${id}, 50, '50-54', 'F', 'White', '${practice}', TRUE, FALSE, FALSE, FALSE)`,
    );
    await w.exec(
      `INSERT INTO register (person_id, register, first_date, latest_date) VALUES (${id}, 'HYP', DATE '2020-01-01', DATE '2020-01-01')`,
    );
  }
  w.close();
  wh = await Warehouse.open(file, { readOnly: true });
});
afterAll(() => {
  wh?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const P1 = { grants: [{ level: "practice" as const, code: "P1" }] };
const COUNT = "SELECT count(*) AS n FROM scoped_register r WHERE r.register = 'HYP'";

describe("ScopedWarehouse", () => {
  it("remembers an aggregate per scope", async () => {
    const sw = new ScopedWarehouse(wh, P1);
    const before = wh.reads.cache?.hits ?? 0;
    expect(await sw.aggregate(COUNT)).toEqual([{ n: 1n }]);
    expect(await sw.aggregate(COUNT)).toEqual([{ n: 1n }]);
    expect(wh.reads.cache?.hits).toBe(before + 1);
  });
  it("a one-person view sees that person only within the scope, and never remembers their rows", async () => {
    const sizeBefore = wh.reads.cache?.size ?? 0;
    expect(await new ScopedWarehouse(wh, P1).forPerson(1n).aggregate(COUNT)).toEqual([{ n: 1n }]);
    expect(await new ScopedWarehouse(wh, P1).forPerson(2n).aggregate(COUNT)).toEqual([{ n: 0n }]);
    expect(wh.reads.cache?.size).toBe(sizeBefore);
    // A query reading no person-level table is the same for everyone, so it is remembered.
    await new ScopedWarehouse(wh, P1).forPerson(1n).aggregate("SELECT count(*) AS n FROM organisation");
    expect(wh.reads.cache?.size).toBe(sizeBefore + 1);
  });
  it("a one-person view cannot be moved to another person", () => {
    expect(() => new ScopedWarehouse(wh, P1).forPerson(1n).forPerson(2n)).toThrow();
  });
});
