// Tables of risk stratification and segmentation, written after `bevan build` by
// @bevan/risk: each person's scores, tier and segment; the top factors behind each score;
// and the fitted models themselves, so every stored score can be traced to its model.
import { column as c, type TableDef, table } from "./table.ts";

export const personRisk = table({
  name: "person_risk",
  layer: "derived",
  description:
    "Each registered person's predicted 12-month risks, risk tier and Bridges to Health segment at the as-of date.",
  grain: "One row per person registered and alive at the as-of date.",
  source:
    "Scored by `bevan build` with models trained on the warehouse's own history (features at as-of minus 12 months, outcomes in the following year); rules in packages/risk and docs/risk-stratification.md.",
  knownGaps: [
    "Risks are predictions from recorded data only: unrecorded illness and social circumstances are invisible.",
    "Tiers are ranks within this population (top 0.5%, next 4.5%, next 15%, other 80%), not absolute thresholds.",
  ],
  primaryKey: ["person_id"],
  columns: [
    c("person_id", "person_id", "Pseudonymous person key."),
    c("as_of", "date", "Date the features describe."),
    c(
      "admission_risk",
      "double",
      "Predicted probability of at least one emergency admission in the next 12 months.",
    ),
    c(
      "risk_tier",
      "varchar",
      "very_high (top 0.5%), high (next 4.5%), moderate (next 15%) or low (other 80%).",
    ),
    c("mortality_risk", "double", "Predicted probability of death in the next 12 months."),
    c(
      "end_of_life_candidate",
      "boolean",
      "In the top 1% of mortality risk and not on the palliative care register: may be in the last year of life.",
    ),
    c("segment", "varchar", "Bridges to Health segment (see docs/risk-stratification.md)."),
    c("condition_group", "varchar", "Main long-term condition group, for needs profiles (segment × group)."),
    c("admission_model", "varchar", "Version of the emergency-admission model that scored the person."),
    c("mortality_model", "varchar", "Version of the mortality model that scored the person."),
  ],
});

export const personRiskFactor = table({
  name: "person_risk_factor",
  layer: "derived",
  description:
    "The features that raise each person's predicted risk most: exact contributions to the log-odds, relative to the average person in training.",
  grain: "One row per person per model per factor (up to five per model).",
  source: "Computed with person_risk from the linear models' coefficients.",
  knownGaps: ["Contributions explain the model, not the person's biology: they are associations."],
  primaryKey: ["person_id", "model", "rank"],
  columns: [
    c("person_id", "person_id", "Pseudonymous person key."),
    c("model", "varchar", "admission or mortality."),
    c("rank", "integer", "1 = the largest contribution."),
    c("feature", "varchar", "Feature name (see docs/risk-stratification.md)."),
    c("contribution", "double", "Change in log-odds from this feature relative to the training average."),
  ],
});

export const riskModel = table({
  name: "risk_model",
  layer: "derived",
  description: "The fitted risk models: one row per term, with the training means used for explanations.",
  grain: "One row per model version per term (intercept and each feature).",
  source: "Fitted by `bevan build` (penalised logistic regression in @bevan/models).",
  knownGaps: [],
  primaryKey: ["model_version", "term"],
  columns: [
    c("model_version", "varchar", "Model name, version and a hash of its coefficients."),
    c("model", "varchar", "admission or mortality."),
    c(
      "trained_at_date",
      "date",
      "Index date of the training features; outcomes are the following 12 months.",
    ),
    c("training_rows", "integer", "People in the training set."),
    c("training_events", "integer", "People with the outcome in the training set."),
    c("term", "varchar", "intercept, or a feature name."),
    c("coefficient", "double", "Log-odds per unit of the feature."),
    c("training_mean", "double", "Mean of the feature in training (null for the intercept).", {
      nullable: true,
    }),
  ],
});

export const RISK_TABLES: readonly TableDef[] = [personRisk, personRiskFactor, riskModel];
