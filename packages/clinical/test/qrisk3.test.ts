// QRISK3-2017 against the 48 patients scored by ClinRisk's own C code
// (../shared/data/vectors/qrisk3/QRISK3_2017_test.csv, to 1 dp). Codings of that file:
// gender 1 = female; smoke_cat 1–5 there is ClinRisk's 0–4; BMI recomputed from weight and height.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvObjects } from "@bevan/domain";
import { describe, expect, it } from "vitest";
import { bmiFrom, type Qrisk3Input, qrisk3 } from "../src/scores/qrisk3.ts";
import { ScoreInputError } from "../src/scores/score-result.ts";

const vectors = join(import.meta.dirname, "../../../../shared/data/vectors/qrisk3");
const rows = parseCsvObjects(readFileSync(join(vectors, "QRISK3_2017_test.csv"), "utf8"));

function input(r: Record<string, string>): Qrisk3Input {
  const n = (k: string) => Number(r[k]);
  const b = (k: string) => r[k] === "1";
  return {
    age: n("age"),
    sex: r.gender === "1" ? "female" : "male",
    ethnicity: n("ethrisk"),
    smoking: n("smoke_cat") - 1,
    diabetes: b("b_type1") ? "type1" : b("b_type2") ? "type2" : "none",
    af: b("b_AF"),
    atypicalAntipsychotics: b("b_atypicalantipsy"),
    corticosteroids: b("b_corticosteroids"),
    erectileDysfunction: b("b_impotence2"),
    migraine: b("b_migraine"),
    rheumatoidArthritis: b("b_ra"),
    ckd: b("b_renal"),
    severeMentalIllness: b("b_semi"),
    sle: b("b_sle"),
    treatedHypertension: b("b_treatedhyp"),
    familyHistoryChd: b("fh_cvd"),
    bmi: bmiFrom(n("height"), n("weight")),
    cholesterolHdlRatio: n("rati"),
    sbp: n("sbp"),
    sbpSd: n("sbps5"),
    townsend: n("town"),
  };
}

describe("QRISK3-2017", () => {
  it("has the 48 reference patients", () => expect(rows).toHaveLength(48));
  it.each(rows.map((r) => [r.ID, r] as const))("patient %s matches ClinRisk to 1 dp", (_id, r) => {
    expect(qrisk3(input(r)).value.toFixed(1)).toBe(Number(r.QRISK_C_algorithm_score).toFixed(1));
  });
  it("rejects ages outside 25–84 with a message naming the field", () => {
    const first = rows[0];
    if (!first) throw new Error("no vectors");
    expect(() => qrisk3({ ...input(first), age: 90 })).toThrow(ScoreInputError);
    expect(() => qrisk3({ ...input(first), age: 90 })).toThrow(/age/);
    expect(() => qrisk3({ ...input(first), sbp: Number.NaN })).toThrow(/sbp/);
  });
  it("clamps BMI to 20–40", () => {
    const first = rows[0];
    if (!first) throw new Error("no vectors");
    expect(qrisk3({ ...input(first), bmi: 45 }).value).toBe(qrisk3({ ...input(first), bmi: 40 }).value);
  });
});
