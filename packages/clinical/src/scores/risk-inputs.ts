// Turns a person's latest recorded values into QRISK3 and QDiabetes inputs, with the
// missing-value rules of docs/clinical-scores.md. Pure: the warehouse query is elsewhere.

import type { QDiabetesInput, QDiabetesModel } from "./qdiabetes.ts";
import { QDIABETES_2018 } from "./qdiabetes-coefficients.ts";
import type { Qrisk3Input, Sex } from "./qrisk3.ts";
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
  /** Townsend score of the person's area (lsoa.townsend), or null when the LSOA is not known. */
  readonly townsend: number | null;
}

/** NHS ethnic category (A–Z) → QRISK ethnicity 1–9; not stated and unknown → 1, as QRISK groups them. */
export const QRISK_ETHNICITY: Readonly<Record<string, number>> = {
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

/** Recorded smoking status → QRISK smoking category; anything else (never, not recorded) → 0. */
export const SMOKING_CATEGORY: Readonly<Record<string, number>> = { current: 3, ex: 1 };

function smokingCategory(s: string | null): number {
  return SMOKING_CATEGORY[s ?? ""] ?? 0;
}

/** The name given in the imputed list when no smoking status was recorded. */
export const SMOKING_NOT_RECORDED = "smoking";

type Centring = Readonly<Record<string, number>>;

/**
 * A recorded measurement an equation reads: its valid range (docs/clinical-scores.md; outside it
 * the value counts as not recorded) and the value imputed when it is missing, from the model's
 * centring values (the derivation cohort's mean, so the term adds nothing). `name` is what the
 * imputed list says; `record` the RecordedFeatures field; `input` the equation input.
 */
export interface RecordedMeasure {
  readonly name: string;
  readonly record: keyof RecordedFeatures;
  readonly input: string;
  readonly range: readonly [number, number];
  readonly imputed: (centring: Centring, sex: Sex) => number;
}

export const QRISK3_MEASURES: readonly RecordedMeasure[] = [
  {
    name: "bmi",
    record: "bmi",
    input: "bmi",
    range: [10, 80],
    imputed: (c) => 10 / Math.sqrt(c.bmi_1 ?? 0.15),
  },
  {
    name: "cholesterol_hdl_ratio",
    record: "cholRatio",
    input: "cholesterolHdlRatio",
    range: [1, 12],
    imputed: (c) => c.rati ?? 4,
  },
  { name: "sbp", record: "sbp", input: "sbp", range: [70, 210], imputed: (c) => c.sbp ?? 125 },
  { name: "sbp_sd", record: "sbpSd", input: "sbpSd", range: [0, 50], imputed: (c) => c.sbps5 ?? 9 },
];

export const QDIABETES_MEASURES: readonly RecordedMeasure[] = [
  {
    name: "bmi",
    record: "bmi",
    input: "bmi",
    range: [10, 80],
    // Female bmi_1 = dbmi, male bmi_1 = dbmi²: invert the centring value.
    imputed: (c, sex) => 10 * (sex === "female" ? (c.bmi_1 ?? 2.6) : Math.sqrt(c.bmi_1 ?? 6.8)),
  },
];

/**
 * Townsend comes from the person's area (lsoa.townsend, derived from its IMD rank); when the
 * LSOA is not known, or the value is outside the models' −10 to 15, it is the model's
 * centring value and named in the imputed list.
 */
export const TOWNSEND_IMPUTED = {
  name: "townsend",
  range: [-10, 15] as const,
  qrisk3: (c: Centring) => c.town ?? 0,
  qdiabetes: (c: Centring) => c.tds ?? 0,
} as const;

function townsendOf(f: RecordedFeatures, centring: number, imputed: string[]): number {
  const t = f.townsend;
  const [lo, hi] = TOWNSEND_IMPUTED.range;
  if (t !== null && Number.isFinite(t) && t >= lo && t <= hi) return t;
  imputed.push(TOWNSEND_IMPUTED.name);
  return centring;
}

/**
 * How each yes/no equation input comes from the record: a RecordedFeatures field, both of two
 * fields (treated hypertension: on the register and issued an antihypertensive), or never
 * recorded here (false).
 */
export type FlagSource =
  | keyof RecordedFeatures
  | readonly [keyof RecordedFeatures, keyof RecordedFeatures]
  | false;

export const QRISK3_FLAGS = {
  af: "af",
  atypicalAntipsychotics: "antipsychotics",
  corticosteroids: "corticosteroids",
  erectileDysfunction: false,
  migraine: false,
  rheumatoidArthritis: "ra",
  ckd: "ckd",
  severeMentalIllness: "smi",
  sle: "sle",
  treatedHypertension: ["hypertension", "antihypertensives"],
  familyHistoryChd: false,
} as const satisfies Readonly<Record<string, FlagSource>>;

export const QDIABETES_FLAGS = {
  atypicalAntipsychotics: "antipsychotics",
  corticosteroids: "corticosteroids",
  cvd: "cvd",
  gestationalDiabetes: "gdm",
  learningDisability: "ld",
  severeMentalIllness: "smi",
  pcos: "pcos",
  statins: "statins",
  treatedHypertension: ["hypertension", "antihypertensives"],
  familyHistoryDiabetes: false,
} as const satisfies Readonly<Record<string, FlagSource>>;

/** QDiabetes model choice by the latest HbA1c (mmol/mol) in the last 2 years. */
export const QDIABETES_HBA1C = {
  /** At or above: already in the diabetic range, not scored. */
  diabeticFrom: 48,
  /** At or above (and below diabeticFrom): model C; lower or none: model A. */
  modelCFrom: 15,
} as const;

/** Recorded sex → the equations' sex; U (or anything else) is not scored. */
export const EQUATION_SEX: Readonly<Record<string, Sex>> = { F: "female", M: "male" };

function flagsFrom<K extends string>(
  map: Readonly<Record<K, FlagSource>>,
  f: RecordedFeatures,
): Record<K, boolean> {
  const out = {} as Record<K, boolean>;
  for (const [k, src] of Object.entries(map) as [K, FlagSource][]) {
    out[k] =
      src === false
        ? false
        : typeof src === "string"
          ? f[src] === true
          : f[src[0]] === true && f[src[1]] === true;
  }
  return out;
}

export interface Prepared<T> {
  readonly input: T;
  /** Inputs that were not recorded (or were outside the valid range) and were imputed. */
  readonly imputed: readonly string[];
}

/** The measures' values, recorded or imputed, and the names of those imputed, in order. */
function measured(
  measures: readonly RecordedMeasure[],
  f: RecordedFeatures,
  c: Centring,
  sex: Sex,
  imputed: string[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of measures) {
    // A recorded value outside the model's valid range (validateQrisk3) is treated as not
    // recorded: one implausible reading must not stop the build or distort the score.
    const v = f[m.record] as number | null;
    const [lo, hi] = m.range;
    if (v !== null && Number.isFinite(v) && v >= lo && v <= hi) out[m.input] = v;
    else {
      out[m.input] = m.imputed(c, sex);
      imputed.push(m.name);
    }
  }
  return out;
}

/**
 * QRISK3 input, or null when the person is not eligible (sex not recorded, or existing
 * CHD, stroke/TIA or PAD). Missing BMI, cholesterol/HDL ratio, SBP and SBP variability are
 * imputed at the model's centring value (the derivation cohort mean, so the term adds
 * nothing), as is Townsend when the area is not known; smoking not recorded is taken as non-smoker.
 */
export function qrisk3FromRecord(f: RecordedFeatures): Prepared<Qrisk3Input> | null {
  const sex = EQUATION_SEX[f.sex];
  if (f.cvd || sex === undefined) return null;
  const c = QRISK3_2017[sex].centring;
  const imputed: string[] = [];
  const values = measured(QRISK3_MEASURES, f, c, sex, imputed);
  const townsend = townsendOf(f, TOWNSEND_IMPUTED.qrisk3(c), imputed);
  if (f.smoking === null) imputed.push(SMOKING_NOT_RECORDED);
  return {
    input: {
      age: f.age,
      sex,
      ethnicity: qriskEthnicity(f.ethnicityCode),
      smoking: smokingCategory(f.smoking),
      diabetes: f.diabetes === "type1" ? "type1" : f.diabetes === null ? "none" : "type2",
      ...flagsFrom(QRISK3_FLAGS, f),
      bmi: values.bmi ?? Number.NaN,
      cholesterolHdlRatio: values.cholesterolHdlRatio ?? Number.NaN,
      sbp: values.sbp ?? Number.NaN,
      sbpSd: values.sbpSd ?? Number.NaN,
      townsend,
    },
    imputed,
  };
}

/**
 * QDiabetes input and model, or null when not eligible (on the diabetes register, sex not
 * recorded, or an HbA1c at or above 48 mmol/mol: already in the diabetic range). Model C
 * when an HbA1c of 15 to <48 was recorded in the last 2 years, else model A (no fasting
 * glucose is recorded in GP extracts often enough to prefer model B). Missing BMI is imputed
 * at the model's centring value, and Townsend when the area is not known.
 */
export function qdiabetesFromRecord(
  f: RecordedFeatures,
): (Prepared<QDiabetesInput> & { readonly model: QDiabetesModel }) | null {
  const sex = EQUATION_SEX[f.sex];
  if (f.diabetes !== null || sex === undefined) return null;
  if (f.hba1c !== null && f.hba1c >= QDIABETES_HBA1C.diabeticFrom) return null;
  const model: QDiabetesModel = f.hba1c !== null && f.hba1c >= QDIABETES_HBA1C.modelCFrom ? "C" : "A";
  const c = QDIABETES_2018[model][sex].centring;
  const imputed: string[] = [];
  const values = measured(QDIABETES_MEASURES, f, c, sex, imputed);
  const townsend = townsendOf(f, TOWNSEND_IMPUTED.qdiabetes(c), imputed);
  if (f.smoking === null) imputed.push(SMOKING_NOT_RECORDED);
  return {
    model,
    input: {
      age: f.age,
      sex,
      ethnicity: qriskEthnicity(f.ethnicityCode),
      smoking: smokingCategory(f.smoking),
      townsend,
      bmi: values.bmi ?? Number.NaN,
      ...flagsFrom(QDIABETES_FLAGS, f),
      ...(model === "C" && f.hba1c !== null ? { hba1c: f.hba1c } : {}),
    },
    imputed,
  };
}
