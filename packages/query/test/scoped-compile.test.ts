// The compiler's table mapping: compiled for a ScopedWarehouse, every definition (the spec
// cases and the example library, at the build's date and at another) reads person-level
// tables only as `scoped_<table>`, so the scope seam accepts it, and differs from the
// unscoped SQL only in those names.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { duckdb, trino } from "@bevan/engine";
import { describe, expect, it } from "vitest";
import { type CompileOptions, compileCohort } from "../src/cohort/compile.ts";
import type { CohortDefinition } from "../src/cohort/ir.ts";
import { compileBreakdowns, compileTimeline } from "../src/cohort/outputs.ts";
import { validateCohort } from "../src/cohort/validate.ts";
import { PERSON_TABLES, scopedTableName, scopeSql } from "../src/scope.ts";
import { SPECS } from "./spec/all-specs.ts";
import { resolvedDefinition } from "./spec/definitions.ts";

const EXAMPLES = join(import.meta.dirname, "..", "examples");
const SCOPE = { grants: [{ level: "practice" as const, code: "P82001" }] };

async function definitions(): Promise<[string, CohortDefinition][]> {
  const out: [string, CohortDefinition][] = [];
  for (const f of readdirSync(EXAMPLES).filter((n) => n.endsWith(".json")))
    out.push([f, validateCohort(JSON.parse(readFileSync(join(EXAMPLES, f), "utf8")))]);
  for (const { id, spec } of SPECS)
    for (const [i, c] of spec.cases.entries())
      out.push([`${id}-${i + 1}`, await resolvedDefinition(spec, c)]);
  return out;
}

/** Unscoped SQL with each person-level table renamed as the scoped mapping would. */
function renamed(sql: string): string {
  return sql.replace(/(?<![.\w])([a-z_]+)(?= AS [a-z]+\b)/g, (t) =>
    PERSON_TABLES.includes(t) ? `scoped_${t}` : t,
  );
}

describe("compiling for a scoped warehouse", () => {
  it("maps person-level tables, and only those, to scoped_<table>", () => {
    expect(scopedTableName("gp_event")).toBe("scoped_gp_event");
    expect(scopedTableName("person_score")).toBe("scoped_person_score");
    expect(scopedTableName("organisation")).toBe("organisation");
    expect(scopedTableName("codelist_code")).toBe("codelist_code");
  });

  it("every example and spec case passes the scope seam, in both person bases and both dialects", async () => {
    const defs = await definitions();
    expect(defs.length).toBeGreaterThan(50);
    for (const [name, def] of defs) {
      for (const dialect of [duckdb, trino]) {
        for (const buildAsOf of ["2026-03-31", "2025-12-31"]) {
          const options: CompileOptions = { dialect, asOf: "2026-03-31", buildAsOf };
          const plain = compileCohort(def, options);
          const scoped = compileCohort(def, { ...options, tables: scopedTableName });
          expect(() => scopeSql(SCOPE, scoped.sql), name).not.toThrow();
          expect(() => scopeSql(SCOPE, plain.sql), name).toThrow();
          expect(scoped.sql, name).toBe(renamed(plain.sql));
          expect(scoped.params, name).toEqual(plain.params);
          expect(() => scopeSql(SCOPE, compileBreakdowns(scoped).sql), name).not.toThrow();
        }
      }
      const timeline = compileTimeline(def, ["2026-01-31", "2026-02-28"], {
        dialect: duckdb,
        buildAsOf: "2026-03-31",
        tables: scopedTableName,
      });
      expect(() => scopeSql(SCOPE, timeline.sql), name).not.toThrow();
    }
  });
});
