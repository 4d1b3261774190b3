// QDiabetes-2018: 10-year risk of type 2 diabetes (Hippisley-Cox & Coupland, BMJ
// 2017;359:j5019). Model A uses no blood test, B adds fasting plasma glucose, C adds HbA1c.
// Structure as in ClinRisk's published algorithm (and the qdiabetes R package), coefficients
// in qdiabetes-coefficients.ts. Pure: no I/O.
import { QDIABETES_2018 } from "./qdiabetes-coefficients.ts";
import type { QDiabetesCoefficients } from "./qdiabetes-types.ts";
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

// Variables in a fixed order; coefficients compiled once per model and sex into index lists.
const VARS = [
  "age_1",
  "age_2",
  "bmi_1",
  "bmi_2",
  "tds",
  "fpg_1",
  "fpg_2",
  "hba1c_1",
  "hba1c_2",
  "apsy",
  "ster",
  "cvd",
  "gdm",
  "learn",
  "psy",
  "pcos",
  "stat",
  "htn",
  "fhdm",
] as const;
const INDEX = new Map<string, number>(VARS.map((v, i) => [v, i]));
const CENTRED = 9; // the first nine variables are continuous and centred

interface Compiled {
  readonly c: QDiabetesCoefficients;
  readonly centring: Float64Array;
  readonly terms: readonly (readonly [number, number])[];
  readonly interactions: readonly (readonly [number, number, number])[];
}

function indexOf(name: string): number {
  const i = INDEX.get(name);
  if (i === undefined) throw new Error(`QDiabetes coefficient for an unknown variable ${name}`);
  return i;
}

function compile(c: QDiabetesCoefficients): Compiled {
  const centring = new Float64Array(CENTRED);
  for (const [k, m] of Object.entries(c.centring)) centring[indexOf(k)] = m;
  return {
    c,
    centring,
    terms: [...Object.entries(c.continuous), ...Object.entries(c.binary)].map(
      ([k, beta]) => [indexOf(k), beta] as const,
    ),
    interactions: Object.entries(c.interactions).map(([k, beta]) => {
      const [l = "", r = ""] = k.split("*");
      return [indexOf(l), indexOf(r), beta] as const;
    }),
  };
}

const COMPILED = Object.fromEntries(
  (["A", "B", "C"] as const).map((m) => [
    m,
    { female: compile(QDIABETES_2018[m].female), male: compile(QDIABETES_2018[m].male) },
  ]),
) as Record<QDiabetesModel, Record<Sex, Compiled>>;

/** 10-year risk of type 2 diabetes in percent, unrounded. Throws ScoreInputError for invalid input. */
export function qdiabetes(model: QDiabetesModel, x: QDiabetesInput): ScoreResult {
  validateQDiabetes(model, x);
  const { c, centring, terms, interactions } = COMPILED[model][x.sex];
  const female = x.sex === "female";
  const dage = x.age / 10;
  const dbmi = Math.min(40, Math.max(20, x.bmi)) / 10;
  const v = new Float64Array(VARS.length);
  v[0] = female ? dage ** 0.5 : Math.log(dage);
  v[1] = dage ** 3;
  v[2] = female ? dbmi : dbmi ** 2;
  v[3] = dbmi ** 3;
  v[4] = x.townsend;
  if (model === "B") {
    const g = x.fastingGlucose ?? Number.NaN;
    const p = female ? -1 : -0.5;
    v[5] = g ** p;
    v[6] = Math.log(g) * g ** p;
  }
  if (model === "C") {
    const h = (x.hba1c ?? Number.NaN) / 10;
    v[7] = h ** 0.5;
    v[8] = h;
  }
  // Only the model's own continuous terms are centred (the others carry no coefficient).
  for (let i = 0; i < CENTRED; i++) v[i] = (v[i] ?? 0) - (centring[i] ?? 0);
  v[9] = Number(x.atypicalAntipsychotics);
  v[10] = Number(x.corticosteroids);
  v[11] = Number(x.cvd);
  v[12] = Number(female && x.gestationalDiabetes);
  v[13] = Number(x.learningDisability);
  v[14] = Number(x.severeMentalIllness);
  v[15] = Number(female && x.pcos);
  v[16] = Number(x.statins);
  v[17] = Number(x.treatedHypertension);
  v[18] = Number(x.familyHistoryDiabetes);
  let a = (c.ethnicity[ETHNICITY[x.ethnicity - 1] ?? ""] ?? 0) + (c.smoking[SMOKING[x.smoking] ?? ""] ?? 0);
  for (const [i, beta] of terms) a += beta * (v[i] ?? 0);
  for (const [l, r, beta] of interactions) a += beta * (v[l] ?? 0) * (v[r] ?? 0);
  return { value: 100 * (1 - c.baselineSurvival10y ** Math.exp(a)) };
}
