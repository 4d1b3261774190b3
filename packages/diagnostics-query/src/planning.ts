// The inputs of the planning models, read from the warehouse: each trust's weekly list history
// (requests, urgent share, tests, capacity), the demand forecast for each list with the
// demographic index as its exposure, the lists' starting points for the Monte Carlo, and the
// network description for mutual aid (backlog by completed weeks at each site).
import {
  forecastWeekly,
  type ListBaseline,
  type MutualAidNetwork,
  type WeeklyForecast,
} from "@bevan/diagnostics";
import { IMAGING_TESTS } from "@bevan/domain";
import type { ScopedWarehouse } from "@bevan/query";
import { CENSUS_WEEKS, imagingCensus } from "./census.ts";
import { demographicIndex } from "./demand.ts";
import { addWeeks, imagingSpan, mondayOf, weeklyCapacity, weeklyFlows } from "./weekly.ts";

export const ALL_TEST_CODES: readonly string[] = IMAGING_TESTS.map((t) => t.code);
export const MODALITY_NAME: Readonly<Record<string, string>> = Object.fromEntries(
  IMAGING_TESTS.map((t) => [t.modality, t.name]),
);

export interface ListHistory {
  readonly trust: string;
  readonly modality: string;
  readonly requests: number[];
  readonly urgent: number[];
  readonly tests: number[];
  readonly otherTests: number[];
  /** Planned slots in the history weeks, and in the weeks after (as far as the plan goes). */
  readonly capacity: number[];
  readonly futureCapacity: number[];
}

export interface NetworkHistory {
  /** Mondays of the whole weeks of history, oldest first. */
  readonly weeks: string[];
  /** Monday of the first week after the data. */
  readonly next: string;
  readonly lists: ListHistory[];
}

/** Whole weeks from the first Monday on or after the first request to the last week ending by `asOf`. */
export async function networkHistory(sw: ScopedWarehouse, asOf: string): Promise<NetworkHistory | null> {
  const span = await imagingSpan(sw);
  if (!span) return null;
  let first = mondayOf(span.first);
  if (first < span.first) first = addWeeks(first, 1);
  const next = addWeeks(mondayOf(asOf), mondayOf(asOf) === asOf ? 0 : 1);
  const last = addWeeks(next, -1);
  const end = addWeeks(last, 6) <= asOf ? next : last;
  const weeks: string[] = [];
  for (let w = first; w < end; w = addWeeks(w, 1)) weeks.push(w);
  if (weeks.length === 0) return null;
  const [flows, capacity] = await Promise.all([
    weeklyFlows(sw, first, end),
    weeklyCapacity(sw, first, addWeeks(end, 26)),
  ]);
  const index = new Map(weeks.map((w, i) => [w, i]));
  const lists = new Map<string, ListHistory>();
  const list = (trust: string, modality: string) => {
    const k = `${trust}|${modality}`;
    let l = lists.get(k);
    if (!l) {
      l = {
        trust,
        modality,
        requests: weeks.map(() => 0),
        urgent: weeks.map(() => 0),
        tests: weeks.map(() => 0),
        otherTests: weeks.map(() => 0),
        capacity: weeks.map(() => 0),
        futureCapacity: [],
      };
      lists.set(k, l);
    }
    return l;
  };
  for (const f of flows) {
    const i = index.get(f.week);
    if (i === undefined) continue;
    const l = list(f.trust, f.modality);
    l.requests[i] = f.requests;
    l.urgent[i] = f.urgent;
    l.tests[i] = f.tests;
    l.otherTests[i] = f.otherTests;
  }
  const future = new Map<string, Map<string, number>>();
  for (const c of capacity) {
    const i = index.get(c.week);
    const l = list(c.trust, c.modality);
    if (i !== undefined) l.capacity[i] = (l.capacity[i] ?? 0) + c.slots;
    else if (c.week >= end) {
      const m = future.get(`${c.trust}|${c.modality}`) ?? new Map<string, number>();
      m.set(c.week, (m.get(c.week) ?? 0) + c.slots);
      future.set(`${c.trust}|${c.modality}`, m);
    }
  }
  for (const [k, m] of future) {
    const l = lists.get(k);
    if (l)
      l.futureCapacity.push(...[...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v));
  }
  return {
    weeks,
    next: end,
    lists: [...lists.values()].sort((a, b) => (a.trust + a.modality).localeCompare(b.trust + b.modality)),
  };
}

export interface ListForecast {
  readonly trust: string;
  readonly modality: string;
  readonly forecast: WeeklyForecast;
}

/** The weekly demand forecast of every list, with the demographic index as exposure. */
export async function forecastLists(
  sw: ScopedWarehouse,
  asOf: string,
  history: NetworkHistory,
  options: { horizon: number; seed: number; draws?: number },
): Promise<ListForecast[]> {
  const index = await demographicIndex(sw, asOf);
  const mid = (w: string) => addWeeks(w, 0.5);
  const exposure = history.weeks.map((w) => index.at(mid(w)));
  const futureExposure = Array.from({ length: options.horizon }, (_, h) =>
    index.at(mid(addWeeks(history.next, h))),
  );
  return history.lists
    .filter((l) => l.requests.some((n) => n > 0))
    .map((l, i) => ({
      trust: l.trust,
      modality: l.modality,
      forecast: forecastWeekly(
        { weeks: history.weeks, counts: l.requests, exposure },
        {
          horizon: options.horizon,
          seed: options.seed + i,
          futureExposure,
          ...(options.draws ? { draws: options.draws } : {}),
        },
      ),
    }));
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Each list's start for the Monte Carlo: who waits now, its forecast demand and its capacity. */
export async function listBaselines(
  sw: ScopedWarehouse,
  asOf: string,
  history: NetworkHistory,
  forecasts: readonly ListForecast[],
  weeks: number,
): Promise<ListBaseline[]> {
  const month = asOf.slice(0, 7);
  const census = await imagingCensus(sw, {
    from: month,
    to: month,
    by: ["trust", "modality", "priority"],
    tests: ALL_TEST_CODES,
  });
  // The census counts at the month end; a mid-month as-of date uses the last month end.
  const lastEnd = new Date(Date.UTC(Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7)), 0))
    .toISOString()
    .slice(0, 10);
  const rows =
    lastEnd === asOf
      ? census
      : await imagingCensus(sw, {
          from: prevMonth(month),
          to: prevMonth(month),
          by: ["trust", "modality", "priority"],
          tests: ALL_TEST_CODES,
        });
  const leads = await leadWeeks(sw, asOf);
  return forecasts.flatMap((f) => {
    const h = history.lists.find((l) => l.trust === f.trust && l.modality === f.modality);
    if (!h) return [];
    const recent = (xs: number[]) => mean(xs.slice(-13));
    // Tests a week for the list: planned slots less those taken by everyone else, and never
    // fewer than the list's patients were actually given over the last 13 weeks.
    const done = recent(h.tests);
    const available = Math.max(done, recent(h.capacity) - recent(h.otherTests));
    const future = Array.from({ length: weeks }, (_, i) => {
      const planned = h.futureCapacity[i];
      return planned === undefined ? available : Math.max(0, planned - recent(h.otherTests));
    });
    const weeksOf = (priority: string) =>
      rows.find((r) => r.trust === f.trust && r.modality === f.modality && r.priority === priority)?.weeks ??
      Array(CENSUS_WEEKS + 1).fill(0);
    const requests = h.requests.slice(-26).reduce((a, b) => a + b, 0);
    return [
      {
        trust: f.trust,
        modality: f.modality,
        urgent: weeksOf("urgent"),
        routine: weeksOf("routine"),
        demand: f.forecast.mean.slice(0, weeks),
        demandLevelSe: f.forecast.model.levelSe,
        demandDispersion: f.forecast.model.dispersion,
        urgentShare: requests > 0 ? h.urgent.slice(-26).reduce((a, b) => a + b, 0) / requests : 0.2,
        capacity: future,
        leadWeeks: leads.get(`${f.trust}|${f.modality}`) ?? 0,
        inTotals: f.modality !== "CR",
      },
    ];
  });
}

function prevMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, "0")}`;
}

/**
 * The booking lead time of each list: the 10th centile of routine waits in the last half year,
 * in whole weeks, at most 2 (beyond that the centile is the backlog, not the booking).
 */
async function leadWeeks(sw: ScopedWarehouse, asOf: string): Promise<Map<string, number>> {
  const d = sw.dialect;
  const rows = await sw.aggregate<{ trust: string; modality: string; days: number; n: bigint }>(
    `SELECT r.trust_code AS trust, r.modality AS modality, ${d.daysBetween("r.request_date", "r.test_date")} AS days, count(*) AS n
     FROM scoped_imaging_request r
     WHERE r.priority = 'routine' AND r.referral_source IN ('gp', 'outpatient')
       AND r.test_date > ${d.addDays(d.dateLiteral(asOf), -182)} AND r.test_date <= ${d.dateLiteral(asOf)}
     GROUP BY 1, 2, 3`,
  );
  const by = new Map<string, { days: number; n: number }[]>();
  for (const r of rows) {
    const k = `${r.trust}|${r.modality}`;
    by.set(k, [...(by.get(k) ?? []), { days: Number(r.days), n: Number(r.n) }]);
  }
  const out = new Map<string, number>();
  for (const [k, xs] of by) {
    xs.sort((a, b) => a.days - b.days);
    const total = xs.reduce((a, x) => a + x.n, 0);
    let cum = 0;
    for (const x of xs) {
      cum += x.n;
      if (cum >= 0.1 * total) {
        out.set(k, Math.min(2, Math.floor(x.days / 7)));
        break;
      }
    }
  }
  return out;
}

/** The network as mutual aid sees it: each site's backlog by completed weeks, weekly demand and capacity. */
export async function currentNetwork(
  sw: ScopedWarehouse,
  asOf: string,
  history: NetworkHistory,
  options: { maxTravelMinutes: number; horizonWeeks?: number },
): Promise<MutualAidNetwork> {
  const d = sw.dialect;
  const month = asOf.slice(0, 7);
  const census = await imagingCensus(sw, { from: month, to: month, by: ["site", "trust", "modality"] });
  const from = history.weeks.at(-13) ?? history.weeks[0] ?? asOf;
  const [demand, capacity, other, travel, names] = await Promise.all([
    sw.aggregate<{ site: string; modality: string; n: bigint }>(
      `SELECT r.site_code AS site, r.modality AS modality, count(*) AS n FROM scoped_imaging_request r
       WHERE r.referral_source IN ('gp', 'outpatient') AND r.priority <> 'planned' AND r.request_date >= ${d.dateLiteral(from)} AND r.request_date < ${d.dateLiteral(history.next)}
       GROUP BY 1, 2`,
    ),
    sw.aggregate<{ site: string; modality: string; slots: number }>(
      `SELECT site_code AS site, modality, sum((sessions_planned - sessions_lost) * slots_per_session) AS slots FROM imaging_capacity
       WHERE week_start >= ${d.dateLiteral(from)} AND week_start < ${d.dateLiteral(history.next)} GROUP BY 1, 2`,
    ),
    sw.aggregate<{ site: string; modality: string; n: bigint }>(
      `SELECT r.site_code AS site, r.modality AS modality, count(*) AS n FROM scoped_imaging_request r
       WHERE NOT (r.referral_source IN ('gp', 'outpatient') AND r.priority <> 'planned') AND r.test_date >= ${d.dateLiteral(from)} AND r.test_date < ${d.dateLiteral(history.next)}
       GROUP BY 1, 2`,
    ),
    sw.aggregate<{ from_site: string; to_site: string; minutes: number }>(
      "SELECT from_site, to_site, minutes FROM imaging_travel_time",
    ),
    sw.aggregate<{ org_code: string; org_name: string; parent_code: string | null }>(
      "SELECT org_code, org_name, parent_code FROM organisation WHERE org_type = 'site'",
    ),
  ]);
  const weeksN = Math.max(1, history.weeks.length - history.weeks.indexOf(from));
  const per = <T extends { site: string; modality: string }>(rows: T[], v: (r: T) => number) =>
    new Map(rows.map((r) => [`${r.site}|${r.modality}`, v(r) / weeksN]));
  const dem = per(demand, (r) => Number(r.n));
  const cap = per(capacity, (r) => Number(r.slots));
  const oth = per(other, (r) => Number(r.n));
  const sites = new Map<
    string,
    {
      code: string;
      name?: string;
      trust: string;
      modalities: MutualAidNetwork["sites"][number]["modalities"][number][];
    }
  >();
  for (const c of census) {
    if (!c.site || !c.modality || !c.trust) continue;
    const s = sites.get(c.site) ?? { code: c.site, trust: c.trust, modalities: [] };
    const name = names.find((n) => n.org_code === c.site)?.org_name;
    if (name) s.name = name;
    const k = `${c.site}|${c.modality}`;
    s.modalities.push({
      modality: c.modality,
      backlog: [...c.weeks],
      demandPerWeek: Math.round((dem.get(k) ?? 0) * 10) / 10,
      capacityPerWeek: Math.round(Math.max(0, (cap.get(k) ?? 0) - (oth.get(k) ?? 0)) * 10) / 10,
    });
    sites.set(c.site, s);
  }
  return {
    horizonWeeks: options.horizonWeeks ?? 4,
    standardWeeks: 6,
    maxTravelMinutes: options.maxTravelMinutes,
    sites: [...sites.values()].sort((a, b) => a.code.localeCompare(b.code)),
    travelMinutes: travel
      .filter((t) => sites.has(t.from_site) && sites.has(t.to_site))
      .map((t) => ({ from: t.from_site, to: t.to_site, minutes: Number(t.minutes) })),
  };
}
