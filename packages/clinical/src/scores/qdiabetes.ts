// QDiabetes-2018: 10-year risk of type 2 diabetes (Hippisley-Cox & Coupland, BMJ
// 2017;359:j5019). Model A uses no blood test, B adds fasting plasma glucose, C adds HbA1c.
// Structure as in ClinRisk's published algorithm (and the qdiabetes R package), coefficients
// in qdiabetes-coefficients.ts. Pure: no I/O.
import { QDIABETES_2018 } from "./qdiabetes-coefficients.ts";
import type { Sex } from "./qrisk3.ts";
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

/** 10-year risk of type 2 diabetes in percent, unrounded. Throws ScoreInputError for invalid input. */
export function qdiabetes(model: QDiabetesModel, x: QDiabetesInput): ScoreResult {
  validateQDiabetes(model, x);
  const c = QDIABETES_2018[model][x.sex];
  const female = x.sex === "female";
  const dage = x.age / 10;
  const dbmi = Math.min(40, Math.max(20, x.bmi)) / 10;
  const t: Record<string, number> = {
    age_1: female ? dage ** 0.5 : Math.log(dage),
    age_2: dage ** 3,
    bmi_1: female ? dbmi : dbmi ** 2,
    bmi_2: dbmi ** 3,
    tds: x.townsend,
  };
  if (model === "B") {
    const g = x.fastingGlucose ?? Number.NaN;
    const p = female ? -1 : -0.5;
    t.fpg_1 = g ** p;
    t.fpg_2 = Math.log(g) * g ** p;
  }
  if (model === "C") {
    const h = (x.hba1c ?? Number.NaN) / 10;
    t.hba1c_1 = h ** 0.5;
    t.hba1c_2 = h;
  }
  const v: Record<string, number> = {
    apsy: Number(x.atypicalAntipsychotics),
    ster: Number(x.corticosteroids),
    cvd: Number(x.cvd),
    gdm: Number(female && x.gestationalDiabetes),
    learn: Number(x.learningDisability),
    psy: Number(x.severeMentalIllness),
    pcos: Number(female && x.pcos),
    stat: Number(x.statins),
    htn: Number(x.treatedHypertension),
    fhdm: Number(x.familyHistoryDiabetes),
  };
  for (const [k, value] of Object.entries(t)) v[k] = value - (c.centring[k] ?? 0);
  let a = (c.ethnicity[ETHNICITY[x.ethnicity - 1] ?? ""] ?? 0) + (c.smoking[SMOKING[x.smoking] ?? ""] ?? 0);
  for (const [term, beta] of Object.entries(c.continuous)) a += beta * (v[term] ?? 0);
  for (const [term, beta] of Object.entries(c.binary)) a += beta * (v[term] ?? 0);
  for (const [term, beta] of Object.entries(c.interactions)) {
    const [left = "", right = ""] = term.split("*");
    a += beta * (v[left] ?? 0) * (v[right] ?? 0);
  }
  return { value: 100 * (1 - c.baselineSurvival10y ** Math.exp(a)) };
}
