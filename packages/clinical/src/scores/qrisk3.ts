// QRISK3-2017: 10-year risk of cardiovascular disease (Hippisley-Cox, Coupland, Brindle,
// BMJ 2017;357:j2099), the model structure of ClinRisk's published C code with the
// coefficients in qrisk3-coefficients.ts. Pure: no I/O.

import {
  type CompiledEquation,
  compileEquation,
  type EquationStructure,
  evaluateEquation,
  type Sex,
} from "./equation.ts";
import { QRISK3_2017 } from "./qrisk3-coefficients.ts";
import { ScoreInputError, type ScoreResult } from "./score-result.ts";

/** ClinRisk's disclaimer, to be shown wherever a QRISK3 score is displayed. */
export const QRISK3_DISCLAIMER =
  "QRISK3-2017 (c) ClinRisk Ltd, used under the GNU LGPL v3. The initial version of this software is a research tool; ClinRisk Ltd accepts no liability for its use. Scores are estimates to support, not replace, clinical judgement; see https://qrisk.org.";

export type { Sex } from "./equation.ts";
export type DiabetesType = "none" | "type1" | "type2";

export interface Qrisk3Input {
  readonly age: number;
  readonly sex: Sex;
  /** QRISK ethnicity 1–9: 1 white or not stated, 2 Indian, 3 Pakistani, 4 Bangladeshi, 5 other Asian, 6 Black Caribbean, 7 Black African, 8 Chinese, 9 other. */
  readonly ethnicity: number;
  /** 0 non-smoker, 1 ex, 2 light (<10/day), 3 moderate (10–19), 4 heavy (20+). */
  readonly smoking: number;
  readonly diabetes: DiabetesType;
  readonly af: boolean;
  readonly atypicalAntipsychotics: boolean;
  readonly corticosteroids: boolean;
  /** Ignored for women (the female model has no such term). */
  readonly erectileDysfunction: boolean;
  readonly migraine: boolean;
  readonly rheumatoidArthritis: boolean;
  /** CKD stage 3–5. */
  readonly ckd: boolean;
  readonly severeMentalIllness: boolean;
  readonly sle: boolean;
  readonly treatedHypertension: boolean;
  /** Angina or heart attack in a first-degree relative under 60. */
  readonly familyHistoryChd: boolean;
  /** kg/m²; clamped to 20–40. */
  readonly bmi: number;
  readonly cholesterolHdlRatio: number;
  /** mmHg. */
  readonly sbp: number;
  /** Standard deviation of at least two recent systolic readings, mmHg. */
  readonly sbpSd: number;
  readonly townsend: number;
}

/**
 * Validity rules (documented in docs/clinical-scores.md): age 25–84 (the model's range);
 * cholesterol/HDL ratio 1–12; SBP 70–210 mmHg; SBP SD 0–50; Townsend −10 to 15;
 * ethnicity 1–9; smoking 0–4. BMI is clamped to 20–40 kg/m², as ClinRisk's published
 * calculators limit it; below 10 or above 80 it is rejected as implausible.
 */
export function validateQrisk3(x: Qrisk3Input): void {
  const need = (ok: boolean, message: string) => {
    if (!ok) throw new ScoreInputError(message);
  };
  need(Number.isFinite(x.age) && x.age >= 25 && x.age <= 84, "age must be 25–84 for QRISK3");
  need(x.sex === "female" || x.sex === "male", "sex must be female or male");
  need(Number.isInteger(x.ethnicity) && x.ethnicity >= 1 && x.ethnicity <= 9, "ethnicity must be 1–9");
  need(Number.isInteger(x.smoking) && x.smoking >= 0 && x.smoking <= 4, "smoking must be 0–4");
  need(
    x.diabetes === "none" || x.diabetes === "type1" || x.diabetes === "type2",
    "diabetes must be none, type1 or type2",
  );
  need(Number.isFinite(x.bmi) && x.bmi >= 10 && x.bmi <= 80, "bmi must be 10–80 kg/m²");
  need(
    Number.isFinite(x.cholesterolHdlRatio) && x.cholesterolHdlRatio >= 1 && x.cholesterolHdlRatio <= 12,
    "cholesterol_hdl_ratio must be 1–12",
  );
  need(Number.isFinite(x.sbp) && x.sbp >= 70 && x.sbp <= 210, "sbp must be 70–210 mmHg");
  need(Number.isFinite(x.sbpSd) && x.sbpSd >= 0 && x.sbpSd <= 50, "sbp_sd must be 0–50 mmHg");
  need(Number.isFinite(x.townsend) && x.townsend >= -10 && x.townsend <= 15, "townsend must be −10 to 15");
}

/**
 * The model's structure as data (ClinRisk's C code): age/10 and BMI/10 (clamped to 20–40) as
 * fractional polynomials, centred linear terms, yes/no terms, smoking categories as indicators
 * for the age interactions. Read by the SQL generator too (../risk-equations-sql.ts).
 */
export const QRISK3_STRUCTURE: EquationStructure = {
  fp: [
    { input: "age", divisor: 10, powers: { female: [-2, 1], male: [-1, 3] }, vars: ["age_1", "age_2"] },
    {
      input: "bmi",
      divisor: 10,
      clamp: [20, 40],
      powers: { female: [-2, -2], male: [-2, -2] },
      vars: ["bmi_1", "bmi_2"],
    },
  ],
  linear: { rati: "cholesterolHdlRatio", sbp: "sbp", sbps5: "sbpSd", town: "townsend" },
  flags: {
    b_AF: { input: "af" },
    b_atypicalantipsy: { input: "atypicalAntipsychotics" },
    b_corticosteroids: { input: "corticosteroids" },
    b_impotence2: { input: "erectileDysfunction" },
    b_migraine: { input: "migraine" },
    b_ra: { input: "rheumatoidArthritis" },
    b_renal: { input: "ckd" },
    b_semi: { input: "severeMentalIllness" },
    b_sle: { input: "sle" },
    b_treatedhyp: { input: "treatedHypertension" },
    b_type1: { input: "diabetes", equals: "type1" },
    b_type2: { input: "diabetes", equals: "type2" },
    fh_cvd: { input: "familyHistoryChd" },
    "(smoke_cat==1)": { input: "smoking", equals: 1 },
    "(smoke_cat==2)": { input: "smoking", equals: 2 },
    "(smoke_cat==3)": { input: "smoking", equals: 3 },
    "(smoke_cat==4)": { input: "smoking", equals: 4 },
  },
};

function compile(sex: Sex): CompiledEquation {
  const c = QRISK3_2017[sex];
  return compileEquation(QRISK3_STRUCTURE, sex, { ...c, terms: Object.entries(c.main) });
}

/** QRISK3-2017 per sex, compiled once (scoring a million people does no string work). */
export const QRISK3_EQUATIONS: Readonly<Record<Sex, CompiledEquation>> = {
  female: compile("female"),
  male: compile("male"),
};

/** 10-year CVD risk in percent, unrounded. Throws ScoreInputError for invalid input. */
export function qrisk3(x: Qrisk3Input): ScoreResult {
  validateQrisk3(x);
  return { value: evaluateEquation(QRISK3_EQUATIONS[x.sex], x) };
}

/** BMI from height (cm) and weight (kg). */
export function bmiFrom(heightCm: number, weightKg: number): number {
  const m = heightCm / 100;
  return weightKg / (m * m);
}
