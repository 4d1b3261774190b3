// The seeded Monte Carlo of a network's waiting lists under a scenario, in the habits of the
// Strategy Unit's nhp_model: every run's parameters are drawn up front from one seed (demand
// level from the forecast's uncertainty, extra growth, capacity achieved, and a seed for the
// week-to-week chance), run 0 is the deterministic baseline at the central values, and the
// results are percentiles over runs 1…N. Same inputs and seed, same output.
import { Random } from "./random.ts";
import type { Scenario, ScenarioChange } from "./scenario.ts";
import { census, copyList, type ListState, listFrom, stepWeek } from "./waiting-list-model.ts";

/** One trust's list for one modality, as the data give it at the start. */
export interface ListBaseline {
  readonly trust: string;
  readonly modality: string;
  /** Waiting at the start, by completed weeks (urgent and routine priorities). */
  readonly urgent: readonly number[];
  readonly routine: readonly number[];
  /** Expected patients joining the list each week from the first simulated week (the forecast's mean). */
  readonly demand: readonly number[];
  /** Standard error of the log demand level (the forecast's parameter uncertainty). */
  readonly demandLevelSe: number;
  /** Variance / mean of weekly demand (1 = Poisson). */
  readonly demandDispersion: number;
  readonly urgentShare: number;
  /** Tests a week available to the list's patients, from the first simulated week. */
  readonly capacity: readonly number[];
  /** Weeks a routine patient waits at least (booking and vetting). */
  readonly leadWeeks: number;
  /** Counted in the network's and trusts' totals (default true; plain film, outside DM01, is not). */
  readonly inTotals?: boolean;
}

export interface MonteCarloInput {
  /** Monday of the first simulated week. */
  readonly firstWeek: string;
  readonly lists: readonly ListBaseline[];
  readonly scenario: Scenario;
  readonly runs: number;
  readonly seed: number;
}

export interface Band {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

export interface MonthPoint {
  /** Month (YYYY-MM) and the day of its census (the last week end in the month). */
  readonly month: string;
  readonly censusDate: string;
  /** Run 0: the deterministic baseline. */
  readonly baseline: { readonly waiting: number; readonly over6Share: number; readonly over13: number };
  readonly waiting: Band;
  readonly over6Share: Band;
  readonly over13: Band;
  /** Share of runs meeting the 1% standard, and the interim target when the scenario sets one. */
  readonly meetsStandard: number;
  readonly meetsInterim: number | null;
}

export interface SeriesResult {
  readonly level: "network" | "trust" | "list";
  readonly trust: string | null;
  readonly modality: string | null;
  readonly points: readonly MonthPoint[];
}

export interface RunParameters {
  readonly run: number;
  readonly seed: number;
  /** Extra demand growth a year beyond the forecast. */
  readonly growth: number;
  /** Per list (in input order): demand level multiplier and the share of planned capacity achieved. */
  readonly demandLevel: readonly number[];
  readonly capacityAchieved: readonly number[];
}

export interface MonteCarloResult {
  readonly scenario: Scenario;
  readonly runs: number;
  readonly seed: number;
  readonly firstWeek: string;
  readonly weeks: number;
  readonly series: readonly SeriesResult[];
  readonly parameters: readonly RunParameters[];
}

export class MonteCarloInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MonteCarloInputError";
  }
}

const DAY = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** Parameters of every run, drawn up front from the seed; run 0 holds the central values. */
export function drawParameters(input: MonteCarloInput): RunParameters[] {
  const master = new Random(input.seed, 0x5eed);
  const g = input.scenario.demandGrowth;
  const capSd = input.scenario.capacityUncertainty ?? 0.03;
  const out: RunParameters[] = [
    {
      run: 0,
      seed: 0,
      growth: g?.perYear ?? 0,
      demandLevel: input.lists.map(() => 1),
      capacityAchieved: input.lists.map(() => 1),
    },
  ];
  for (let r = 1; r <= input.runs; r++) {
    out.push({
      run: r,
      seed: master.uint32(),
      growth: (g?.perYear ?? 0) + (g?.sd ?? 0) * master.normal(),
      demandLevel: input.lists.map((l) => Math.exp(l.demandLevelSe * master.normal())),
      capacityAchieved: input.lists.map(() => Math.min(1.5, Math.max(0.5, 1 + capSd * master.normal()))),
    });
  }
  return out;
}

interface Week {
  readonly start: number;
  readonly end: number;
}

function active(c: ScenarioChange, w: Week): boolean {
  const from = dayOf(c.from);
  const to = "to" in c && c.to ? dayOf(c.to) : Number.POSITIVE_INFINITY;
  return w.end >= from && w.start <= to;
}

/** Week-by-week demand and capacity multipliers and additions for each list, from the scenario. */
function plan(input: MonteCarloInput, weeks: number) {
  const first = dayOf(input.firstWeek);
  const changes = input.scenario.changes ?? [];
  return input.lists.map((l) => {
    const demandFactor = new Float64Array(weeks).fill(1);
    const capacityAdd = new Float64Array(weeks);
    const capacityKeep = new Float64Array(weeks).fill(1);
    const transfers: { to: number; perWeek: Float64Array }[] = [];
    for (const c of changes) {
      for (let i = 0; i < weeks; i++) {
        const w = { start: first + 7 * i, end: first + 7 * i + 6 };
        if (!active(c, w)) continue;
        if (c.kind === "demand_change") {
          if ((c.trust ?? l.trust) === l.trust && (c.modality ?? l.modality) === l.modality)
            demandFactor[i] = (demandFactor[i] as number) * (1 + c.percent / 100);
        } else if (c.kind === "extra_sessions") {
          if (c.trust === l.trust && c.modality === l.modality)
            capacityAdd[i] = (capacityAdd[i] as number) + c.testsPerWeek;
        } else if (c.kind === "new_scanner") {
          if (c.trust === l.trust && c.modality === l.modality) {
            const since = Math.floor((w.start - dayOf(c.from)) / 7);
            capacityAdd[i] =
              (capacityAdd[i] as number) + c.testsPerWeek * (since < (c.rampWeeks ?? 4) ? 0.5 : 1);
          }
        } else if (c.kind === "downtime") {
          if (c.trust === l.trust && c.modality === l.modality)
            capacityKeep[i] = (capacityKeep[i] as number) * (1 - c.share);
        }
      }
      if (c.kind === "mutual_aid" && c.fromTrust === l.trust && c.modality === l.modality) {
        const to = input.lists.findIndex((x) => x.trust === c.toTrust && x.modality === c.modality);
        if (to < 0) continue;
        const perWeek = new Float64Array(weeks);
        for (let i = 0; i < weeks; i++)
          if (active(c, { start: first + 7 * i, end: first + 7 * i + 6 })) perWeek[i] = c.patientsPerWeek;
        transfers.push({ to, perWeek });
      }
    }
    return { demandFactor, capacityAdd, capacityKeep, transfers };
  });
}

/** Moves up to n of the longest-waiting ready routine patients from one list to another, keeping their waits. */
function transfer(from: ListState, to: ListState, n: number, lead: number): void {
  let left = n;
  for (let k = from.routine.length - 1; k >= lead && left > 0; k--) {
    const take = Math.min(from.routine[k] as number, left);
    from.routine[k] = (from.routine[k] as number) - take;
    to.routine[k] = (to.routine[k] as number) + take;
    left -= take;
  }
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return (sorted[lo] as number) + ((sorted[Math.ceil(h)] as number) - (sorted[lo] as number)) * (h - lo);
}

export function runMonteCarlo(input: MonteCarloInput): MonteCarloResult {
  const weeks = input.scenario.weeks ?? 52;
  if (!Number.isInteger(input.runs) || input.runs < 1 || input.runs > 100_000)
    throw new MonteCarloInputError("runs must be a whole number from 1 to 100,000");
  if (!Number.isInteger(input.seed) || input.seed < 0)
    throw new MonteCarloInputError("the seed must be a whole number of at least 0");
  const first = dayOf(input.firstWeek);
  if (!Number.isFinite(first) || new Date(first * DAY).getUTCDay() !== 1)
    throw new MonteCarloInputError("the first week must be given by its Monday (YYYY-MM-DD)");
  for (const l of input.lists)
    if (l.demand.length < weeks || l.capacity.length < weeks)
      throw new MonteCarloInputError(
        `the ${l.trust} ${l.modality} list has demand or capacity for fewer than ${weeks} weeks`,
      );
  const params = drawParameters(input);
  const plans = plan(input, weeks);
  // Census weeks: the last week ending in each month.
  const census_: { month: string; week: number; date: string }[] = [];
  for (let i = 0; i < weeks; i++) {
    const end = first + 7 * i + 6;
    const next = end + 7;
    // A month whose last week end is in the run (the last month may be left incomplete).
    if (isoOf(end).slice(0, 7) !== isoOf(next).slice(0, 7))
      census_.push({ month: isoOf(end).slice(0, 7), week: i, date: isoOf(end) });
  }
  const nLists = input.lists.length;
  const nPoints = census_.length;
  const runsTotal = input.runs + 1;
  // Per run, list and census point: waiting, 6+ and 13+.
  const waiting = new Float64Array(runsTotal * nLists * nPoints);
  const over6 = new Float64Array(runsTotal * nLists * nPoints);
  const over13 = new Float64Array(runsTotal * nLists * nPoints);
  const starts = input.lists.map((l) => listFrom(l.urgent, l.routine));
  for (const p of params) {
    const rng = p.run === 0 ? null : new Random(p.seed, 1);
    const lists = starts.map(copyList);
    let point = 0;
    for (let i = 0; i < weeks; i++) {
      const ramp = (1 + p.growth) ** (i / 52.18);
      // Mutual aid first: patients move before the week's tests.
      plans.forEach((pl, li) => {
        for (const t of pl.transfers) {
          const n = t.perWeek[i] as number;
          if (n > 0)
            transfer(
              lists[li] as ListState,
              lists[t.to] as ListState,
              rng ? Math.round(n) : n,
              input.lists[li]?.leadWeeks ?? 0,
            );
        }
      });
      input.lists.forEach((l, li) => {
        const pl = plans[li];
        if (!pl) return;
        const meanDemand = Math.max(
          0,
          (l.demand[i] as number) * (p.demandLevel[li] as number) * ramp * (pl.demandFactor[i] as number),
        );
        const meanCapacity = Math.max(
          0,
          ((l.capacity[i] as number) * (p.capacityAchieved[li] as number) + (pl.capacityAdd[i] as number)) *
            (pl.capacityKeep[i] as number),
        );
        const flows = rng
          ? {
              urgentArrivals: rng.count(meanDemand * l.urgentShare, l.demandDispersion),
              routineArrivals: rng.count(meanDemand * (1 - l.urgentShare), l.demandDispersion),
              capacity: rng.poisson(meanCapacity),
            }
          : {
              urgentArrivals: meanDemand * l.urgentShare,
              routineArrivals: meanDemand * (1 - l.urgentShare),
              capacity: meanCapacity,
            };
        stepWeek(lists[li] as ListState, flows, l.leadWeeks, rng);
      });
      if (point < nPoints && census_[point]?.week === i) {
        lists.forEach((s, li) => {
          const c = census(s);
          const at = (p.run * nLists + li) * nPoints + point;
          waiting[at] = c.waiting;
          over6[at] = c.over6;
          over13[at] = c.over13;
        });
        point++;
      }
    }
  }
  // Series: the network, each trust, each list; sums within a run before percentiles.
  const groups: {
    level: SeriesResult["level"];
    trust: string | null;
    modality: string | null;
    members: number[];
  }[] = [{ level: "network", trust: null, modality: null, members: input.lists.map((_, i) => i) }];
  for (const t of [...new Set(input.lists.map((l) => l.trust))].sort())
    groups.push({
      level: "trust",
      trust: t,
      modality: null,
      members: input.lists.flatMap((l, i) => (l.trust === t && l.inTotals !== false ? [i] : [])),
    });
  input.lists.forEach((l, i) => {
    groups.push({ level: "list", trust: l.trust, modality: l.modality, members: [i] });
  });
  const interim = input.scenario.interimTarget;
  const series = groups.map((g) => ({
    level: g.level,
    trust: g.trust,
    modality: g.modality,
    points: census_.map((c, point) => {
      const sums = (run: number) => {
        let w = 0;
        let o6 = 0;
        let o13 = 0;
        for (const li of g.members) {
          const at = (run * nLists + li) * nPoints + point;
          w += waiting[at] as number;
          o6 += over6[at] as number;
          o13 += over13[at] as number;
        }
        return { w, o6, o13 };
      };
      const base = sums(0);
      const ws = new Float64Array(input.runs);
      const shares = new Float64Array(input.runs);
      const o13s = new Float64Array(input.runs);
      let standard = 0;
      let interimMet = 0;
      for (let r = 1; r <= input.runs; r++) {
        const s = sums(r);
        ws[r - 1] = s.w;
        const share = s.w > 0 ? s.o6 / s.w : 0;
        shares[r - 1] = share;
        o13s[r - 1] = s.o13;
        if (share <= 0.01) standard++;
        if (interim !== undefined && share <= interim) interimMet++;
      }
      ws.sort();
      shares.sort();
      o13s.sort();
      const band = (a: Float64Array): Band => ({
        p10: quantile(a, 0.1),
        p50: quantile(a, 0.5),
        p90: quantile(a, 0.9),
      });
      return {
        month: c.month,
        censusDate: c.date,
        baseline: { waiting: base.w, over6Share: base.w > 0 ? base.o6 / base.w : 0, over13: base.o13 },
        waiting: band(ws),
        over6Share: band(shares),
        over13: band(o13s),
        meetsStandard: standard / input.runs,
        meetsInterim: interim === undefined ? null : interimMet / input.runs,
      };
    }),
  }));
  return {
    scenario: input.scenario,
    runs: input.runs,
    seed: input.seed,
    firstWeek: input.firstWeek,
    weeks,
    series,
    parameters: params,
  };
}
