// @bevan/finance: business cases for interventions as ranges and outcome-based contracts,
// pure (no I/O): distributions, the seeded Monte Carlo with Green Book discounting,
// break-even, the tornado, gain/loss shares and contract payments (see CONTEXT.md).
export type { BusinessCase, CaseIssue, CohortRef, RiskShare } from "./case.ts";
export {
  BUSINESS_CASE_SCHEMA,
  BusinessCaseValidationError,
  DEFAULTS,
  MAX_RUNS,
  resolveInputs,
  validateBusinessCase,
  valueAt,
} from "./case.ts";
export type { Distribution, DistributionKind, Value } from "./distributions.ts";
export {
  DISTRIBUTION_KINDS,
  describeValue,
  draw,
  drawInto,
  isFixed,
  kindOf,
  meanOf,
  paramsOf,
  quantileOf,
  supportOf,
  varianceOf,
} from "./distributions.ts";
export type { InputSpec, InputUnit } from "./inputs.ts";
export { INPUT_PATHS, INPUTS, inputSpec } from "./inputs.ts";
export type { InputValues, YearFigures } from "./model.ts";
export {
  breakEvenEffect,
  breakEvenFrom,
  discountFactor,
  effectShare,
  effectSlope,
  netPresentValue,
  project,
  rampShare,
} from "./model.ts";
export type {
  BusinessCaseResult,
  InputUsed,
  PartyPosition,
  RunOptions,
  TornadoBar,
  YearSummary,
} from "./monte-carlo.ts";
export { drawInputs, runBusinessCase } from "./monte-carlo.ts";
export { Random, streamOf } from "./random.ts";
export type { Summary } from "./summary.ts";
export { meanOfArray, quantileSorted, ranks, spearman, summarise } from "./summary.ts";
