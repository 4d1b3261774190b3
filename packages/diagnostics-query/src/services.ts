// The planning questions end to end, for the API and the CLI alike: forecast every list, score
// the forecast on the past, run a scenario's Monte Carlo from the data, and plan mutual aid on
// the network as it stands.
import {
  type BacktestResult,
  backtest,
  type MonteCarloResult,
  type MutualAidNetwork,
  type MutualAidPlan,
  planMutualAid,
  runMonteCarlo,
  type Scenario,
} from "@bevan/diagnostics";
import type { ScopedWarehouse } from "@bevan/query";
import { demographicIndex } from "./demand.ts";
import {
  currentNetwork,
  forecastLists,
  type ListForecast,
  listBaselines,
  type NetworkHistory,
  networkHistory,
} from "./planning.ts";

export class NoImagingDataError extends Error {
  constructor() {
    super(
      "there are no imaging requests in your view of the warehouse: load an imaging extract (docs/extract-format.md) or ask for a wider scope",
    );
    this.name = "NoImagingDataError";
  }
}

async function historyOrThrow(sw: ScopedWarehouse, asOf: string): Promise<NetworkHistory> {
  const h = await networkHistory(sw, asOf);
  if (!h || h.weeks.length < 26) throw new NoImagingDataError();
  return h;
}

export interface ForecastReport {
  readonly asOf: string;
  readonly firstWeek: string;
  readonly historyWeeks: readonly string[];
  readonly lists: readonly (ListForecast & { readonly history: readonly number[] })[];
  /** Forecasts made 52 and 26 weeks before the data end, scored on the weeks since (lists of at least one request a week). */
  readonly backtest: BacktestResult & {
    readonly lists: number;
    readonly origins: readonly number[];
    readonly horizon: number;
  };
  readonly demographicIndex: Readonly<Record<string, number>>;
}

export async function forecastReport(
  sw: ScopedWarehouse,
  asOf: string,
  options: { weeks: number; seed: number; draws?: number },
): Promise<ForecastReport> {
  const history = await historyOrThrow(sw, asOf);
  const [lists, index] = await Promise.all([
    forecastLists(sw, asOf, history, {
      horizon: options.weeks,
      seed: options.seed,
      ...(options.draws ? { draws: options.draws } : {}),
    }),
    demographicIndex(sw, asOf),
  ]);
  const exposure = history.weeks.map((w) => index.at(w));
  const scored = history.lists.filter((l) => l.requests.reduce((a, b) => a + b, 0) / l.requests.length >= 1);
  const origins = [52, 26].filter((o) => history.weeks.length - o >= 52);
  const bt = backtest(
    scored.map((l) => ({ weeks: history.weeks, counts: l.requests, exposure })),
    { horizon: 26, origins, seed: options.seed, draws: 1000 },
  );
  return {
    asOf,
    firstWeek: history.next,
    historyWeeks: history.weeks,
    lists: lists.map((l) => ({
      ...l,
      history: history.lists.find((h) => h.trust === l.trust && h.modality === l.modality)?.requests ?? [],
    })),
    backtest: { ...bt, lists: scored.length, origins, horizon: 26 },
    demographicIndex: Object.fromEntries(
      [...index.byYear.entries()].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), v]),
    ),
  };
}

export async function simulateScenario(
  sw: ScopedWarehouse,
  asOf: string,
  scenario: Scenario,
  options: { runs: number; seed: number },
): Promise<MonteCarloResult> {
  const history = await historyOrThrow(sw, asOf);
  const weeks = scenario.weeks ?? 52;
  const forecasts = await forecastLists(sw, asOf, history, {
    horizon: weeks,
    seed: options.seed,
    draws: 200,
  });
  const lists = await listBaselines(sw, asOf, history, forecasts, weeks);
  return runMonteCarlo({ firstWeek: history.next, lists, scenario, runs: options.runs, seed: options.seed });
}

export async function networkNow(
  sw: ScopedWarehouse,
  asOf: string,
  options: { maxTravelMinutes: number; horizonWeeks?: number },
): Promise<MutualAidNetwork> {
  return currentNetwork(sw, asOf, await historyOrThrow(sw, asOf), options);
}

export async function mutualAidNow(
  sw: ScopedWarehouse,
  asOf: string,
  options: { maxTravelMinutes: number; horizonWeeks?: number },
): Promise<{ network: MutualAidNetwork; plan: MutualAidPlan }> {
  const network = await networkNow(sw, asOf, options);
  return { network, plan: await planMutualAid(network) };
}
