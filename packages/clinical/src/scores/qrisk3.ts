// QRISK3-2017: 10-year risk of cardiovascular disease (Hippisley-Cox, Coupland, Brindle,
// BMJ 2017;357:j2099), the model structure of ClinRisk's published C code with the
// coefficients in qrisk3-coefficients.ts. Pure: no I/O.
import { QRISK3_2017 } from "./qrisk3-coefficients.ts";
import { ScoreInputError, type ScoreResult } from "./score-result.ts";

/** ClinRisk's disclaimer, to be shown wherever a QRISK3 score is displayed. */
export const QRISK3_DISCLAIMER =
  "QRISK3-2017 (c) ClinRisk Ltd, used under the GNU LGPL v3. The initial version of this software is a research tool; ClinRisk Ltd accepts no liability for its use. Scores are estimates to support, not replace, clinical judgement; see https://qrisk.org.";

export type Sex = "female" | "male";
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
  need(["none", "type1", "type2"].includes(x.diabetes), "diabetes must be none, type1 or type2");
  need(Number.isFinite(x.bmi) && x.bmi >= 10 && x.bmi <= 80, "bmi must be 10–80 kg/m²");
  need(
    Number.isFinite(x.cholesterolHdlRatio) && x.cholesterolHdlRatio >= 1 && x.cholesterolHdlRatio <= 12,
    "cholesterol_hdl_ratio must be 1–12",
  );
  need(Number.isFinite(x.sbp) && x.sbp >= 70 && x.sbp <= 210, "sbp must be 70–210 mmHg");
  need(Number.isFinite(x.sbpSd) && x.sbpSd >= 0 && x.sbpSd <= 50, "sbp_sd must be 0–50 mmHg");
  need(Number.isFinite(x.townsend) && x.townsend >= -10 && x.townsend <= 15, "townsend must be −10 to 15");
}

/** 10-year CVD risk in percent, unrounded. Throws ScoreInputError for invalid input. */
export function qrisk3(x: Qrisk3Input): ScoreResult {
  validateQrisk3(x);
  const c = QRISK3_2017[x.sex];
  const dage = x.age / 10;
  const dbmi = Math.min(40, Math.max(20, x.bmi)) / 10;
  const raw =
    x.sex === "female" ? { age_1: dage ** -2, age_2: dage } : { age_1: dage ** -1, age_2: dage ** 3 };
  const v: Record<string, number> = {
    age_1: raw.age_1 - (c.centring.age_1 ?? 0),
    age_2: raw.age_2 - (c.centring.age_2 ?? 0),
    bmi_1: dbmi ** -2 - (c.centring.bmi_1 ?? 0),
    bmi_2: dbmi ** -2 * Math.log(dbmi) - (c.centring.bmi_2 ?? 0),
    rati: x.cholesterolHdlRatio - (c.centring.rati ?? 0),
    sbp: x.sbp - (c.centring.sbp ?? 0),
    sbps5: x.sbpSd - (c.centring.sbps5 ?? 0),
    town: x.townsend - (c.centring.town ?? 0),
    b_AF: Number(x.af),
    b_atypicalantipsy: Number(x.atypicalAntipsychotics),
    b_corticosteroids: Number(x.corticosteroids),
    b_impotence2: Number(x.erectileDysfunction),
    b_migraine: Number(x.migraine),
    b_ra: Number(x.rheumatoidArthritis),
    b_renal: Number(x.ckd),
    b_semi: Number(x.severeMentalIllness),
    b_sle: Number(x.sle),
    b_treatedhyp: Number(x.treatedHypertension),
    b_type1: Number(x.diabetes === "type1"),
    b_type2: Number(x.diabetes === "type2"),
    fh_cvd: Number(x.familyHistoryChd),
  };
  for (let k = 1; k <= 4; k++) v[`(smoke_cat==${k})`] = Number(x.smoking === k);
  let a = (c.ethnicity[x.ethnicity] ?? 0) + (c.smoking[x.smoking] ?? 0);
  for (const [term, beta] of Object.entries(c.main)) a += beta * (v[term] ?? 0);
  for (const [term, beta] of Object.entries(c.interactions)) {
    const [left = "", right = ""] = term.split("*");
    a += beta * (v[left] ?? 0) * (v[right] ?? 0);
  }
  return { value: 100 * (1 - c.survivor10y ** Math.exp(a)) };
}

/** BMI from height (cm) and weight (kg). */
export function bmiFrom(heightCm: number, weightKg: number): number {
  const m = heightCm / 100;
  return weightKg / (m * m);
}
