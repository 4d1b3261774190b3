// Turns a person's latest recorded values into QRISK3 and QDiabetes inputs, with the
// missing-value rules of docs/clinical-scores.md. Pure: the warehouse query is elsewhere.

import type { QDiabetesInput, QDiabetesModel } from "./qdiabetes.ts";
import { QDIABETES_2018 } from "./qdiabetes-coefficients.ts";
import type { Qrisk3Input } from "./qrisk3.ts";
import { QRISK3_2017 } from "./qrisk3-coefficients.ts";

export interface RecordedFeatures {
  readonly age: number;
  /** F, M or U. */
  readonly sex: string;
  /** NHS ethnic category letter, or null. */
  readonly ethnicityCode: string | null;
  readonly af: boolean;
  readonly ckd: boolean;
  readonly smi: boolean;
  readonly ra: boolean;
  readonly ld: boolean;
  readonly cvd: boolean;
  /** DM register subtype, or null when not on the register. */
  readonly diabetes: string | null;
  readonly sle: boolean;
  readonly gdm: boolean;
  readonly pcos: boolean;
  readonly antipsychotics: boolean;
  readonly corticosteroids: boolean;
  readonly antihypertensives: boolean;
  readonly statins: boolean;
  readonly hypertension: boolean;
  /** Latest smoking status: current, ex, never, or null. */
  readonly smoking: string | null;
  readonly bmi: number | null;
  readonly sbp: number | null;
  readonly sbpSd: number | null;
  readonly cholRatio: number | null;
  readonly hba1c: number | null;
}

/** NHS ethnic category (A–Z) → QRISK ethnicity 1–9; not stated and unknown → 1, as QRISK groups them. */
const QRISK_ETHNICITY: Readonly<Record<string, number>> = {
  A: 1,
  B: 1,
  C: 1,
  H: 2,
  J: 3,
  K: 4,
  L: 5,
  M: 6,
  N: 7,
  R: 8,
  D: 9,
  E: 9,
  F: 9,
  G: 9,
  P: 9,
  S: 9,
};

export function qriskEthnicity(code: string | null): number {
  return QRISK_ETHNICITY[(code ?? "").toUpperCase()] ?? 1;
}

/** never/none → 0, ex → 1, current → 3 (moderate: the amount is not coded). */
function smokingCategory(s: string | null): number {
  return s === "current" ? 3 : s === "ex" ? 1 : 0;
}

const SMOKING_NOT_RECORDED = "smoking";

export interface Prepared<T> {
  readonly input: T;
  /**
   * Inputs that were imputed: not recorded (the name alone), or recorded outside the
   * model's valid range (the name followed by " (implausible)").
   */
  readonly imputed: readonly string[];
}

/**
 * The recorded value when it lies within the model's valid range [lo, hi]; otherwise the
 * imputed value, with the reason added to `imputed`. A value outside the range (a typing
 * slip such as an SBP of 1,200) is treated as not recorded rather than stopping the build.
 */
function recordedOr(
  v: number | null,
  range: readonly [number, number],
  name: string,
  fallback: number,
  imputed: string[],
): number {
  if (v === null || !Number.isFinite(v)) {
    imputed.push(name);
    return fallback;
  }
  if (v < range[0] || v > range[1]) {
    imputed.push(`${name} (implausible)`);
    return fallback;
  }
  return v;
}

/** The validity ranges of validateQrisk3 and validateQdiabetes (docs/clinical-scores.md). */
const VALID = {
  bmi: [10, 80],
  cholesterolHdlRatio: [1, 12],
  sbp: [70, 210],
  sbpSd: [0, 50],
} as const;

/**
 * QRISK3 input, or null when the person is not eligible (sex not recorded, or existing
 * CHD, stroke/TIA or PAD). Missing BMI, cholesterol/HDL ratio, SBP and SBP variability are
 * imputed at the model's centring value (the derivation cohort mean, so the term adds
 * nothing); Townsend is always imputed so; smoking not recorded is taken as non-smoker.
 */
export function qrisk3FromRecord(f: RecordedFeatures): Prepared<Qrisk3Input> | null {
  if (f.cvd || (f.sex !== "F" && f.sex !== "M")) return null;
  const sex = f.sex === "F" ? "female" : "male";
  const c = QRISK3_2017[sex].centring;
  const imputed: string[] = [];
  const bmi = recordedOr(f.bmi, VALID.bmi, "bmi", 10 / Math.sqrt(c.bmi_1 ?? 0.15), imputed);
  const ratio = recordedOr(
    f.cholRatio,
    VALID.cholesterolHdlRatio,
    "cholesterol_hdl_ratio",
    c.rati ?? 4,
    imputed,
  );
  const sbp = recordedOr(f.sbp, VALID.sbp, "sbp", c.sbp ?? 125, imputed);
  const sbpSd = recordedOr(f.sbpSd, VALID.sbpSd, "sbp_sd", c.sbps5 ?? 9, imputed);
  imputed.push("townsend");
  if (f.smoking === null) imputed.push(SMOKING_NOT_RECORDED);
  return {
    input: {
      age: f.age,
      sex,
      ethnicity: qriskEthnicity(f.ethnicityCode),
      smoking: smokingCategory(f.smoking),
      diabetes: f.diabetes === "type1" ? "type1" : f.diabetes === null ? "none" : "type2",
      af: f.af,
      atypicalAntipsychotics: f.antipsychotics,
      corticosteroids: f.corticosteroids,
      erectileDysfunction: false,
      migraine: false,
      rheumatoidArthritis: f.ra,
      ckd: f.ckd,
      severeMentalIllness: f.smi,
      sle: f.sle,
      treatedHypertension: f.hypertension && f.antihypertensives,
      familyHistoryChd: false,
      bmi,
      cholesterolHdlRatio: ratio,
      sbp,
      sbpSd,
      townsend: c.town ?? 0,
    },
    imputed,
  };
}

/**
 * QDiabetes input and model, or null when not eligible (on the diabetes register, sex not
 * recorded, or an HbA1c at or above 48 mmol/mol: already in the diabetic range). Model C
 * when an HbA1c of 15 to <48 was recorded in the last 2 years, else model A (no fasting
 * glucose is recorded in GP extracts often enough to prefer model B). Missing BMI is imputed
 * at the model's centring value, Townsend always so.
 */
export function qdiabetesFromRecord(
  f: RecordedFeatures,
): (Prepared<QDiabetesInput> & { readonly model: QDiabetesModel }) | null {
  if (f.diabetes !== null || (f.sex !== "F" && f.sex !== "M")) return null;
  if (f.hba1c !== null && f.hba1c >= 48) return null;
  const model: QDiabetesModel = f.hba1c !== null && f.hba1c >= 15 ? "C" : "A";
  const sex = f.sex === "F" ? "female" : "male";
  const c = QDIABETES_2018[model][sex].centring;
  const imputed: string[] = [];
  // Female bmi_1 = dbmi, male bmi_1 = dbmi²: invert the centring value.
  const centredBmi = 10 * (sex === "female" ? (c.bmi_1 ?? 2.6) : Math.sqrt(c.bmi_1 ?? 6.8));
  const bmi = recordedOr(f.bmi, VALID.bmi, "bmi", centredBmi, imputed);
  imputed.push("townsend");
  if (f.smoking === null) imputed.push(SMOKING_NOT_RECORDED);
  return {
    model,
    input: {
      age: f.age,
      sex,
      ethnicity: qriskEthnicity(f.ethnicityCode),
      smoking: smokingCategory(f.smoking),
      townsend: c.tds ?? 0,
      bmi,
      atypicalAntipsychotics: f.antipsychotics,
      corticosteroids: f.corticosteroids,
      cvd: f.cvd,
      gestationalDiabetes: f.gdm,
      learningDisability: f.ld,
      severeMentalIllness: f.smi,
      pcos: f.pcos,
      statins: f.statins,
      treatedHypertension: f.hypertension && f.antihypertensives,
      familyHistoryDiabetes: false,
      ...(model === "C" && f.hba1c !== null ? { hba1c: f.hba1c } : {}),
    },
    imputed,
  };
}
