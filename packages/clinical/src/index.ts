// @bevan/clinical: codelists, QOF-style registers, clinical scores and their batch calculators.
export * from "./batch/run-batch.ts";
export * from "./batch/score-specs.ts";
export * from "./build-registers.ts";
export * from "./codelists.ts";
export * from "./register-codelists.ts";
export * from "./registers.ts";
export * from "./scores/charlson.ts";
export * from "./scores/efi.ts";
export * from "./scores/efi-codelists.ts";
export * from "./scores/hfrs.ts";
export * from "./scores/qdiabetes.ts";
export * from "./scores/qrisk3.ts";
export * from "./scores/score-result.ts";
