// The batch calculators of `bevan score`: for each score, the input columns it reads, the
// columns it adds, and how one row becomes a result. Column names are the public interface
// (documented in the README); the scoring itself is the pure functions in ../scores.
import { charlson } from "../scores/charlson.ts";
import { efi } from "../scores/efi.ts";
import { hfrs } from "../scores/hfrs.ts";
import { type QDiabetesInput, type QDiabetesModel, qdiabetes } from "../scores/qdiabetes.ts";
import { QRISK3_DISCLAIMER, qrisk3 } from "../scores/qrisk3.ts";
import { ScoreInputError } from "../scores/score-result.ts";
import { bmi, flag, int, list, num, type Row, sex } from "./fields.ts";

export const SCORE_NAMES = [
  "qrisk3",
  "qdiabetes-a",
  "qdiabetes-b",
  "qdiabetes-c",
  "efi",
  "hfrs",
  "charlson",
] as const;
export type ScoreName = (typeof SCORE_NAMES)[number];

export interface ScoreSpec {
  readonly name: ScoreName;
  readonly title: string;
  /** Columns that must be in the header. */
  readonly required: readonly string[];
  /** Sets of columns of which the header must hold at least one whole set. */
  readonly oneOf?: readonly (readonly string[])[];
  readonly outputs: readonly string[];
  /** Shown by the command after writing (QRISK3's disclaimer). */
  readonly notice?: string;
  /** Output values for one row; throws ScoreInputError when the row cannot be scored. */
  score(row: Row, ctx: ScoreContext): string[];
}

export interface ScoreContext {
  /** SNOMED CT code → eFI deficit number, for the efi calculator's `snomed_codes` column. */
  readonly efiDeficitOfCode?: ReadonlyMap<string, number>;
}

const BMI = [["bmi"], ["height_cm", "weight_kg"]] as const;

const QRISK3_COLUMNS = [
  "age",
  "sex",
  "ethnicity",
  "smoking",
  "diabetes",
  "af",
  "atypical_antipsychotics",
  "corticosteroids",
  "erectile_dysfunction",
  "migraine",
  "rheumatoid_arthritis",
  "ckd",
  "severe_mental_illness",
  "sle",
  "treated_hypertension",
  "family_history_chd",
  "cholesterol_hdl_ratio",
  "sbp",
  "sbp_sd",
  "townsend",
] as const;

const QDIABETES_COLUMNS = [
  "age",
  "sex",
  "ethnicity",
  "smoking",
  "townsend",
  "atypical_antipsychotics",
  "corticosteroids",
  "cvd",
  "gestational_diabetes",
  "learning_disability",
  "severe_mental_illness",
  "pcos",
  "statins",
  "treated_hypertension",
  "family_history_diabetes",
] as const;

function diabetesType(row: Row): "none" | "type1" | "type2" {
  const raw = (row("diabetes") ?? "").trim().toLowerCase();
  if (raw === "none" || raw === "type1" || raw === "type2") return raw;
  throw new ScoreInputError("diabetes must be none, type1 or type2");
}

const fmt = (x: number) => String(x);

const qrisk3Spec: ScoreSpec = {
  name: "qrisk3",
  title: "QRISK3-2017 10-year cardiovascular risk",
  required: QRISK3_COLUMNS,
  oneOf: BMI,
  outputs: ["qrisk3_10y_percent"],
  notice: QRISK3_DISCLAIMER,
  score: (row) => [
    fmt(
      qrisk3({
        age: num(row, "age"),
        sex: sex(row),
        ethnicity: int(row, "ethnicity"),
        smoking: int(row, "smoking"),
        diabetes: diabetesType(row),
        af: flag(row, "af"),
        atypicalAntipsychotics: flag(row, "atypical_antipsychotics"),
        corticosteroids: flag(row, "corticosteroids"),
        erectileDysfunction: flag(row, "erectile_dysfunction"),
        migraine: flag(row, "migraine"),
        rheumatoidArthritis: flag(row, "rheumatoid_arthritis"),
        ckd: flag(row, "ckd"),
        severeMentalIllness: flag(row, "severe_mental_illness"),
        sle: flag(row, "sle"),
        treatedHypertension: flag(row, "treated_hypertension"),
        familyHistoryChd: flag(row, "family_history_chd"),
        bmi: bmi(row),
        cholesterolHdlRatio: num(row, "cholesterol_hdl_ratio"),
        sbp: num(row, "sbp"),
        sbpSd: num(row, "sbp_sd"),
        townsend: num(row, "townsend"),
      }).value,
    ),
  ],
};

function qdiabetesSpec(model: QDiabetesModel): ScoreSpec {
  const extra = model === "B" ? ["fasting_glucose"] : model === "C" ? ["hba1c"] : [];
  return {
    name: `qdiabetes-${model.toLowerCase()}` as ScoreName,
    title: `QDiabetes-2018 model ${model} 10-year risk of type 2 diabetes`,
    required: [...QDIABETES_COLUMNS, ...extra],
    oneOf: BMI,
    outputs: ["qdiabetes_10y_percent"],
    score: (row) => {
      const x: QDiabetesInput = {
        age: num(row, "age"),
        sex: sex(row),
        ethnicity: int(row, "ethnicity"),
        smoking: int(row, "smoking"),
        townsend: num(row, "townsend"),
        bmi: bmi(row),
        atypicalAntipsychotics: flag(row, "atypical_antipsychotics"),
        corticosteroids: flag(row, "corticosteroids"),
        cvd: flag(row, "cvd"),
        gestationalDiabetes: flag(row, "gestational_diabetes"),
        learningDisability: flag(row, "learning_disability"),
        severeMentalIllness: flag(row, "severe_mental_illness"),
        pcos: flag(row, "pcos"),
        statins: flag(row, "statins"),
        treatedHypertension: flag(row, "treated_hypertension"),
        familyHistoryDiabetes: flag(row, "family_history_diabetes"),
        ...(model === "B" ? { fastingGlucose: num(row, "fasting_glucose") } : {}),
        ...(model === "C" ? { hba1c: num(row, "hba1c") } : {}),
      };
      return [fmt(qdiabetes(model, x).value)];
    },
  };
}

const efiSpec: ScoreSpec = {
  name: "efi",
  title: "Electronic Frailty Index (Clegg 2016)",
  required: ["medicines_12m"],
  oneOf: [["deficits"], ["snomed_codes"]],
  outputs: ["efi", "efi_band"],
  score: (row, ctx) => {
    const deficits = list(row, "deficits").map((d) => {
      const n = Number(d);
      if (!Number.isInteger(n)) throw new ScoreInputError("deficits must be numbers 1–36 separated by ;");
      return n;
    });
    for (const code of list(row, "snomed_codes")) {
      const d = ctx.efiDeficitOfCode?.get(code);
      if (d !== undefined) deficits.push(d);
    }
    const r = efi(deficits, int(row, "medicines_12m"));
    return [fmt(r.value), r.band ?? ""];
  },
};

const hfrsSpec: ScoreSpec = {
  name: "hfrs",
  title: "Hospital Frailty Risk Score (Gilbert 2018)",
  required: ["icd10_codes"],
  outputs: ["hfrs", "hfrs_band"],
  score: (row) => {
    const r = hfrs(list(row, "icd10_codes"));
    return [fmt(r.value), r.band ?? ""];
  },
};

const charlsonSpec: ScoreSpec = {
  name: "charlson",
  title: "Charlson comorbidity index (Quan 2005 ICD-10 coding, Quan 2011 weights)",
  required: ["icd10_codes"],
  outputs: ["charlson"],
  score: (row) => [fmt(charlson(list(row, "icd10_codes")).value)],
};

export const SCORE_SPECS: Readonly<Record<ScoreName, ScoreSpec>> = {
  qrisk3: qrisk3Spec,
  "qdiabetes-a": qdiabetesSpec("A"),
  "qdiabetes-b": qdiabetesSpec("B"),
  "qdiabetes-c": qdiabetesSpec("C"),
  efi: efiSpec,
  hfrs: hfrsSpec,
  charlson: charlsonSpec,
};
