// @bevan/diagnostics: the diagnostic imaging network's planning models, pure (no I/O): the
// weekly demand forecast, the waiting-list model and its seeded Monte Carlo under a scenario,
// the queue formulas for one list, and mutual aid between sites (see CONTEXT.md).
export type { BacktestResult, ForecastOptions, WeeklyForecast, WeeklySeries } from "./forecast.ts";
export { backtest, ForecastInputError, forecastWeekly, weekCovariates } from "./forecast.ts";
export type {
  Band,
  ListBaseline,
  MonteCarloInput,
  MonteCarloResult,
  MonthPoint,
  RunParameters,
  SeriesResult,
} from "./monte-carlo.ts";
export { drawParameters, MonteCarloInputError, runMonteCarlo } from "./monte-carlo.ts";
export type { MutualAidPlan, SitePosition, Transfer, TrustOutcome } from "./mutual-aid.ts";
export { planMutualAid, position } from "./mutual-aid.ts";
export { bruteForceMutualAid, simulateSite } from "./mutual-aid-brute-force.ts";
export type { MutualAidNetwork, NetworkSite, SiteModality } from "./mutual-aid-network.ts";
export { NETWORK_SCHEMA, NetworkValidationError, validateNetwork } from "./mutual-aid-network.ts";
export type { ActualRequests, KeptListForecast, OutturnScore } from "./outturn.ts";
export { scoreOutturn } from "./outturn.ts";
export type { ListPlan, ListPlanInput } from "./queue-planning.ts";
export { factorForBreach, meanListAtCapacity, meanWaitAtCapacity, planList } from "./queue-planning.ts";
export { Random } from "./random.ts";
export type { Scenario, ScenarioChange, ScenarioIssue } from "./scenario.ts";
export { SCENARIO_SCHEMA, ScenarioValidationError, validateScenario } from "./scenario.ts";
export type { Census, ListState } from "./waiting-list-model.ts";
export { census, emptyList, listFrom, MAX_WEEKS, stepWeek } from "./waiting-list-model.ts";
