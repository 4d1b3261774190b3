// Needs and use: activity and spend per head by organisation for costing year 0, crude and
// indirectly standardised by age and sex against the caller's whole scope (observed against
// expected). Returned as exact cells for the API to disclose; the standardised figures are
// worked out from the disclosed counts there.
import { type BandReference, spendRatio } from "@bevan/allocation";
import type { ScopedWarehouse } from "@bevan/query";
import type { PointOfDelivery } from "./currencies.ts";
import { addKeys, ageSexCellSql, keyOf, LEVEL_COLUMN, type Level, num, onListSql } from "./read-common.ts";

export interface NeedsUnit {
  readonly code: string;
  /** People on the list in the year, and their cell key. */
  readonly population: number;
  readonly populationKey: number;
  /** Activity rows (spells, attendances, …) in the year. */
  readonly events: number;
  /** People with any of the activity, and their cell key. */
  readonly people: number;
  readonly peopleKey: number;
  readonly spend: number;
  /** The largest one person's spend (for the disclosure of money). */
  readonly topSpend: number;
  /** Events expected at the scope's age–sex rates. */
  readonly expectedEvents: number;
  /** Spend expected at the scope's age–sex means, and its variance (sum of independent people). */
  readonly expectedSpend: number;
  readonly spendVariance: number;
}

export interface NeedsResult {
  readonly level: Level;
  readonly pod: PointOfDelivery | "all";
  readonly units: readonly NeedsUnit[];
  readonly total: {
    population: number;
    populationKey: number;
    events: number;
    spend: number;
    people: number;
    peopleKey: number;
    topSpend: number;
  };
  /** Variance of a unit's spend over its expected spend, across the scope: the spend funnel's k. */
  readonly varianceToMean: number;
}

const CELLS = 16;

export async function needsAndUse(
  sw: ScopedWarehouse,
  asOf: string,
  level: Level,
  pod: PointOfDelivery | "all",
): Promise<NeedsResult> {
  const d = sw.dialect;
  const col = LEVEL_COLUMN[level];
  const podFilter = pod === "all" ? "" : ` AND c.point_of_delivery = ${d.stringLiteral(pod)}`;
  const rows = await sw.aggregate<Record<string, unknown>>(
    `SELECT p.${col} AS unit, ${ageSexCellSql()} AS cell, count(*) AS pop, sum(p.record_key) AS pop_key,
        sum(coalesce(c.activity, 0)) AS events, count(c.person_id) AS people,
        sum(p.record_key) FILTER (WHERE c.person_id IS NOT NULL) AS people_key,
        sum(coalesce(c.cost, 0)) AS spend, sum(coalesce(c.cost, 0) * coalesce(c.cost, 0)) AS spend2,
        max(coalesce(c.cost, 0)) AS top
      FROM scoped_person_asof p
      LEFT JOIN (SELECT c.person_id, sum(c.activity) AS activity, sum(c.cost) AS cost
        FROM scoped_person_cost c WHERE c.year = 0${podFilter} GROUP BY c.person_id) AS c ON c.person_id = p.person_id
      WHERE ${onListSql(d, asOf)} AND p.${col} IS NOT NULL
      GROUP BY 1, 2`,
  );
  // Reference: the scope's rates and per-person spend mean and variance in each age–sex cell.
  const ref = Array.from({ length: CELLS }, () => ({ pop: 0, events: 0, spend: 0, spend2: 0 }));
  for (const r of rows) {
    const c = ref[num(r.cell)];
    if (!c) continue;
    c.pop += num(r.pop);
    c.events += num(r.events);
    c.spend += num(r.spend);
    c.spend2 += num(r.spend2);
  }
  const bands: BandReference[] = ref.map((c) => {
    const mean = c.pop > 0 ? c.spend / c.pop : 0;
    const variance = c.pop > 1 ? Math.max(0, (c.spend2 - c.pop * mean * mean) / (c.pop - 1)) : 0;
    return { mean, variance };
  });
  const byUnit = new Map<
    string,
    {
      pops: number[];
      popKey: number;
      events: number;
      people: number;
      peopleKey: number;
      spend: number;
      top: number;
    }
  >();
  for (const r of rows) {
    const code = String(r.unit);
    const u = byUnit.get(code) ?? {
      pops: new Array(CELLS).fill(0),
      popKey: 0,
      events: 0,
      people: 0,
      peopleKey: 0,
      spend: 0,
      top: 0,
    };
    u.popKey = addKeys(u.popKey, keyOf(r.pop_key));
    u.peopleKey = addKeys(u.peopleKey, keyOf(r.people_key));
    u.pops[num(r.cell)] = (u.pops[num(r.cell)] ?? 0) + num(r.pop);
    u.events += num(r.events);
    u.people += num(r.people);
    u.spend += num(r.spend);
    u.top = Math.max(u.top, num(r.top));
    byUnit.set(code, u);
  }
  const units: NeedsUnit[] = [...byUnit.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([code, u]) => {
      const population = u.pops.reduce((s, v) => s + v, 0);
      const expectedEvents = u.pops.reduce((s, n, b) => {
        const c = ref[b];
        return s + (c && c.pop > 0 ? (n * c.events) / c.pop : 0);
      }, 0);
      const sr = u.pops.some((n, b) => n > 0 && (bands[b]?.mean ?? 0) > 0)
        ? spendRatio(u.spend, u.pops, bands)
        : null;
      const variance = u.pops.reduce((s, n, b) => s + n * (bands[b]?.variance ?? 0), 0);
      return {
        code,
        population,
        populationKey: u.popKey,
        events: u.events,
        people: u.people,
        peopleKey: u.peopleKey,
        spend: u.spend,
        topSpend: u.top,
        expectedEvents,
        expectedSpend: sr?.expected ?? 0,
        spendVariance: variance,
      };
    });
  const total = units.reduce(
    (t, u) => ({
      population: t.population + u.population,
      populationKey: addKeys(t.populationKey, u.populationKey),
      events: t.events + u.events,
      spend: t.spend + u.spend,
      people: t.people + u.people,
      peopleKey: addKeys(t.peopleKey, u.peopleKey),
      topSpend: Math.max(t.topSpend, u.topSpend),
    }),
    { population: 0, populationKey: 0, events: 0, spend: 0, people: 0, peopleKey: 0, topSpend: 0 },
  );
  const e = units.reduce((s, u) => s + u.expectedSpend, 0);
  const v = units.reduce((s, u) => s + u.spendVariance, 0);
  return { level, pod, units, total, varianceToMean: e > 0 ? v / e : 0 };
}
