// The set-based eFI, HFRS and Charlson SQL that `bevan build` runs, executed on DuckDB against
// the published maps in ../shared/data/vectors (every Charlson prefix with its Quan 2011
// weight, every HFRS code with its Gilbert 2018 points) and hand-worked cases written here.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_TABLES, parseCsv } from "@bevan/domain";
import { createTableSql, Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EfiDeficitSource } from "../src/efi-codelists.ts";
import { charlsonSql, efiBandSql, efiSql, hfrsBandSql, hfrsSql } from "../src/score-sql.ts";

const vectors = join(import.meta.dirname, "../../../../shared/data/vectors");
const quanMap = JSON.parse(
  readFileSync(join(vectors, "comorbidity/comorbidity_maps_icd_prefixes.json"), "utf8"),
).charlson_icd10_quan as Record<string, string[]>;
const quanWeights = JSON.parse(readFileSync(join(vectors, "comorbidity/comorbidity_weights.json"), "utf8"))
  .charlson_icd10_quan.quan as Record<string, number>;
const hfrsTable = parseCsv(readFileSync(join(vectors, "frailty/hfrs_points_gilbert2018.tsv"), "utf8"), "\t")
  .slice(1)
  .filter((r) => (r[0] ?? "").trim() !== "")
  .map((r) => [(r[0] ?? "").trim(), Number(r[6])] as const);

const AS_OF = "2026-03-31";
const tmp = mkdtempSync(join(tmpdir(), "bevan-score-sql-"));
let wh: Warehouse;
let nextId = 1;
let spell = 0;

/** A person with these hospital diagnoses, each in its own spell admitted on `admitted`. */
const diagnoses: [number, string, string][] = [];
function patient(codes: readonly string[], admitted = "2025-06-01"): number {
  const id = nextId++;
  for (const code of codes) diagnoses.push([id, code, admitted]);
  return id;
}

const charlsonPrefix = new Map<number, number>();
const charlsonCase = new Map<number, number>();
const hfrsCode = new Map<number, number>();
const hfrsCase = new Map<number, number>();

const EFI_SOURCES = [
  { id: "test/efi-falls", deficit: 10 },
  { id: "test/efi-falls-2", deficit: 10 },
  { id: "test/efi-mobility", deficit: 20 },
].map((s) => ({
  ...s,
  system: "snomedct",
  path: "",
  publisher: "test",
  deficitName: s.id,
})) as EfiDeficitSource[];

beforeAll(async () => {
  wh = await Warehouse.open(join(tmp, "w.duckdb"));
  for (const t of ALL_TABLES) await wh.exec(createTableSql(t, wh.dialect));
  for (const [domain, prefixes] of Object.entries(quanMap))
    for (const p of prefixes) charlsonPrefix.set(patient([p]), quanWeights[domain] ?? Number.NaN);
  // Hierarchy: severe liver disease (4) replaces mild (2); complicated diabetes (1) replaces
  // uncomplicated (0); metastases (6) replace cancer (2). Congestive heart failure (2) + AIDS (4) = 6.
  charlsonCase.set(patient(["K703", "I850"]), 4);
  charlsonCase.set(patient(["E119", "E112"]), 1);
  charlsonCase.set(patient(["C50", "C78"]), 6);
  charlsonCase.set(patient(["I500", "B20", "B201"]), 6);
  charlsonCase.set(patient(["N390"]), 0);
  for (const [code, points] of hfrsTable) hfrsCode.set(patient([`${code}9`]), points);
  // Distinct three-character codes count once; spells over 2 years before the as-of date do not count.
  hfrsCase.set(patient(["F00", "F001", "F00.9"]), 7.1);
  hfrsCase.set(patient(["F00", "G81", "R104"]), 11.5);
  hfrsCase.set(patient(["F00"], "2024-03-30"), 0);
  hfrsCase.set(patient(["F00"], "2026-04-01"), 0);
  for (const [id, code, admitted] of diagnoses) {
    const s = `S${spell++}`;
    await wh.exec(
      `INSERT INTO hospital_spell (spell_id, person_id, provider_code, admission_date, discharge_date, admission_method, primary_diagnosis, length_of_stay, cost)
        VALUES ($s, $id, 'T1', CAST($admitted AS DATE), NULL, 'emergency', $code, 1, 0)`,
      { s, id, admitted, code },
    );
    await wh.exec(
      "INSERT INTO hospital_diagnosis (spell_id, person_id, position, code) VALUES ($s, $id, 1, $code)",
      { s, id, code },
    );
  }
  await wh.exec(
    "INSERT INTO codelist_code (codelist_id, code, term) VALUES ($a, 'A1', 'a'), ($b, 'B1', 'b'), ($c, 'C1', 'c')",
    {
      a: "test/efi-falls",
      b: "test/efi-falls-2",
      c: "test/efi-mobility",
    },
  );
  await wh.exec(
    "CREATE TABLE _person_base (person_id BIGINT, age INTEGER, registered BOOLEAN, deceased BOOLEAN)",
  );
  await wh.exec(`INSERT INTO _person_base VALUES
    (9001, 80, TRUE, FALSE), (9002, 70, TRUE, FALSE), (9003, 64, TRUE, FALSE), (9004, 90, FALSE, FALSE), (9005, 65, TRUE, FALSE)`);
  const event = (id: number, code: string, date: string) =>
    wh.exec(
      `INSERT INTO gp_event (person_id, event_date, coding_system, code, value, unit, source_org) VALUES ($id, CAST($date AS DATE), 'snomedct', $code, NULL, NULL, 'P1')`,
      { id, code, date },
    );
  const issue = (id: number, code: string, date: string) =>
    wh.exec(
      `INSERT INTO medication_issue (person_id, issue_date, coding_system, code, description, quantity, source_org) VALUES ($id, CAST($date AS DATE), 'dmd', $code, 'x', 1, 'P1')`,
      { id, code, date },
    );
  for (const id of [9001, 9002, 9003, 9004]) {
    await event(id, "A1", "2020-01-01");
    await event(id, "B1", "2021-01-01"); // the same deficit (10) from a second set
    await event(id, "C1", "2022-01-01");
  }
  await event(9005, "C1", "2026-04-01"); // after the as-of date
  for (const m of ["M1", "M2", "M3", "M4", "M5"]) await issue(9001, m, "2026-01-01");
  for (const m of ["M1", "M2", "M3", "M4"]) await issue(9002, m, "2026-01-01");
  await issue(9002, "M1", "2025-12-01"); // a repeat, not a fifth medicine
  await issue(9002, "M5", "2025-03-30"); // outside the 12 months
});
afterAll(() => {
  wh.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function scores(sql: string, col: string): Promise<Map<number, number>> {
  const rows = await wh.all<Record<string, unknown>>(sql);
  return new Map(rows.map((r) => [Number(r.person_id), Number(r[col])]));
}

describe("Charlson SQL", () => {
  it("scores every published Quan prefix with its domain's Quan 2011 weight", async () => {
    const got = await scores(charlsonSql(wh.dialect, AS_OF), "charlson");
    expect(charlsonPrefix.size).toBeGreaterThan(200);
    for (const [id, weight] of charlsonPrefix) expect(got.get(id) ?? 0, `person ${id}`).toBe(weight);
  });
  it("applies the hierarchy and ignores codes outside the map", async () => {
    const got = await scores(charlsonSql(wh.dialect, AS_OF), "charlson");
    for (const [id, expected] of charlsonCase) expect(got.get(id) ?? 0, `person ${id}`).toBe(expected);
  });
});

describe("HFRS SQL", () => {
  it("gives each of Gilbert 2018's 109 codes its points", async () => {
    const got = await scores(hfrsSql(wh.dialect, AS_OF), "hfrs");
    expect(hfrsCode.size).toBe(109);
    for (const [id, points] of hfrsCode) expect(got.get(id), `person ${id}`).toBe(points);
  });
  it("counts distinct three-character codes in the 2 years to the as-of date, to one decimal", async () => {
    const got = await scores(hfrsSql(wh.dialect, AS_OF), "hfrs");
    for (const [id, expected] of hfrsCase) expect(got.get(id) ?? 0, `person ${id}`).toBe(expected);
  });
  it("bands below 5 low, 5 to 15 intermediate, above 15 high", async () => {
    const row = await wh.one<Record<string, string | null>>(
      `SELECT ${[4.9, 5, 15, 15.1].map((v, i) => `${hfrsBandSql(wh.dialect, `CAST(${v} AS DOUBLE)`)} AS b${i}`).join(", ")},
        ${hfrsBandSql(wh.dialect, "CAST(NULL AS DOUBLE)")} AS none`,
    );
    expect(row).toEqual({ b0: "low", b1: "intermediate", b2: "intermediate", b3: "high", none: null });
  });
});

describe("eFI SQL", () => {
  it("counts distinct deficits ever and polypharmacy (5+ medicines in 12 months) over 36, registered 65+ only", async () => {
    const got = await scores(efiSql(wh.dialect, AS_OF, EFI_SOURCES), "efi");
    expect(Object.fromEntries(got)).toEqual({ 9001: 3 / 36, 9002: 2 / 36, 9005: 0 });
  });
  it("bands up to 0.12 fit, 0.24 mild, 0.36 moderate, above severe", async () => {
    const row = await wh.one<Record<string, string | null>>(
      `SELECT ${[0.12, 0.1201, 0.24, 0.36, 0.3601, 4 / 36, 5 / 36].map((v, i) => `${efiBandSql(wh.dialect, `CAST(${v} AS DOUBLE)`)} AS b${i}`).join(", ")}`,
    );
    expect(row).toEqual({
      b0: "fit",
      b1: "mild",
      b2: "mild",
      b3: "moderate",
      b4: "severe",
      b5: "fit",
      b6: "mild",
    });
  });
});
