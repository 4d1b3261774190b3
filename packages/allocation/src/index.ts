// @bevan/allocation: fair shares and the arithmetic of resources, pure (no I/O) — person-based
// cost models (capitation, age–sex, needs, needs with last year's cost) by least squares,
// their out-of-time validation, budgets divided to the penny, pace of change, patient-specific
// budget ranges, spend against expected with intervals, and the size of an opportunity.
export * from "./budgets.ts";
export * from "./cost-model.ts";
export * from "./errors.ts";
export * from "./least-squares.ts";
export * from "./opportunity.ts";
export * from "./shares.ts";
export * from "./spend-ratio.ts";
export * from "./validate-formulas.ts";
export * from "./validation.ts";
