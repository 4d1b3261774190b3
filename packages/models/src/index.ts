// @bevan/models: risk models and their evaluation, pure (no I/O): penalised logistic
// regression, AUROC with a bootstrap CI, calibration, Brier, targeting, per-group audit,
// per-person explanations, the risk pyramid and the half-of-admissions cohorts.
export * from "./auroc.ts";
export * from "./auroc-difference.ts";
export * from "./calibration.ts";
export * from "./cohorts.ts";
export * from "./errors.ts";
export * from "./evaluate.ts";
export * from "./explain.ts";
export * from "./linalg.ts";
export * from "./logistic.ts";
export * from "./metrics.ts";
export * from "./order.ts";
export * from "./pyramid.ts";
