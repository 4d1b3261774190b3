// QRISK3-2017: 10-year risk of cardiovascular disease (Hippisley-Cox, Coupland, Brindle,
// BMJ 2017;357:j2099), the model structure of ClinRisk's published C code with the
// coefficients in qrisk3-coefficients.ts. Pure: no I/O.
import { QRISK3_2017 } from "./qrisk3-coefficients.ts";
import type { Qrisk3Coefficients } from "./qrisk3-types.ts";
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

// The model's variables, in a fixed order: the coefficients are compiled once per sex into
// index lists, so scoring a million people does no string work.
const VARS = [
  "age_1",
  "age_2",
  "bmi_1",
  "bmi_2",
  "rati",
  "sbp",
  "sbps5",
  "town",
  "b_AF",
  "b_atypicalantipsy",
  "b_corticosteroids",
  "b_impotence2",
  "b_migraine",
  "b_ra",
  "b_renal",
  "b_semi",
  "b_sle",
  "b_treatedhyp",
  "b_type1",
  "b_type2",
  "fh_cvd",
  "(smoke_cat==1)",
  "(smoke_cat==2)",
  "(smoke_cat==3)",
  "(smoke_cat==4)",
] as const;
const INDEX = new Map<string, number>(VARS.map((v, i) => [v, i]));

interface Compiled {
  readonly c: Qrisk3Coefficients;
  readonly main: readonly (readonly [number, number])[];
  readonly interactions: readonly (readonly [number, number, number])[];
}

function indexOf(name: string): number {
  const i = INDEX.get(name);
  // A coefficient naming an unknown variable would silently drop a term: refuse it.
  if (i === undefined) throw new Error(`QRISK3 coefficient for an unknown variable ${name}`);
  return i;
}

function compile(c: Qrisk3Coefficients): Compiled {
  return {
    c,
    main: Object.entries(c.main).map(([k, beta]) => [indexOf(k), beta] as const),
    interactions: Object.entries(c.interactions).map(([k, beta]) => {
      const [l = "", r = ""] = k.split("*");
      return [indexOf(l), indexOf(r), beta] as const;
    }),
  };
}

const COMPILED = { female: compile(QRISK3_2017.female), male: compile(QRISK3_2017.male) };

/** 10-year CVD risk in percent, unrounded. Throws ScoreInputError for invalid input. */
export function qrisk3(x: Qrisk3Input): ScoreResult {
  validateQrisk3(x);
  const { c, main, interactions } = COMPILED[x.sex];
  const dage = x.age / 10;
  const dbmi = Math.min(40, Math.max(20, x.bmi)) / 10;
  const female = x.sex === "female";
  const v = new Float64Array(VARS.length);
  v[0] = (female ? dage ** -2 : dage ** -1) - (c.centring.age_1 ?? 0);
  v[1] = (female ? dage : dage ** 3) - (c.centring.age_2 ?? 0);
  v[2] = dbmi ** -2 - (c.centring.bmi_1 ?? 0);
  v[3] = dbmi ** -2 * Math.log(dbmi) - (c.centring.bmi_2 ?? 0);
  v[4] = x.cholesterolHdlRatio - (c.centring.rati ?? 0);
  v[5] = x.sbp - (c.centring.sbp ?? 0);
  v[6] = x.sbpSd - (c.centring.sbps5 ?? 0);
  v[7] = x.townsend - (c.centring.town ?? 0);
  v[8] = Number(x.af);
  v[9] = Number(x.atypicalAntipsychotics);
  v[10] = Number(x.corticosteroids);
  v[11] = Number(x.erectileDysfunction);
  v[12] = Number(x.migraine);
  v[13] = Number(x.rheumatoidArthritis);
  v[14] = Number(x.ckd);
  v[15] = Number(x.severeMentalIllness);
  v[16] = Number(x.sle);
  v[17] = Number(x.treatedHypertension);
  v[18] = Number(x.diabetes === "type1");
  v[19] = Number(x.diabetes === "type2");
  v[20] = Number(x.familyHistoryChd);
  if (x.smoking >= 1) v[20 + x.smoking] = 1;
  let a = (c.ethnicity[x.ethnicity] ?? 0) + (c.smoking[x.smoking] ?? 0);
  for (const [i, beta] of main) a += beta * (v[i] ?? 0);
  for (const [l, r, beta] of interactions) a += beta * (v[l] ?? 0) * (v[r] ?? 0);
  return { value: 100 * (1 - c.survivor10y ** Math.exp(a)) };
}

/** BMI from height (cm) and weight (kg). */
export function bmiFrom(heightCm: number, weightKg: number): number {
  const m = heightCm / 100;
  return weightKg / (m * m);
}
