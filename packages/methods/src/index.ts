// Statistical methods for PHM indicators (see CONTEXT.md). Pure: no I/O, no other @bevan packages.

export { chiSquareCdf, chiSquareQuantile, chiSquareSurvival, gammaQuantile } from "./chi-square.ts";
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
export { normalCdf, normalQuantile } from "./normal.ts";
export { byarsLower, byarsUpper, exactPoissonLower, exactPoissonUpper } from "./poisson-limits.ts";
export type { Estimate, ProportionOptions } from "./proportions.ts";
export { proportion } from "./proportions.ts";
export type { RateOptions } from "./rates.ts";
export { rate } from "./rates.ts";
export type { SiiOptions, SiiResult, SiiValueType } from "./sii.ts";
export { quantileMidpoints, sii } from "./sii.ts";
export { studentTCdf, studentTQuantile } from "./student-t.ts";
export { wilsonLower, wilsonUpper } from "./wilson.ts";
