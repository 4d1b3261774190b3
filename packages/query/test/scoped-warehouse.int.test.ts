// The caller's warehouse on a read-only file: aggregates are remembered per scoped SQL, and a
// one-person view never remembers patient-level reads nor sees outside the caller's scope.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_TABLES } from "@bevan/domain";
import { createTableSql, Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { everyoneKnown, ScopedWarehouse } from "../src/scope.ts";

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
      `INSERT INTO person_asof (person_id, age, age_band, sex, ethnicity_group, practice_code, registered, deceased, care_home, learning_disability, record_key, planning_opt_out)
       VALUES (${id}, 50, '50-54', 'F', 'White', '${practice}', TRUE, FALSE, FALSE, FALSE, ${id}, FALSE)`,
    );
    await w.exec(
      `INSERT INTO register (person_id, register, first_date, latest_date) VALUES (${id}, 'HYP', DATE '2020-01-01', DATE '2020-01-01')`,
    );
  }
  // An audit finding for person 3, who is not in person_asof (a stray row).
  await w.exec(
    "INSERT INTO safety_audit_finding (audit_id, audit_version, person_id, detail) VALUES ('a', '1', 3, 'x'), ('a', '1', 1, 'x')",
  );
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
    expect(await sw.aggregate(COUNT)).toEqual([{ n: 1n }]);
    const [size, hits] = [wh.reads.cache?.size ?? 0, wh.reads.cache?.hits ?? 0];
    // Asked again: answered from memory (the scope's coverage check is remembered too).
    expect(await sw.aggregate(COUNT)).toEqual([{ n: 1n }]);
    expect(wh.reads.cache?.size).toBe(size);
    expect(wh.reads.cache?.hits).toBeGreaterThan(hits);
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
  it("a view of named people sees those within the scope only, and can narrow but not widen", async () => {
    const ics = {
      grants: [
        { level: "practice" as const, code: "P1" },
        { level: "practice" as const, code: "P2" },
      ],
    };
    const ids = "SELECT r.person_id FROM scoped_register r ORDER BY r.person_id";
    expect(await new ScopedWarehouse(wh, ics).forPeople([1n, 2n, 3n]).all(ids)).toEqual([
      { person_id: 1n },
      { person_id: 2n },
    ]);
    // Person 2 is registered at P2: named, but outside P1's scope.
    expect(await new ScopedWarehouse(wh, P1).forPeople([1n, 2n]).all(ids)).toEqual([{ person_id: 1n }]);
    expect(await new ScopedWarehouse(wh, ics).forPeople([]).all(ids)).toEqual([]);
    const two = new ScopedWarehouse(wh, ics).forPeople([1n, 2n]);
    expect(await two.forPerson(2n).all(ids)).toEqual([{ person_id: 2n }]);
    expect(() => two.forPeople([1n, 3n])).toThrow();
  });
  it("a scope covering everyone reads tables whose rows all belong to known people without the semi-join", async () => {
    const both = {
      grants: [
        { level: "practice" as const, code: "P1" },
        { level: "practice" as const, code: "P2" },
      ],
    };
    expect(await everyoneKnown(wh, "register")).toBe(true);
    expect(await everyoneKnown(wh, "safety_audit_finding")).toBe(false);
    const sent = vi.spyOn(wh.reads, "all");
    try {
      const regs = "SELECT r.person_id FROM scoped_register r ORDER BY r.person_id";
      expect(await new ScopedWarehouse(wh, both).all(regs)).toEqual([{ person_id: 1n }, { person_id: 2n }]);
      expect(sent.mock.lastCall?.[0]).toContain(
        "scoped_register AS NOT MATERIALIZED (SELECT * FROM register)",
      );
      // A stray row (person 3 is in no practice) stays out even for a scope covering everyone.
      const found = "SELECT f.person_id FROM scoped_safety_audit_finding f ORDER BY f.person_id";
      expect(await new ScopedWarehouse(wh, both).all(found)).toEqual([{ person_id: 1n }]);
      expect(sent.mock.lastCall?.[0]).toContain("scope_person_ids");
      // A scope covering some people keeps the semi-join everywhere.
      expect(await new ScopedWarehouse(wh, P1).all(regs)).toEqual([{ person_id: 1n }]);
      expect(sent.mock.lastCall?.[0]).toContain("scope_person_ids");
    } finally {
      sent.mockRestore();
    }
  });
});
