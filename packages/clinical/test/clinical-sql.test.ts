// Golden SQL for the score inputs, diabetes care processes and medicines-safety audits, in
// both dialects (DuckDB executed in the build tests; Trino reviewed until the scale-out work).
// Regenerate with UPDATE_GOLDEN=1 and review the diff.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { duckdb, trino } from "@bevan/engine";
import { describe, expect, it } from "vitest";
import { diabetesCareInsertSql, practiceDiabetesCareInsertSql } from "../src/diabetes-care.ts";
import { riskScoresSql } from "../src/risk-scores-sql.ts";
import { SAFETY_AUDITS, safetyAuditInsertSql } from "../src/safety-audits.ts";
import { clinicalEventsSql, latestDaysSql, latestValuesSql, riskFeaturesSql } from "../src/score-features.ts";
import { charlsonSql, efiBandSql, efiSql, hfrsBandSql, hfrsSql } from "../src/score-sql.ts";

const AS_OF = "2026-03-31";
const EFI_SOURCES = [
  { id: "gm-sde/efi-falls", deficit: 10 },
  { id: "gm-sde/efi-mobility", deficit: 20 },
].map((s) => ({ ...s, system: "snomedct" as const, path: "", publisher: "GM-SDE", deficitName: s.id }));
const tidy = (sql: string) => `${sql.replace(/\n\s+/g, "\n  ")};`;
const render = (d: typeof duckdb) =>
  `${[
    ["clinical events (_clin)", clinicalEventsSql(d, AS_OF)],
    ["latest values (_latest)", latestValuesSql()],
    ["latest days (_days)", latestDaysSql()],
    ["QRISK3 / QDiabetes inputs", riskFeaturesSql(d, AS_OF)],
    [
      "QRISK3 / QDiabetes from the inputs (imputation, model choice, equations)",
      riskScoresSql(d, "SELECT * FROM _features"),
    ],
    ["eFI (two deficit sets shown)", efiSql(d, AS_OF, EFI_SOURCES)],
    ["eFI band", `SELECT ${efiBandSql(d, "efi")}`],
    ["HFRS", hfrsSql(d, AS_OF)],
    ["HFRS band", `SELECT ${hfrsBandSql(d, "hfrs")}`],
    ["Charlson", charlsonSql(d, AS_OF)],
    ["diabetes care processes", diabetesCareInsertSql(d, AS_OF)],
    ["practice diabetes care", practiceDiabetesCareInsertSql(d)],
    ...SAFETY_AUDITS.map((a) => [
      `audit ${a.id} v${a.version}: ${a.rule}`,
      safetyAuditInsertSql(a, d, AS_OF),
    ]),
  ]
    .map(([title, sql]) => `-- ${title}\n${tidy(sql ?? "")}`)
    .join("\n\n")}\n`;

function golden(name: string, actual: string): void {
  const path = join(import.meta.dirname, "golden", name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("clinical SQL", () => {
  it("renders for DuckDB", () => golden("clinical.duckdb.sql", render(duckdb)));
  it("renders for Trino", () => golden("clinical.trino.sql", render(trino)));
  it("names each audit once, with a version", () => {
    expect(new Set(SAFETY_AUDITS.map((a) => a.id)).size).toBe(SAFETY_AUDITS.length);
    for (const a of SAFETY_AUDITS) expect(a.version).toMatch(/^\d+$/);
  });
});
