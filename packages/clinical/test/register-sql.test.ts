// Golden SQL for the register rules in both dialects: DuckDB's runs in the build tests, Trino's
// in the Trino identity suite (test/trino-identity.int.test.ts checks it ran as written here). Regenerate with UPDATE_GOLDEN=1 and review the diff.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { duckdb, trino } from "@bevan/engine";
import { describe, expect, it } from "vitest";
import { registerRulesSql, registerRuleWaves } from "../src/build-registers.ts";
import { REGISTER_RULES } from "../src/registers.ts";

const tidy = (sql: string) => sql.replace(/\n\s+/g, "\n  ");
const render = (d: typeof duckdb) =>
  `${REGISTER_RULES.map((r) => `-- ${r.register}: ${r.rule}\n${tidy(r.sql(d, "2026-03-31"))};`).join("\n\n")}\n\n${registerRuleWaves(
    REGISTER_RULES,
  )
    .map(
      (w, i) =>
        `-- the build's statement ${i + 1}: ${w.map((r) => r.register).join(", ")}\n${tidy(registerRulesSql(w, d, "2026-03-31", "_person_base"))};`,
    )
    .join("\n\n")}\n`;

function golden(name: string, actual: string): void {
  const path = join(import.meta.dirname, "golden", name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("register rule SQL", () => {
  it("renders for DuckDB", () => golden("registers.duckdb.sql", render(duckdb)));
  it("renders for Trino", () => golden("registers.trino.sql", render(trino)));
  it("fills NDH after DM (it reads the diabetes register), every other register in one statement before", () => {
    expect(registerRuleWaves(REGISTER_RULES).map((w) => w.map((r) => r.register))).toEqual([
      REGISTER_RULES.map((r) => r.register).filter((r) => r !== "NDH"),
      ["NDH"],
    ]);
    const cycle = REGISTER_RULES.slice(0, 2).map((r, i) => ({
      ...r,
      after: [i === 0 ? "AST" : "AF"] as const,
    }));
    expect(() => registerRuleWaves(cycle)).toThrow(/cycle/);
  });
  it("covers the twenty QOF registers once each", () => {
    expect(new Set(REGISTER_RULES.map((r) => r.register)).size).toBe(20);
  });
});
