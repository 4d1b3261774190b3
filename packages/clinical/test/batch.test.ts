// The batch calculators: the QRISK3 reference patients through a CSV give ClinRisk's scores;
// bad rows get a reason in `error` and never stop the file; a file lacking columns is refused.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCsvObjects } from "@bevan/domain";
import { describe, expect, it } from "vitest";
import { runBatch, ScoreFileError } from "../src/batch/run-batch.ts";
import { SCORE_SPECS } from "../src/batch/score-specs.ts";

const dir = mkdtempSync(join(tmpdir(), "bevan-score-"));
const vectors = join(import.meta.dirname, "../../../../shared/data/vectors");

describe("bevan score batch calculators", () => {
  it("scores the 48 QRISK3 reference patients from a CSV (height and weight, not BMI)", async () => {
    const ref = parseCsvObjects(readFileSync(join(vectors, "qrisk3/QRISK3_2017_test.csv"), "utf8"));
    const header =
      "id,age,sex,ethnicity,smoking,diabetes,af,atypical_antipsychotics,corticosteroids,erectile_dysfunction,migraine,rheumatoid_arthritis,ckd,severe_mental_illness,sle,treated_hypertension,family_history_chd,height_cm,weight_kg,cholesterol_hdl_ratio,sbp,sbp_sd,townsend";
    const lines = ref.map((r) =>
      [
        r.ID,
        r.age,
        r.gender === "1" ? "female" : "male",
        r.ethrisk,
        Number(r.smoke_cat) - 1,
        r.b_type1 === "1" ? "type1" : r.b_type2 === "1" ? "type2" : "none",
        r.b_AF,
        r.b_atypicalantipsy,
        r.b_corticosteroids,
        r.b_impotence2,
        r.b_migraine,
        r.b_ra,
        r.b_renal,
        r.b_semi,
        r.b_sle,
        r.b_treatedhyp,
        r.fh_cvd,
        r.height,
        r.weight,
        r.rati,
        r.sbp,
        r.sbps5,
        r.town,
      ].join(","),
    );
    writeFileSync(join(dir, "q.csv"), `${header}\r\n${lines.join("\r\n")}\r\n`);
    const report = await runBatch(SCORE_SPECS.qrisk3, join(dir, "q.csv"), join(dir, "q-out.csv"));
    expect(report).toEqual({ rows: 48, scored: 48, errors: 0 });
    const out = parseCsvObjects(readFileSync(join(dir, "q-out.csv"), "utf8"));
    expect(out.map((r) => Number(r.qrisk3_10y_percent).toFixed(1))).toEqual(
      ref.map((r) => Number(r.QRISK_C_algorithm_score).toFixed(1)),
    );
    expect(out.every((r) => r.error === "")).toBe(true);
  });

  it("writes the reason for each bad row and carries on", async () => {
    writeFileSync(
      join(dir, "h.csv"),
      'id,icd10_codes\n1,"F00;G81"\n2,\n3,"R54, extra"\n4\n5,N39 W19 F00 F001\n',
    );
    const report = await runBatch(SCORE_SPECS.hfrs, join(dir, "h.csv"), join(dir, "h-out.csv"));
    expect(report).toEqual({ rows: 5, scored: 4, errors: 1 });
    const out = parseCsvObjects(readFileSync(join(dir, "h-out.csv"), "utf8"));
    expect(out.map((r) => [r.id, r.hfrs, r.hfrs_band])).toEqual([
      ["1", "11.5", "intermediate"],
      ["2", "0", "low"],
      ["3", "2.2", "low"], // R54 senility 2.2; "extra" is not a code
      ["4", "", ""],
      ["5", "13.5", "intermediate"], // 3.2 + 3.2 + 7.1, F00 once
    ]);
    expect(out[3]?.error).toBe("row has 1 fields but the header has 2");
  });

  it("puts invalid QDiabetes values in the error column", async () => {
    const head =
      "age,sex,ethnicity,smoking,townsend,bmi,atypical_antipsychotics,corticosteroids,cvd,gestational_diabetes,learning_disability,severe_mental_illness,pcos,statins,treated_hypertension,family_history_diabetes,hba1c";
    writeFileSync(
      join(dir, "d.csv"),
      `${head}\n25,male,1,0,0,40,0,0,0,0,0,0,0,0,0,0,42\n25,male,1,0,0,40,0,0,0,0,0,0,0,0,0,0,53\n25,male,1,0,0,40,0,0,0,0,0,0,0,0,0,2,42\n`,
    );
    await runBatch(SCORE_SPECS["qdiabetes-c"], join(dir, "d.csv"), join(dir, "d-out.csv"));
    const out = parseCsvObjects(readFileSync(join(dir, "d-out.csv"), "utf8"));
    expect(Number(out[0]?.qdiabetes_10y_percent).toFixed(6)).toBe("8.226301"); // README QDR2018C example
    expect(out[1]?.error).toMatch(/hba1c/);
    expect(out[2]?.error).toBe("family_history_diabetes must be 0 or 1");
  });

  it("refuses a file that lacks a needed column, naming it", async () => {
    writeFileSync(join(dir, "bad.csv"), "id,codes\n1,I21\n");
    await expect(
      runBatch(SCORE_SPECS.charlson, join(dir, "bad.csv"), join(dir, "bad-out.csv")),
    ).rejects.toThrow(ScoreFileError);
    await expect(
      runBatch(SCORE_SPECS.charlson, join(dir, "bad.csv"), join(dir, "bad-out.csv")),
    ).rejects.toThrow(/icd10_codes/);
  });

  it("maps SNOMED CT codes to eFI deficits when given a code map", async () => {
    writeFileSync(join(dir, "e.csv"), "snomed_codes,medicines_12m\nA;B;C,6\n,2\n");
    const ctx = {
      efiDeficitOfCode: new Map([
        ["A", 10],
        ["B", 10],
        ["C", 21],
      ]),
    };
    await runBatch(SCORE_SPECS.efi, join(dir, "e.csv"), join(dir, "e-out.csv"), ctx);
    const out = parseCsvObjects(readFileSync(join(dir, "e-out.csv"), "utf8"));
    expect(out.map((r) => [Number(r.efi), r.efi_band])).toEqual([
      [3 / 36, "fit"], // falls, mobility, polypharmacy
      [0, "fit"],
    ]);
  });
});
