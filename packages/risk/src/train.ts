// Fits the emergency-admission and mortality models on a dataset (features at an index date,
// outcomes in the following year). A feature whose window at the training date reaches before
// the first date of a source it reads (each source its own: medication issues may start a year
// after hospital data) is left out, with the reason: it would be zero in training but not in
// use, which miscalibrates the model without anyone noticing.
import { createHash } from "node:crypto";
import { fitLogistic, linearPredictor, sigmoid } from "@bevan/models";
import { type Dataset, designMatrix } from "./dataset.ts";
import { addMonthsIso } from "./dates.ts";
import { type DataSource, FEATURES } from "./feature-spec.ts";

/** Each source's first date in the warehouse (null: the source has no rows). */
export type SourceStarts = Readonly<Record<DataSource, string | null>>;

export type Outcome = "admission" | "mortality";

export const MODEL_SCHEME = "lr1";
/** The L2 penalty on standardised coefficients (see docs/risk-stratification.md). */
export const DEFAULT_LAMBDA = 1;

export interface TrainedModel {
  readonly outcome: Outcome;
  readonly version: string;
  readonly indexDate: string;
  readonly features: readonly string[];
  readonly excluded: readonly { readonly feature: string; readonly reason: string }[];
  readonly intercept: number;
  readonly coefficients: Float64Array;
  readonly means: Float64Array;
  readonly rows: number;
  readonly events: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly lambda: number;
  readonly seconds: number;
}

export class TooFewOutcomesError extends Error {
  constructor(outcome: Outcome, events: number, indexDate: string) {
    super(
      `only ${events} people had the ${outcome} outcome in the 12 months after ${indexDate}: too few to fit a model (need at least 10). Use a larger extract or an earlier --as-of date.`,
    );
    this.name = "TooFewOutcomesError";
  }
}

const SOURCE_NAMES: Readonly<Record<DataSource, string>> = {
  hospital_spell: "hospital spells",
  ae_attendance: "A&E attendances",
  outpatient_attendance: "outpatient appointments",
  community_contact: "community contacts",
  medication_issue: "medication issues",
  gp_event: "GP events",
  social_care_service: "social care services",
};

export function usableFeatures(indexDate: string, starts: SourceStarts) {
  const features: string[] = [];
  const excluded: { feature: string; reason: string }[] = [];
  for (const f of FEATURES) {
    const from = addMonthsIso(indexDate, -f.lookbackMonths);
    const missing = f.lookbackMonths > 0 ? f.sources.find((s) => starts[s] === null) : undefined;
    const late = f.lookbackMonths > 0 ? f.sources.find((s) => (starts[s] ?? "") > from) : undefined;
    if (missing) excluded.push({ feature: f.name, reason: `the warehouse has no ${SOURCE_NAMES[missing]}` });
    else if (late)
      excluded.push({
        feature: f.name,
        reason: `needs ${f.lookbackMonths} months of ${SOURCE_NAMES[late]} before ${indexDate}; they start on ${starts[late]}`,
      });
    else features.push(f.name);
  }
  return { features, excluded };
}

export function trainModel(
  data: Dataset,
  outcome: Outcome,
  options: { sourceStarts: SourceStarts; lambda?: number },
): TrainedModel {
  const started = performance.now();
  const { features, excluded } = usableFeatures(data.indexDate, options.sourceStarts);
  const y = outcome === "admission" ? data.yAdmission : data.yDeath;
  let events = 0;
  for (const v of y) events += v;
  if (events < 10) throw new TooFewOutcomesError(outcome, events, data.indexDate);
  const x = designMatrix(data, features);
  const fit = fitLogistic(
    { x, rows: data.rows, features: features.length, y },
    { lambda: options.lambda ?? DEFAULT_LAMBDA },
  );
  const hash = createHash("sha256")
    .update(JSON.stringify([features, fit.intercept, [...fit.coefficients]]))
    .digest("hex")
    .slice(0, 10);
  return {
    outcome,
    version: `${outcome}-${MODEL_SCHEME}-${data.indexDate}-${hash}`,
    indexDate: data.indexDate,
    features,
    excluded,
    intercept: fit.intercept,
    coefficients: fit.coefficients,
    means: fit.means,
    rows: data.rows,
    events,
    iterations: fit.iterations,
    converged: fit.converged,
    lambda: fit.lambda,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Predicted probabilities for every row of a dataset. */
export function predict(model: TrainedModel, data: Dataset): Float64Array {
  const lp = linearPredictor(model, designMatrix(data, model.features), data.rows);
  return lp.map(sigmoid);
}
