// @bevan/diagnostics-query: the diagnostic imaging network's questions of a built warehouse —
// the DM01-style census, weekly flows and capacity, demand rates and practice referrals, the
// planning models' inputs, and published DM01 returns as a data source (see CONTEXT.md).
export type { CensusDimension, CensusFigures, CensusOptions, CensusRow } from "./census.ts";
export {
  CENSUS_WEEKS,
  censusFigures,
  DM01_TEST_CODES,
  imagingCensus,
  imagingCensusAt,
  monthEnds,
  weeksPercentile,
} from "./census.ts";
export type { CensusCells } from "./census-cells.ts";
export { bandCellsAt, censusCellsAt } from "./census-cells.ts";
export type { DemographicIndex, PracticeReferrals, RateCell, RateDimension } from "./demand.ts";
export { demandRateCells, demographicIndex, practiceReferrals } from "./demand.ts";
export type { Dm01Row, PublishedReturn } from "./dm01-returns.ts";
export {
  DM01_FOLDER,
  Dm01FileError,
  KNOWN_PERIODS,
  loadDm01Returns,
  loadSharedDm01Returns,
  publishedReturns,
  readDm01File,
  SHARED_DM01_FILES,
} from "./dm01-returns.ts";
export type { ListForecast, ListHistory, NetworkHistory } from "./planning.ts";
export {
  ALL_TEST_CODES,
  currentNetwork,
  forecastLists,
  listBaselines,
  MODALITY_NAME,
  networkHistory,
} from "./planning.ts";
export type { ForecastReport } from "./services.ts";
export {
  forecastReport,
  mutualAidNow,
  NoImagingDataError,
  networkNow,
  simulateScenario,
} from "./services.ts";
export type { WeeklyCapacity, WeeklyFlow } from "./weekly.ts";
export { addWeeks, imagingSpan, mondayOf, mondays, weeklyCapacity, weeklyFlows } from "./weekly.ts";
