// The model card the web app shows beside every risk score: a summary of `bevan model report`
// (out-of-time discrimination and calibration, and the groups where calibration is off) kept
// in the warehouse's build_info under `model_card`, so the API can serve it without training
// anything. Counts are rounded to three significant figures: the card describes the whole
// validation population, never a small group.
import { type Engine, getBuildInfo, setBuildInfo } from "@bevan/engine";
import type { ModelReport, OutcomeReport } from "./report.ts";

export const MODEL_CARD_KEY = "model_card";

const GROUP_DIMENSIONS: Readonly<Record<string, string>> = {
  imd_quintile: "Deprivation quintile",
  ethnicity: "Ethnic group",
  sex: "Sex",
  age_band: "Age band",
  learning_disability: "Learning disability",
};
const GROUP_NAMES: Readonly<Record<string, string>> = {
  Q1: "1 (most deprived)",
  Q2: "2",
  Q3: "3",
  Q4: "4",
  Q5: "5 (least deprived)",
  unknown: "not known",
  F: "female",
  M: "male",
  U: "not known",
  yes: "with a learning disability",
  no: "without a learning disability",
};

export interface ModelCardOutcome {
  readonly outcome: "admission" | "mortality";
  /** What the model predicts, in words. */
  readonly predicts: string;
  readonly auroc: { readonly value: number; readonly lower: number; readonly upper: number };
  readonly calibrationSlope: { readonly value: number; readonly lower: number; readonly upper: number };
  readonly observedOverExpected: number;
  readonly brier: number;
  /** People and outcomes in the validation year, to three significant figures. */
  readonly validationPeople: number;
  readonly validationEvents: number;
  /** Predicted against observed risk by tenth of predicted risk. */
  readonly calibration: readonly { readonly predicted: number; readonly observed: number }[];
  /** Groups whose calibration is off (a slope or intercept outside the flag range, its CI excluding no error). */
  readonly warnings: readonly {
    readonly dimension: string;
    readonly group: string;
    readonly problem: string;
  }[];
}

export interface ModelCard {
  readonly madeAt: string;
  /** The scored models (build_info `admission_model`, `mortality_model`) the card was made for: a rebuild makes it stale. */
  readonly forModels: { readonly admission: string | null; readonly mortality: string | null };
  readonly method: string;
  readonly trainingIndexDate: string;
  readonly validationIndexDate: string;
  readonly outcomeWindow: string;
  readonly features: number;
  readonly outcomes: readonly ModelCardOutcome[];
}

const sig3 = (n: number) => (n === 0 ? 0 : Number(n.toPrecision(3)));
const r4 = (x: number) => Number(x.toFixed(4));

function outcomeCard(outcome: "admission" | "mortality", r: OutcomeReport): ModelCardOutcome {
  const m = r.model;
  return {
    outcome,
    predicts:
      outcome === "admission"
        ? "an emergency hospital admission in the next 12 months"
        : "death in the next 12 months",
    auroc: { value: r4(m.auroc), lower: r4(m.aurocCi[0]), upper: r4(m.aurocCi[1]) },
    calibrationSlope: {
      value: r4(m.calibrationSlope),
      lower: r4(m.calibrationSlopeCi[0]),
      upper: r4(m.calibrationSlopeCi[1]),
    },
    observedOverExpected: r4(m.observedOverExpected),
    brier: r4(m.brier),
    validationPeople: sig3(m.n),
    validationEvents: sig3(m.events),
    calibration: m.calibrationBins.map((b) => ({ predicted: r4(b.meanPredicted), observed: r4(b.observed) })),
    warnings: r.groups
      .filter((g) => g.calibrationFlag !== null)
      .map((g) => ({
        dimension: GROUP_DIMENSIONS[g.dimension] ?? g.dimension,
        group: GROUP_NAMES[g.group] ?? g.group,
        problem: g.calibrationFlag ?? "",
      })),
  };
}

/** The card for a model report, made for the models the warehouse is scored with. */
export function modelCard(report: ModelReport, madeAt: string, forModels: ModelCard["forModels"]): ModelCard {
  return {
    madeAt,
    forModels,
    method:
      "Penalised logistic regression on the GP, hospital, community and social-care record; validated out of time (trained on one year's outcomes, tested on the next year's people, never on its training rows).",
    trainingIndexDate: report.design.trainingIndexDate,
    validationIndexDate: report.design.validationIndexDate,
    outcomeWindow: report.design.outcomeWindow,
    features: report.design.featuresUsed.length,
    outcomes: [outcomeCard("admission", report.admission), outcomeCard("mortality", report.mortality)],
  };
}

/** The scored models' versions, as build_info records them. */
export async function scoredModels(wh: Engine): Promise<ModelCard["forModels"]> {
  const info = await getBuildInfo(wh);
  return { admission: info.admission_model ?? null, mortality: info.mortality_model ?? null };
}

/** Keeps the card with the warehouse (build_info `model_card`). */
export async function saveModelCard(wh: Engine, card: ModelCard): Promise<void> {
  await setBuildInfo(wh, { [MODEL_CARD_KEY]: JSON.stringify(card) });
}

/** The card kept with the warehouse, or null when `bevan model report --save` has not run. */
export async function readModelCard(wh: Engine): Promise<ModelCard | null> {
  const raw = (await getBuildInfo(wh))[MODEL_CARD_KEY];
  return raw ? (JSON.parse(raw) as ModelCard) : null;
}
