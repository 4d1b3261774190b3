// The scope seam: person-level tables are reachable only through views restricted to the
// caller's organisations; an empty scope sees nobody; narrowing only ever restricts.
import { trino } from "@bevan/engine";
import { describe, expect, it } from "vitest";
import { PERSON_TABLES, scopePredicate, scopeSql, UnscopedQueryError } from "../src/scope.ts";

describe("scopeSql", () => {
  it("lists every table with a person_id column as person-level", () => {
    expect(PERSON_TABLES).toEqual(
      expect.arrayContaining(["person", "person_asof", "register", "gp_event", "hospital_spell"]),
    );
    expect(PERSON_TABLES).not.toContain("organisation");
  });
  it("refuses SQL that names a person-level table directly, in any case or quoting", () => {
    for (const sql of [
      "SELECT count(*) FROM person_asof",
      'SELECT * FROM "register"',
      "SELECT * FROM organisation o, GP_EVENT e",
      "SELECT * FROM scoped_person_asof p JOIN person x USING (person_id)",
    ]) {
      expect(() => scopeSql({ grants: [{ level: "practice", code: "P1" }] }, sql), sql).toThrow(
        UnscopedQueryError,
      );
    }
  });
  it("allows qualified columns and parameters that share a table's name", () => {
    expect(() =>
      scopeSql({ grants: [] }, "SELECT r.register FROM scoped_register r WHERE r.register = $register"),
    ).not.toThrow();
  });
  it("injects the caller's organisations as the predicate of every scoped view", () => {
    const sql = scopeSql(
      { grants: [{ level: "pcn", code: "TRF-W-PCN1" }] },
      "SELECT count(*) FROM scoped_gp_event e JOIN scoped_person_asof p USING (person_id)",
    );
    expect(sql).toContain(
      "scoped_person_asof AS NOT MATERIALIZED (SELECT * FROM person_asof p WHERE (p.pcn_code IN ('TRF-W-PCN1')))",
    );
    expect(sql).toContain(
      "scope_person_ids AS MATERIALIZED (SELECT p.person_id FROM person_asof p WHERE (p.pcn_code IN ('TRF-W-PCN1')))",
    );
    expect(sql).toContain(
      "scoped_gp_event AS NOT MATERIALIZED (SELECT * FROM gp_event WHERE person_id IN (SELECT person_id FROM scope_person_ids))",
    );
  });
  it("renders the views as inlined WITH entries in each dialect", () => {
    const sql = scopeSql(
      { grants: [{ level: "practice", code: "P1" }] },
      "SELECT 1 FROM scoped_register",
      trino,
    );
    expect(sql).toBe(
      "WITH scope_person_ids AS (SELECT p.person_id FROM person_asof p WHERE (p.practice_code IN ('P1'))),\nscoped_register AS (SELECT * FROM register WHERE person_id IN (SELECT person_id FROM scope_person_ids))\nSELECT 1 FROM scoped_register",
    );
  });
  it("continues a query's own WITH list", () => {
    const sql = scopeSql(
      { grants: [] },
      "WITH x AS (SELECT person_id FROM scoped_person_asof) SELECT * FROM x",
    );
    expect(sql).toBe(
      "WITH scoped_person_asof AS NOT MATERIALIZED (SELECT * FROM person_asof p WHERE FALSE),\n x AS (SELECT person_id FROM scoped_person_asof) SELECT * FROM x",
    );
  });
  it("denies by default: an empty scope is FALSE, and narrowing is ANDed", () => {
    expect(scopePredicate({ grants: [] })).toBe("FALSE");
    expect(scopePredicate({ grants: [], within: [{ level: "practice", code: "P1" }] })).toBe(
      "FALSE AND (p.practice_code IN ('P1'))",
    );
    expect(
      scopePredicate({
        grants: [{ level: "icb", code: "QOP" }],
        within: [{ level: "practice", code: "P1" }],
      }),
    ).toBe("(p.icb_code IN ('QOP')) AND (p.practice_code IN ('P1'))");
  });
  it("restricts a one-person view to that person within the scope, never beyond it", () => {
    expect(scopePredicate({ grants: [], people: [42n] })).toBe("FALSE AND p.person_id = 42");
    expect(scopePredicate({ grants: [{ level: "practice", code: "P1" }], people: [-7n] })).toBe(
      "(p.practice_code IN ('P1')) AND p.person_id = -7",
    );
    const sql = scopeSql(
      { grants: [{ level: "practice", code: "P1" }], people: [42n] },
      "SELECT * FROM scoped_medication_issue m WHERE m.person_id = $id",
    );
    expect(sql).toContain(
      "scope_person_ids AS MATERIALIZED (SELECT p.person_id FROM person_asof p WHERE (p.practice_code IN ('P1')) AND p.person_id = 42)",
    );
  });
  it("restricts a view of named people to those people, and an empty list to no one", () => {
    const P1 = [{ level: "practice" as const, code: "P1" }];
    expect(scopePredicate({ grants: P1, people: [3n, 1n, 2n] })).toBe(
      "(p.practice_code IN ('P1')) AND p.person_id IN (3, 1, 2)",
    );
    expect(scopePredicate({ grants: P1, people: [] })).toBe("(p.practice_code IN ('P1')) AND FALSE");
  });
  it("finds several named people by a join on their ids, within the scope's organisations", () => {
    const sql = scopeSql(
      { grants: [{ level: "practice", code: "P1" }], people: [3n, 1n] },
      "SELECT 1 FROM scoped_register",
    );
    expect(sql).toContain(
      "scope_person_ids AS MATERIALIZED (SELECT p.person_id FROM (VALUES (3), (1)) AS named(person_id) JOIN person_asof p ON p.person_id = named.person_id WHERE (p.practice_code IN ('P1')))",
    );
  });
  it("reads a table named whole without the semi-join, and others with it", () => {
    const sql = scopeSql(
      { grants: [{ level: "icb", code: "QOP" }] },
      "SELECT 1 FROM scoped_register r JOIN scoped_gp_event e USING (person_id)",
      undefined,
      new Set(["register"]),
    );
    expect(sql).toContain("scoped_register AS NOT MATERIALIZED (SELECT * FROM register)");
    expect(sql).toContain(
      "scoped_gp_event AS NOT MATERIALIZED (SELECT * FROM gp_event WHERE person_id IN (SELECT person_id FROM scope_person_ids))",
    );
    const alone = scopeSql({ grants: [] }, "SELECT 1 FROM scoped_register", undefined, new Set(["register"]));
    expect(alone).not.toContain("scope_person_ids");
  });
  it("refuses organisation codes that are not plain codes", () => {
    expect(() => scopePredicate({ grants: [{ level: "practice", code: "P1') OR TRUE --" }] })).toThrow();
  });
});
