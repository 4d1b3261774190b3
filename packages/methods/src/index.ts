// Statistical methods for PHM indicators (see CONTEXT.md). Pure: no I/O, no other @bevan packages.

export { betaCdf, betaQuantile } from "./beta.ts";
export { chiSquareCdf, chiSquareQuantile, chiSquareSurvival, gammaQuantile } from "./chi-square.ts";
export type { Comparison, Group, TestResult } from "./comparisons.ts";
export {
  chiSquaredTest,
  proportionDifference,
  proportionRatio,
  rateDifference,
  rateRatio,
  twoProportionZTest,
} from "./comparisons.ts";
export type { ConfidenceInput, Interval } from "./confidence.ts";
export { FINGERTIPS_LEVELS } from "./confidence.ts";
export type { DsrEstimate, DsrOptions, NonIndependentDsrOptions } from "./dsr.ts";
export { directlyStandardisedRate, directlyStandardisedRateNonIndependent } from "./dsr.ts";
export type { MethodsErrorCode } from "./errors.ts";
export { MethodsInputError } from "./errors.ts";
export type { StandardPopulationBand } from "./esp2013.ts";
export { ESP2013, ESP2013_BANDS } from "./esp2013.ts";
export type {
  FunnelOptions,
  ProportionFunnelOptions,
  ProportionFunnelRow,
  RateFunnelOptions,
  RateFunnelRow,
  RatioFunnelOptions,
  RatioFunnelRow,
} from "./funnel-limits.ts";
export { funnelLimits } from "./funnel-limits.ts";
export type { RateFunnelPoint } from "./funnel-points.ts";
export { funnelPoints } from "./funnel-points.ts";
export type { FunnelSignificance } from "./funnel-significance.ts";
export { funnelSignificance } from "./funnel-significance.ts";
export type { IsrEstimate, IsrOptions } from "./isr.ts";
export { indirectlyStandardisedRate, indirectlyStandardisedRatio } from "./isr.ts";
export type { LifeExpectancyOptions, LifeExpectancyRow } from "./life-expectancy.ts";
export { LIFE_TABLE_START_AGES, lifeExpectancy } from "./life-expectancy.ts";
export type { MeanEstimate } from "./means.ts";
export { mean } from "./means.ts";
export { benjaminiHochberg, holm } from "./multiple-comparisons.ts";
export { normalCdf, normalQuantile } from "./normal.ts";
export {
  byarsLower,
  byarsUpper,
  exactPoissonLower,
  exactPoissonUpper,
  poissonLimits,
} from "./poisson-limits.ts";
export type { Estimate, ProportionOptions } from "./proportions.ts";
export { proportion } from "./proportions.ts";
export type { RateOptions } from "./rates.ts";
export { rate } from "./rates.ts";
export type { SiiOptions, SiiResult, SiiValueType } from "./sii.ts";
export { quantileMidpoints, sii } from "./sii.ts";
export type { AttributeChart } from "./spc-attribute.ts";
export { cChart, pChart, uChart } from "./spc-attribute.ts";
export type { RuleOptions, SpcPoint, SpcSummary } from "./spc-chart.ts";
export type { AssuranceIcon, VariationIcon } from "./spc-icons.ts";
export { assuranceIcon, variationIcon } from "./spc-icons.ts";
export type {
  ImprovementDirection,
  PointType,
  RuleFlags,
  SpecialCauseType,
} from "./spc-rules.ts";
export {
  partOfRun,
  partOfTwoInThree,
  pointType,
  runOnOneSide,
  specialCauseLabel,
  specialCauseTypes,
  trend,
  twoInThree,
} from "./spc-rules.ts";
export type { XmrChart, XmrOptions } from "./spc-xmr.ts";
export { MOVING_RANGE_SCREEN, XMR_LIMIT, xmrChart } from "./spc-xmr.ts";
export { studentTCdf, studentTQuantile } from "./student-t.ts";
export type { RemovalStats, WaitingList } from "./waiting-list-data.ts";
export { meanWait, queueSizes, removalStats } from "./waiting-list-data.ts";
export {
  priorityToTarget,
  queueLoad,
  reliefCapacity,
  targetCapacity,
  targetMeanWait,
  targetQueueSize,
  waitingListPressure,
} from "./waiting-list-formulas.ts";
export type { SimulatorOptions } from "./waiting-list-simulator.ts";
export { simulateWaitingList } from "./waiting-list-simulator.ts";
export { wilsonLower, wilsonUpper } from "./wilson.ts";
