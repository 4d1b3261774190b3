// @bevan/risk: risk stratification and segmentation over a built warehouse — the feature
// specification in SQL, model training and scoring, the evaluation report, the risk pyramid
// and Bridges to Health segments. The statistics themselves are in @bevan/models.
export * from "./dataset.ts";
export * from "./dates.ts";
export * from "./efi-codes.ts";
export * from "./feature-spec.ts";
export * from "./feature-sql.ts";
export * from "./model-card.ts";
export * from "./report.ts";
export * from "./score.ts";
export * from "./segments.ts";
export * from "./train.ts";
export * from "./truth.ts";
