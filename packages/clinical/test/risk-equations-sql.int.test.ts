// The generated QRISK3 and QDiabetes SQL, executed on DuckDB: ClinRisk's 48 QRISK3 test patients
// (../shared/data/vectors/qrisk3/QRISK3_2017_test.csv, to 1 dp) and the qdiabetes R package's 21
// worked examples (../shared/data/vectors/qdiabetes, to the precision printed), loaded into a
// table and scored by the SQL alone; then the record rules (eligibility, imputation, model
// choice) on hand-made people whose expected outcome is written here.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCsvObjects } from "@bevan/domain";
import { duckdb, Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { equationSelect } from "../src/risk-equations-sql.ts";
import { riskScoresSql } from "../src/risk-scores-sql.ts";
import { QDIABETES_EQUATIONS } from "../src/scores/qdiabetes.ts";
import { QRISK3_EQUATIONS } from "../src/scores/qrisk3.ts";

const vectors = join(import.meta.dirname, "../../../../shared/data/vectors");
const qrisk = parseCsvObjects(readFileSync(join(vectors, "qrisk3/QRISK3_2017_test.csv"), "utf8"));
const qdiab = parseCsvObjects(readFileSync(join(vectors, "qdiabetes/readme_examples_r_package.csv"), "utf8"));

const tmp = mkdtempSync(join(tmpdir(), "bevan-risk-sql-"));
let wh: Warehouse;

/** A table of the CSV's rows as text, exactly as in the file (plus a row number). */
async function load(table: string, rows: readonly Record<string, string>[]): Promise<void> {
  const cols = Object.keys(rows[0] ?? {});
  const values = rows
    .map((r, i) => `(${i + 1}, ${cols.map((c) => duckdb.stringLiteral(r[c] ?? "")).join(", ")})`)
    .join(",\n");
  await wh.exec(`CREATE TABLE ${table} AS SELECT * FROM (VALUES ${values}) AS v(row_no, ${cols.join(", ")})`);
}

beforeAll(async () => {
  wh = await Warehouse.open(join(tmp, "w.duckdb"));
  await load("qrisk3_vectors", qrisk);
  await load("qdiabetes_vectors", qdiab);
});
afterAll(() => {
  wh.close();
  rmSync(tmp, { recursive: true, force: true });
});

const SEXES = ["female", "male"] as const;

describe("QRISK3-2017 as generated SQL", () => {
  it("matches ClinRisk's 48 test patients to 1 dp", async () => {
    // The file's codings: gender 1 = female; smoke_cat 1–5 is ClinRisk's 0–4; BMI from weight and height.
    const flag = (c: string) => `${c} = '1'`;
    const inputs = `SELECT row_no, CAST(QRISK_C_algorithm_score AS DOUBLE) AS expected,
        CAST(age AS INTEGER) AS age, CASE gender WHEN '1' THEN 'female' ELSE 'male' END AS sex,
        CAST(ethrisk AS INTEGER) AS ethnicity, CAST(smoke_cat AS INTEGER) - 1 AS smoking,
        CASE WHEN b_type1 = '1' THEN 'type1' WHEN b_type2 = '1' THEN 'type2' ELSE 'none' END AS diabetes,
        ${flag("b_AF")} AS af, ${flag("b_atypicalantipsy")} AS atypical_antipsychotics,
        ${flag("b_corticosteroids")} AS corticosteroids, ${flag("b_impotence2")} AS erectile_dysfunction,
        ${flag("b_migraine")} AS migraine, ${flag("b_ra")} AS rheumatoid_arthritis, ${flag("b_renal")} AS ckd,
        ${flag("b_semi")} AS severe_mental_illness, ${flag("b_sle")} AS sle, ${flag("b_treatedhyp")} AS treated_hypertension,
        ${flag("fh_cvd")} AS family_history_chd,
        CAST(weight AS DOUBLE) / ((CAST(height AS DOUBLE) / 100) * (CAST(height AS DOUBLE) / 100)) AS bmi,
        CAST(rati AS DOUBLE) AS cholesterol_hdl_ratio, CAST(sbp AS DOUBLE) AS sbp, CAST(sbps5 AS DOUBLE) AS sbp_sd,
        CAST(town AS DOUBLE) AS townsend
      FROM qrisk3_vectors`;
    const cases = SEXES.map((s) => ({ when: `sex = '${s}'`, equation: QRISK3_EQUATIONS[s] }));
    const rows = await wh.all<{ row_no: number; expected: number; risk: number }>(
      `${equationSelect(duckdb, cases, inputs, ["row_no", "expected"], "risk")} ORDER BY row_no`,
    );
    expect(rows).toHaveLength(48);
    for (const r of rows) expect([r.row_no, r.risk.toFixed(1)]).toEqual([r.row_no, r.expected.toFixed(1)]);
  });
});

describe("QDiabetes-2018 as generated SQL", () => {
  it("matches the 21 worked examples of models A, B and C to the precision printed", async () => {
    const names = (list: readonly string[], col: string) =>
      `CASE ${col} ${list.map((n, i) => `WHEN '${n}' THEN ${i}`).join(" ")} END`;
    const ethnicity = names(
      [
        "",
        "WhiteNA",
        "Indian",
        "Pakistani",
        "Bangladeshi",
        "OtherAsian",
        "BlackCaribbean",
        "BlackAfrican",
        "Chinese",
        "Other",
      ],
      "ethn",
    );
    const flags = [
      "atypical_antipsychotics",
      "corticosteroids",
      "cvd",
      "gestational_diabetes",
      "learning_disability",
      "severe_mental_illness",
      "pcos",
      "statins",
      "treated_hypertension",
      "family_history_diabetes",
    ].map((f) => `FALSE AS ${f}`);
    const inputs = `SELECT row_no, model, expected_risk_percent AS expected, CAST(age AS INTEGER) AS age,
        lower(sex) AS sex, ${ethnicity} AS ethnicity, ${names(["Non", "Ex", "Light", "Moderate", "Heavy"], "smoke")} AS smoking,
        CAST(tds AS DOUBLE) AS townsend, CAST(bmi AS DOUBLE) AS bmi, ${flags.join(", ")},
        TRY_CAST(fpg_mmol_per_L AS DOUBLE) AS fasting_glucose, TRY_CAST(hba1c_mmol_per_mol AS DOUBLE) AS hba1c
      FROM qdiabetes_vectors`;
    const cases = (["A", "B", "C"] as const).flatMap((m) =>
      SEXES.map((s) => ({ when: `model = '${m}' AND sex = '${s}'`, equation: QDIABETES_EQUATIONS[m][s] })),
    );
    const rows = await wh.all<{ row_no: number; expected: string; risk: number }>(
      `${equationSelect(duckdb, cases, inputs, ["row_no", "expected"], "risk")} ORDER BY row_no`,
    );
    expect(rows).toHaveLength(21);
    for (const r of rows) {
      const places = (r.expected.split(".")[1] ?? "").length;
      expect([r.row_no, r.risk.toFixed(places)]).toEqual([r.row_no, Number(r.expected).toFixed(places)]);
    }
  });
});

describe("the record rules as generated SQL", () => {
  // One 60-year-old white man, never smoked, every measurement recorded and valid; each case
  // changes one thing. Columns as riskFeaturesSql gives them.
  const base = {
    age: "60",
    sex: "'M'",
    ethnicity_code: "'A'",
    af: "FALSE",
    ckd: "FALSE",
    smi: "FALSE",
    ra: "FALSE",
    ld: "FALSE",
    cvd: "FALSE",
    hypertension: "FALSE",
    diabetes: "CAST(NULL AS VARCHAR)",
    sle: "FALSE",
    gdm: "FALSE",
    pcos: "FALSE",
    antipsychotics: "FALSE",
    corticosteroids: "FALSE",
    antihypertensives: "FALSE",
    statins: "FALSE",
    smoking: "'never'",
    bmi: "27.0",
    sbp: "140.0",
    sbp_sd: "8.0",
    chol_ratio: "4.5",
    hba1c: "CAST(NULL AS DOUBLE)",
    townsend: "CAST(NULL AS DOUBLE)",
  };
  const people: [string, Partial<typeof base>][] = [
    ["all recorded", {}],
    ["existing CVD", { cvd: "TRUE" }],
    ["sex not recorded", { sex: "'U'" }],
    ["on the diabetes register", { diabetes: "'type2'" }],
    ["HbA1c 48: diabetic range", { hba1c: "48.0" }],
    ["HbA1c 47.9: model C", { hba1c: "47.9" }],
    ["HbA1c 14: model A", { hba1c: "14.0" }],
    [
      "nothing measured, smoking not recorded",
      { bmi: "NULL", sbp: "NULL", sbp_sd: "NULL", chol_ratio: "NULL", smoking: "NULL" },
    ],
    ["implausible BMI and SBP", { bmi: "85.0", sbp: "230.0" }],
    ["limits of the ranges", { bmi: "80.0", sbp: "210.0", sbp_sd: "50.0", chol_ratio: "12.0" }],
    ["yes/no inputs left NULL (no register rows)", { af: "NULL", cvd: "NULL", ld: "NULL", statins: "NULL" }],
    ["the area's Townsend score", { townsend: "6.0" }],
    ["a Townsend score outside −10 to 15", { townsend: "16.0" }],
  ];
  const features = people
    .map(([, p], i) => {
      const row = { ...base, ...p };
      return `SELECT ${i + 1} AS person_id, ${Object.entries(row)
        .map(([k, v]) => `${v} AS ${k}`)
        .join(", ")}`;
    })
    .join("\nUNION ALL ");

  it("scores whom the rules say, imputes what is missing or implausible, and picks the model", async () => {
    const rows = await wh.all<{
      person_id: number;
      q: number | null;
      qrisk3_imputed: string | null;
      d: number | null;
      qdiabetes_model: string | null;
    }>(
      `SELECT person_id, qrisk3_10y_percent AS q, qrisk3_imputed, qdiabetes_10y_percent AS d, qdiabetes_model
      FROM (${riskScoresSql(duckdb, features)}) AS r ORDER BY person_id`,
    );
    const got = rows.map((r) => [
      people[r.person_id - 1]?.[0],
      r.q === null ? null : "scored",
      r.qrisk3_imputed,
      r.d === null ? null : "scored",
      r.qdiabetes_model,
    ]);
    expect(got).toEqual([
      ["all recorded", "scored", "townsend", "scored", "A"],
      ["existing CVD", null, null, "scored", "A"],
      ["sex not recorded", null, null, null, null],
      ["on the diabetes register", "scored", "townsend", null, null],
      ["HbA1c 48: diabetic range", "scored", "townsend", null, null],
      ["HbA1c 47.9: model C", "scored", "townsend", "scored", "C"],
      ["HbA1c 14: model A", "scored", "townsend", "scored", "A"],
      [
        "nothing measured, smoking not recorded",
        "scored",
        "bmi,cholesterol_hdl_ratio,sbp,sbp_sd,townsend,smoking",
        "scored",
        "A",
      ],
      ["implausible BMI and SBP", "scored", "bmi,sbp,townsend", "scored", "A"],
      ["limits of the ranges", "scored", "townsend", "scored", "A"],
      ["yes/no inputs left NULL (no register rows)", "scored", "townsend", "scored", "A"],
      ["the area's Townsend score", "scored", "", "scored", "A"],
      ["a Townsend score outside −10 to 15", "scored", "townsend", "scored", "A"],
    ]);
    const q = (i: number) => rows[i]?.q ?? Number.NaN;
    const d = (i: number) => rows[i]?.d ?? Number.NaN;
    // A missing or implausible value is imputed at the model's mean, not used: the implausible
    // BMI of 85 scores as if BMI were not recorded, unlike the valid limit of 80.
    expect(q(8)).not.toBeCloseTo(q(9), 6);
    // NULL yes/no inputs count as no: the same scores as all recorded.
    expect([q(10), d(10)]).toEqual([q(0), d(0)]);
    // A higher HbA1c under model C raises the QDiabetes risk above model A's at no HbA1c.
    expect(d(5)).toBeGreaterThan(d(0));
    // A deprived area (Townsend 6) raises both risks; an out-of-range score is as if unknown.
    expect(q(11)).toBeGreaterThan(q(0));
    expect(d(11)).toBeGreaterThan(d(0));
    expect([q(12), d(12)]).toEqual([q(0), d(0)]);
  });
});
