// Golden SQL for the register rules in both dialects (DuckDB executed in the build tests;
// Trino reviewed until the scale-out work). Regenerate with UPDATE_GOLDEN=1 and review the diff.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { duckdb, trino } from "@bevan/engine";
import { describe, expect, it } from "vitest";
import { diabetesSubtypeSql, REGISTER_RULES } from "../src/registers.ts";

const render = (d: typeof duckdb) =>
  `${REGISTER_RULES.map((r) => `-- ${r.register}: ${r.rule}\n${r.sql(d, "2026-03-31").replace(/\n\s+/g, "\n  ")};`).join("\n\n")}\n\n-- DM subtype\n${diabetesSubtypeSql().replace(/\n\s+/g, "\n  ")};\n`;

function golden(name: string, actual: string): void {
  const path = join(import.meta.dirname, "golden", name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("register rule SQL", () => {
  it("renders for DuckDB", () => golden("registers.duckdb.sql", render(duckdb)));
  it("renders for Trino", () => golden("registers.trino.sql", render(trino)));
  it("covers the twenty QOF registers once each", () => {
    expect(new Set(REGISTER_RULES.map((r) => r.register)).size).toBe(20);
  });
});
