// Fits the emergency-admission and mortality models on a dataset (features at an index date,
// outcomes in the following year). A feature that reads history from before the start of the
// data at the training date is left out: it would be zero in training but not in use, which
// miscalibrates the model without anyone noticing.
import { createHash } from "node:crypto";
import { fitLogistic, linearPredictor, sigmoid } from "@bevan/models";
import { type Dataset, designMatrix } from "./dataset.ts";
import { addMonthsIso } from "./dates.ts";
import { FEATURES } from "./feature-spec.ts";

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

export function usableFeatures(indexDate: string, historyStart: string) {
  const features: string[] = [];
  const excluded: { feature: string; reason: string }[] = [];
  for (const f of FEATURES) {
    if (f.lookbackMonths > 0 && addMonthsIso(indexDate, -f.lookbackMonths) < historyStart) {
      excluded.push({
        feature: f.name,
        reason: `needs ${f.lookbackMonths} months of history before ${indexDate}; the data start on ${historyStart}`,
      });
    } else features.push(f.name);
  }
  return { features, excluded };
}

export function trainModel(
  data: Dataset,
  outcome: Outcome,
  options: { historyStart: string; lambda?: number },
): TrainedModel {
  const started = performance.now();
  const { features, excluded } = usableFeatures(data.indexDate, options.historyStart);
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
