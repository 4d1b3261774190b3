// QDiabetes-2018: 10-year risk of type 2 diabetes (Hippisley-Cox & Coupland, BMJ
// 2017;359:j5019). Model A uses no blood test, B adds fasting plasma glucose, C adds HbA1c.
// Structure as in ClinRisk's published algorithm (and the qdiabetes R package), coefficients
// in qdiabetes-coefficients.ts. Pure: no I/O.

import {
  type CompiledEquation,
  compileEquation,
  type EquationStructure,
  evaluateEquation,
  type Sex,
} from "./equation.ts";
import { QDIABETES_2018 } from "./qdiabetes-coefficients.ts";
import type { QDiabetesCoefficients } from "./qdiabetes-types.ts";
import { ScoreInputError, type ScoreResult } from "./score-result.ts";

export type QDiabetesModel = "A" | "B" | "C";

export interface QDiabetesInput {
  readonly age: number;
  readonly sex: Sex;
  /** QRISK ethnicity 1–9, as for QRISK3. */
  readonly ethnicity: number;
  /** 0 non, 1 ex, 2 light, 3 moderate, 4 heavy. */
  readonly smoking: number;
  readonly townsend: number;
  /** kg/m²; clamped to 20–40. */
  readonly bmi: number;
  readonly atypicalAntipsychotics: boolean;
  readonly corticosteroids: boolean;
  readonly cvd: boolean;
  /** Women only. */
  readonly gestationalDiabetes: boolean;
  readonly learningDisability: boolean;
  readonly severeMentalIllness: boolean;
  /** Women only. */
  readonly pcos: boolean;
  readonly statins: boolean;
  readonly treatedHypertension: boolean;
  readonly familyHistoryDiabetes: boolean;
  /** Model B: fasting plasma glucose, mmol/L (2.0 to below 7.0). */
  readonly fastingGlucose?: number;
  /** Model C: HbA1c, mmol/mol (15 to below 48). */
  readonly hba1c?: number;
}

const ETHNICITY = [
  "WhiteNA",
  "Indian",
  "Pakistani",
  "Bangladeshi",
  "OtherAsian",
  "BlackCaribbean",
  "BlackAfrican",
  "Chinese",
  "Other",
] as const;
const SMOKING = ["Non", "Ex", "Light", "Moderate", "Heavy"] as const;

/**
 * Validity rules: age 25–84; ethnicity 1–9; smoking 0–4; Townsend −10 to 15; BMI 10–80
 * (then clamped to 20–40, as the reference implementation does); model B needs a fasting
 * glucose of 2.0 to <7.0 mmol/L and model C an HbA1c of 15 to <48 mmol/mol — values at or
 * above the diagnostic thresholds mean the person already meets the definition of diabetes.
 */
export function validateQDiabetes(model: QDiabetesModel, x: QDiabetesInput): void {
  const need = (ok: boolean, message: string) => {
    if (!ok) throw new ScoreInputError(message);
  };
  need(Number.isFinite(x.age) && x.age >= 25 && x.age <= 84, "age must be 25–84 for QDiabetes");
  need(x.sex === "female" || x.sex === "male", "sex must be female or male");
  need(Number.isInteger(x.ethnicity) && x.ethnicity >= 1 && x.ethnicity <= 9, "ethnicity must be 1–9");
  need(Number.isInteger(x.smoking) && x.smoking >= 0 && x.smoking <= 4, "smoking must be 0–4");
  need(Number.isFinite(x.townsend) && x.townsend >= -10 && x.townsend <= 15, "townsend must be −10 to 15");
  need(Number.isFinite(x.bmi) && x.bmi >= 10 && x.bmi <= 80, "bmi must be 10–80 kg/m²");
  if (model === "B") {
    const g = x.fastingGlucose;
    need(
      g !== undefined && Number.isFinite(g) && g >= 2 && g < 7,
      "fasting_glucose must be 2.0 to below 7.0 mmol/L for model B",
    );
  }
  if (model === "C") {
    const h = x.hba1c;
    need(
      h !== undefined && Number.isFinite(h) && h >= 15 && h < 48,
      "hba1c must be 15 to below 48 mmol/mol for model C",
    );
  }
}

/**
 * The model's structure as data (ClinRisk's published algorithm): age/10, BMI/10 (clamped to
 * 20–40), fasting glucose (model B) and HbA1c/10 (model C) as fractional polynomials, the
 * Townsend score centred, yes/no terms (two for women only). A model uses the variables its
 * coefficients name. Read by the SQL generator too (../risk-equations-sql.ts).
 */
export const QDIABETES_STRUCTURE: EquationStructure = {
  fp: [
    { input: "age", divisor: 10, powers: { female: [0.5, 3], male: [0, 3] }, vars: ["age_1", "age_2"] },
    {
      input: "bmi",
      divisor: 10,
      clamp: [20, 40],
      powers: { female: [1, 3], male: [2, 3] },
      vars: ["bmi_1", "bmi_2"],
    },
    {
      input: "fastingGlucose",
      divisor: 1,
      powers: { female: [-1, -1], male: [-0.5, -0.5] },
      vars: ["fpg_1", "fpg_2"],
    },
    {
      input: "hba1c",
      divisor: 10,
      powers: { female: [0.5, 1], male: [0.5, 1] },
      vars: ["hba1c_1", "hba1c_2"],
    },
  ],
  linear: { tds: "townsend" },
  flags: {
    apsy: { input: "atypicalAntipsychotics" },
    ster: { input: "corticosteroids" },
    cvd: { input: "cvd" },
    gdm: { input: "gestationalDiabetes", femaleOnly: true },
    learn: { input: "learningDisability" },
    psy: { input: "severeMentalIllness" },
    pcos: { input: "pcos", femaleOnly: true },
    stat: { input: "statins" },
    htn: { input: "treatedHypertension" },
    fhdm: { input: "familyHistoryDiabetes" },
  },
};

function compile(c: QDiabetesCoefficients, sex: Sex): CompiledEquation {
  return compileEquation(QDIABETES_STRUCTURE, sex, {
    survivor10y: c.baselineSurvival10y,
    ethnicity: [0, ...ETHNICITY.map((e) => c.ethnicity[e] ?? 0)],
    smoking: SMOKING.map((k) => c.smoking[k] ?? 0),
    centring: c.centring,
    terms: [...Object.entries(c.continuous), ...Object.entries(c.binary)],
    interactions: c.interactions,
  });
}

/** QDiabetes-2018 per model and sex, compiled once. */
export const QDIABETES_EQUATIONS = Object.fromEntries(
  (["A", "B", "C"] as const).map((m) => [
    m,
    { female: compile(QDIABETES_2018[m].female, "female"), male: compile(QDIABETES_2018[m].male, "male") },
  ]),
) as Readonly<Record<QDiabetesModel, Readonly<Record<Sex, CompiledEquation>>>>;

/** 10-year risk of type 2 diabetes in percent, unrounded. Throws ScoreInputError for invalid input. */
export function qdiabetes(model: QDiabetesModel, x: QDiabetesInput): ScoreResult {
  validateQDiabetes(model, x);
  return { value: evaluateEquation(QDIABETES_EQUATIONS[model][x.sex], x) };
}
