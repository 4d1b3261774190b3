// Golden DDL per dialect: the warehouse schema rendered for DuckDB (executed) and for Trino
// (reviewed, not executed, until the scale-out work). Regenerate with UPDATE_GOLDEN=1 and review the diff.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_TABLES } from "@bevan/domain";
import { describe, expect, it } from "vitest";
import type { Dialect } from "../src/dialect/dialect.ts";
import { duckdb } from "../src/dialect/duckdb.ts";
import { trino } from "../src/dialect/trino.ts";
import { createTableSql } from "../src/schema.ts";

function golden(name: string, actual: string): void {
  const path = join(import.meta.dirname, "golden", name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

const render = (d: Dialect) => `${ALL_TABLES.map((t) => `${createTableSql(t, d)};`).join("\n\n")}\n`;

describe("warehouse DDL", () => {
  it("renders for DuckDB", () => golden("warehouse.duckdb.sql", render(duckdb)));
  it("renders for Trino", () => golden("warehouse.trino.sql", render(trino)));
});

describe("dialect functions", () => {
  it("render date arithmetic per engine", () => {
    expect(duckdb.addMonths("DATE '2024-01-31'", -12)).toBe(
      "CAST((DATE '2024-01-31') + INTERVAL (-12) MONTH AS DATE)",
    );
    expect(trino.addMonths("DATE '2024-01-31'", -12)).toBe("date_add('month', -12, DATE '2024-01-31')");
    expect(trino.fullMatch("x", "[0-9]{10}")).toBe("regexp_like(x, '^(?:[0-9]{10})$')");
  });

  it("render an inlined WITH entry: DuckDB must be told not to materialise, Trino always inlines", () => {
    expect(duckdb.inlineCte("v", "SELECT 1")).toBe("v AS NOT MATERIALIZED (SELECT 1)");
    expect(trino.inlineCte("v", "SELECT 1")).toBe("v AS (SELECT 1)");
    expect(duckdb.onceCte("v", "SELECT 1")).toBe("v AS MATERIALIZED (SELECT 1)");
    expect(trino.onceCte("v", "SELECT 1")).toBe("v AS (SELECT 1)");
  });

  it("quote identifiers and strings safely, and refuse a malformed date", () => {
    expect(duckdb.quoteIdent('a"b')).toBe('"a""b"');
    expect(duckdb.stringLiteral("O'Neill")).toBe("'O''Neill'");
    expect(() => duckdb.dateLiteral("2024-02-30x")).toThrow(/YYYY-MM-DD/);
    expect(() => trino.csvScan("x.csv", [])).toThrow(/DuckDB/);
  });
});
