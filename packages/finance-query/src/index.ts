// @bevan/finance-query: a business case's baseline and a contract's indicators from a built
// warehouse, through the caller's scope, as cells for the API to disclose (see CONTEXT.md).
export type { Activity, CohortBaselineCells, CohortUse, YearUse } from "./baseline.ts";
export { ACTIVITIES, ACTIVITY_NAMES, CostsNotBuiltError, cohortBaselineCells } from "./baseline.ts";
export type { PartyCells, ResolvedIndicator } from "./contract.ts";
export { contractCells } from "./contract.ts";
export type {
  BaselineFigures,
  BaselineFrom,
  CohortBaseline,
  CohortUseFigures,
  Figure,
  RegressionToTheMean,
  YearUseFigures,
} from "./figures.ts";
export { baselineInputs, exactFigures } from "./figures.ts";
