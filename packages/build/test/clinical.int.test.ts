// Spec tests for the clinical tables `bevan build` fills: hand-made people whose inputs are
// written out here, so each score is checked against the pure calculator (itself tested
// against ClinRisk's and the published vectors) on the inputs a reader can verify by eye.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Qrisk3Input, qdiabetes, qrisk3 } from "@bevan/clinical";
import { ALL_TABLES } from "@bevan/domain";
import { createTableSql, setBuildInfo, Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHARED_DATA } from "../../../test/paths.ts";
import { buildWarehouse } from "../src/build.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-clin-"));
let wh: Warehouse;
type Row = Record<string, unknown>;
let clinical: Map<number, Row>;
let care: Map<number, Row>;

// id, sex, birth month, NHS ethnic category
const PEOPLE: [number, string, string, string][] = [
  [1, "F", "1961-09-01", "H"], // 64, Indian: full QRISK3 record, AF, HbA1c 42 → QDiabetes C
  [2, "M", "1956-02-01", "A"], // 70, nothing recorded: every QRISK3 measurement imputed
  [3, "M", "1956-02-01", "A"], // myocardial infarction → no QRISK3; HbA1c 50 → no QDiabetes
  [4, "F", "1945-06-01", "A"], // 80: falls, reduced mobility, 5 medicines; hospital F00 + R296
  [5, "M", "1960-06-01", "A"], // type 2 diabetes: care processes and targets
  [6, "F", "1980-06-01", "A"], // type 1 diabetes
];

const EVENTS: [number, string, string, number | null][] = [
  [1, "2024-01-10", "72313002", 160],
  [1, "2025-01-10", "72313002", 200],
  [1, "2026-01-10", "72313002", 180],
  [1, "2025-06-01", "60621009", 25.2],
  [1, "2025-06-01", "313989009", 4],
  [1, "2025-06-01", "266919005", null], // never smoked
  [1, "2020-01-01", "120041000119109", null], // AF
  [1, "2025-06-01", "999791000000106", 42],
  [3, "2015-01-01", "22298006", null], // MI → CHD register
  [3, "2025-06-01", "999791000000106", 50],
  [4, "2024-01-01", "1912002", null], // fall
  [4, "2025-01-01", "8510008", null], // reduced mobility
  [5, "2015-01-01", "44054006", null],
  [5, "2025-10-01", "999791000000106", 50],
  [5, "2025-10-01", "72313002", 130],
  [5, "2025-10-01", "271650006", 75],
  [5, "2025-10-01", "1005671000000105", 4.1],
  [5, "2025-10-01", "1011481000000105", 80],
  [5, "2025-10-01", "60621009", 31],
  [5, "2025-10-01", "77176002", null], // current smoker
  [5, "2025-10-01", "401191002", null], // diabetic foot examination
  [5, "2024-10-01", "134395001", null], // retinal screening, but 18 months before the as-of date
  [6, "2000-01-01", "46635009", null],
];

const MEDICINES = [
  "37075711000001101",
  "1304911000001107",
  "1234911000001107",
  "1170911000001102",
  "1205111000001103",
];

beforeAll(async () => {
  wh = await Warehouse.open(join(tmp, "w.duckdb"));
  for (const t of ALL_TABLES) await wh.exec(createTableSql(t, wh.dialect));
  await wh.exec(
    "INSERT INTO organisation (org_code, org_name, org_type, parent_code, list_size) VALUES ('P1', 'Practice', 'practice', NULL, 1000)",
  );
  for (const [id, sex, birth, eth] of PEOPLE) {
    await wh.exec(
      "INSERT INTO person (person_id, sex, birth_month, ethnicity_group, ethnicity_code, lsoa_code, practice_code, registration_start, registration_end, death_date, care_home) VALUES ($id, $sex, $birth, 'White', $eth, NULL, 'P1', DATE '2000-01-01', NULL, NULL, FALSE)",
      { id, sex, birth, eth },
    );
  }
  for (const [id, date, code, value] of EVENTS) {
    await wh.exec(
      "INSERT INTO gp_event (person_id, event_date, coding_system, code, value, unit, source_org) VALUES ($id, $date, 'snomedct', $code, $value, NULL, 'P1')",
      {
        id,
        date,
        code,
        value,
      },
    );
  }
  for (const code of MEDICINES) {
    await wh.exec(
      "INSERT INTO medication_issue (person_id, issue_date, coding_system, code, description, quantity, source_org) VALUES (4, DATE '2026-02-01', 'dmd', $code, 'x', 56, 'P1')",
      {
        code,
      },
    );
  }
  await wh.exec(
    "INSERT INTO medication_issue (person_id, issue_date, coding_system, code, description, quantity, source_org) VALUES (5, DATE '2026-02-01', 'dmd', '1271511000001104', 'Atorvastatin 20mg tablets', 56, 'P1')",
  );
  await wh.exec(
    "INSERT INTO hospital_spell (spell_id, person_id, provider_code, admission_date, discharge_date, admission_method, primary_diagnosis, length_of_stay, cost) VALUES ('S1', 4, 'T1', DATE '2025-05-01', DATE '2025-05-05', 'emergency', 'F000', 4, 1000)",
  );
  await wh.exec(
    "INSERT INTO hospital_diagnosis (spell_id, person_id, position, code) VALUES ('S1', 4, 1, 'F000'), ('S1', 4, 2, 'R296')",
  );
  await setBuildInfo(wh, { extract_date: "2026-03-31" });
  await buildWarehouse(wh, { sharedDataDir: SHARED_DATA, now: () => new Date("2026-04-01T00:00:00Z") });
  const rows = await wh.all<Row>("SELECT * FROM person_clinical");
  clinical = new Map(rows.map((r) => [Number(r.person_id), r]));
  care = new Map((await wh.all<Row>("SELECT * FROM diabetes_care")).map((r) => [Number(r.person_id), r]));
});
afterAll(() => {
  wh.close();
  rmSync(tmp, { recursive: true, force: true });
});

const NONE = {
  atypicalAntipsychotics: false,
  corticosteroids: false,
  erectileDysfunction: false,
  migraine: false,
  rheumatoidArthritis: false,
  ckd: false,
  severeMentalIllness: false,
  sle: false,
  treatedHypertension: false,
  familyHistoryChd: false,
  af: false,
  diabetes: "none",
} as const;

describe("QRISK3 in the warehouse", () => {
  it("uses the latest recorded values, the SD of the SBP readings, and imputes only Townsend", () => {
    // Townsend is not in the extract: the female centring value 0.392308831214905 (mean) is used.
    const input: Qrisk3Input = {
      ...NONE,
      age: 64,
      sex: "female",
      ethnicity: 2,
      smoking: 0,
      af: true,
      bmi: 25.2,
      cholesterolHdlRatio: 4,
      sbp: 180,
      sbpSd: 20,
      townsend: 0.392308831214905,
    };
    expect(clinical.get(1)?.qrisk3_10y_percent).toBeCloseTo(qrisk3(input).value, 10);
    expect(clinical.get(1)?.qrisk3_imputed).toBe("townsend");
  });
  it("imputes unrecorded measurements at the male model's means and lists them", () => {
    const input: Qrisk3Input = {
      ...NONE,
      age: 70,
      sex: "male",
      ethnicity: 1,
      smoking: 0,
      bmi: 10 / Math.sqrt(0.149176135659218),
      cholesterolHdlRatio: 4.300998687744141,
      sbp: 128.5715789794922,
      sbpSd: 8.756621360778809,
      townsend: 0.52630490064621,
    };
    expect(clinical.get(2)?.qrisk3_10y_percent).toBeCloseTo(qrisk3(input).value, 10);
    expect(clinical.get(2)?.qrisk3_imputed).toBe("bmi,cholesterol_hdl_ratio,sbp,sbp_sd,townsend,smoking");
  });
  it("is not computed for people with cardiovascular disease", () => {
    expect(clinical.get(3)?.qrisk3_10y_percent).toBeNull();
    expect(clinical.get(4)?.qrisk3_10y_percent).not.toBeNull(); // 80: within 25–84
  });
});

describe("QDiabetes in the warehouse", () => {
  it("uses model C with a recent HbA1c below 48", () => {
    expect(clinical.get(1)?.qdiabetes_model).toBe("C");
    const expected = qdiabetes("C", {
      age: 64,
      sex: "female",
      ethnicity: 2,
      smoking: 0,
      townsend: 0.391116052865982,
      bmi: 25.2,
      atypicalAntipsychotics: false,
      corticosteroids: false,
      cvd: false,
      gestationalDiabetes: false,
      learningDisability: false,
      severeMentalIllness: false,
      pcos: false,
      statins: false,
      treatedHypertension: false,
      familyHistoryDiabetes: false,
      hba1c: 42,
    }).value;
    expect(clinical.get(1)?.qdiabetes_10y_percent).toBeCloseTo(expected, 10);
  });
  it("uses model A without an HbA1c, none at 48 or above, none on the diabetes register", () => {
    expect(clinical.get(2)?.qdiabetes_model).toBe("A");
    expect(clinical.get(3)?.qdiabetes_10y_percent).toBeNull();
    expect(clinical.get(5)?.qdiabetes_10y_percent).toBeNull();
  });
});

describe("frailty, comorbidity and multimorbidity in the warehouse", () => {
  it("eFI: falls, mobility and polypharmacy (5 medicines) make 3 of 36 deficits", () => {
    expect(clinical.get(4)).toMatchObject({ efi: 3 / 36, efi_band: "fit" });
    expect(clinical.get(1)?.efi).toBeNull(); // under 65
  });
  it("HFRS: F00 (7.1) + R29 (3.6) = 10.7, intermediate; Charlson: dementia = 2", () => {
    expect(clinical.get(4)).toMatchObject({ hfrs: 10.7, hfrs_band: "intermediate", charlson: 2 });
  });
  it("counts long-term-condition registers", () => {
    expect(clinical.get(1)?.condition_count).toBe(1); // AF
    expect(clinical.get(4)?.condition_count).toBe(0);
  });
});

describe("diabetes register subtype and care processes", () => {
  it("splits the diabetes register into type 1 and type 2", async () => {
    const rows = await wh.all<{ person_id: bigint; subtype: string }>(
      "SELECT person_id, subtype FROM register WHERE register = 'DM' ORDER BY person_id",
    );
    expect(rows.map((r) => [Number(r.person_id), r.subtype])).toEqual([
      [5, "type2"],
      [6, "type1"],
    ]);
  });
  it("records the processes done in 12 months and the three targets", () => {
    expect(care.get(5)).toMatchObject({
      hba1c: true,
      blood_pressure: true,
      cholesterol: true,
      serum_creatinine: true,
      urine_albumin: false,
      foot_surveillance: true,
      bmi: true,
      smoking: true,
      retinal_screening: false,
      processes_8: 7,
      hba1c_target: true,
      bp_target: true,
      statin: true,
      all_three_targets: true,
    });
    expect(care.get(6)).toMatchObject({ processes_8: 0, hba1c_target: false, all_three_targets: false });
  });
});
