// Spend by point of delivery and organisation, the unit-cost table the build used, and what it
// could not price: the figures behind `bevan costs` and the Resources area's spend page.
import { type MagnitudeCell, magnitudeCellsSql, readMagnitudeCell, type ScopedWarehouse } from "@bevan/query";
import { keyOf, LEVEL_COLUMN, type Level, num, onListSql } from "./read-common.ts";
import type { UnitCostRow } from "./unit-costs.ts";

export interface SpendCell {
  readonly unit: string;
  readonly pod: string;
  /** People with any of this activity, and their cell key. */
  readonly people: number;
  readonly key: number;
  readonly activity: number;
  readonly spend: number;
  /** The largest one person's spend in the cell. */
  readonly top: number;
}

export interface SpendByPod {
  readonly year: number;
  readonly level: Level;
  readonly cells: readonly SpendCell[];
  /** People on the list in the year, per unit, and their cell keys. */
  readonly population: ReadonlyMap<string, number>;
  readonly populationKey: ReadonlyMap<string, number>;
  /** Each unit's spend over all points of delivery as a magnitude cell (people with any cost). */
  readonly unitTotals: ReadonlyMap<string, MagnitudeCell>;
  /** The whole scope's spend as a magnitude cell. */
  readonly total: MagnitudeCell;
}

export async function spendByPod(
  sw: ScopedWarehouse,
  asOf: string,
  level: Level,
  year = 0,
): Promise<SpendByPod> {
  const d = sw.dialect;
  const col = LEVEL_COLUMN[level];
  const perPerson = `SELECT p.${col} AS unit, c.person_id, c.cost AS value
    FROM scoped_person_cost c JOIN scoped_person_asof p ON p.person_id = c.person_id
    WHERE c.year = ${Number(year)} AND ${onListSql(d, asOf)} AND p.${col} IS NOT NULL`;
  const [cells, pops, totals, total] = await Promise.all([
    sw.aggregate<Record<string, unknown>>(
      `SELECT p.${col} AS unit, c.point_of_delivery AS pod, count(*) AS people, sum(p.record_key) AS people_key, sum(c.activity) AS activity,
          sum(c.cost) AS spend, max(c.cost) AS top
        FROM scoped_person_cost c JOIN scoped_person_asof p ON p.person_id = c.person_id
        WHERE c.year = ${Number(year)} AND ${onListSql(d, asOf)} AND p.${col} IS NOT NULL
        GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
    sw.aggregate<Record<string, unknown>>(
      `SELECT p.${col} AS unit, count(*) AS n, sum(p.record_key) AS k FROM scoped_person_asof p
        WHERE ${onListSql(d, asOf)} AND p.${col} IS NOT NULL GROUP BY 1`,
    ),
    sw.aggregate<Record<string, unknown>>(magnitudeCellsSql(perPerson, ["unit"])),
    sw.aggregate<Record<string, unknown>>(magnitudeCellsSql(perPerson, [])),
  ]);
  return {
    year,
    level,
    cells: cells.map((r) => ({
      unit: String(r.unit),
      pod: String(r.pod),
      people: num(r.people),
      key: keyOf(r.people_key),
      activity: num(r.activity),
      spend: num(r.spend),
      top: num(r.top),
    })),
    population: new Map(pops.map((r) => [String(r.unit), num(r.n)])),
    populationKey: new Map(pops.map((r) => [String(r.unit), keyOf(r.k)])),
    unitTotals: new Map(totals.map((r) => [String(r.unit), readMagnitudeCell(r)])),
    total: readMagnitudeCell(total[0] ?? {}),
  };
}

export interface StoredUnitCost extends UnitCostRow {
  readonly origin: string;
}

/** The unit-cost table the last build priced with (reference data: the same for every caller). */
export async function storedUnitCosts(sw: ScopedWarehouse): Promise<StoredUnitCost[]> {
  const rows = await sw.aggregate<Record<string, unknown>>(
    "SELECT currency, point_of_delivery, description, unit, cost, price_year, basis, source, reference, url, origin FROM unit_cost ORDER BY point_of_delivery, currency",
  );
  return rows.map((r) => ({
    currency: String(r.currency),
    pointOfDelivery: String(r.point_of_delivery),
    description: String(r.description),
    unit: String(r.unit),
    cost: num(r.cost),
    priceYear: String(r.price_year),
    basis: String(r.basis) as UnitCostRow["basis"],
    source: String(r.source),
    reference: String(r.reference),
    url: String(r.url),
    origin: String(r.origin),
  }));
}

export interface GapRow {
  readonly year: number;
  readonly pointOfDelivery: string;
  readonly currency: string;
  readonly reason: string;
  readonly activity: number;
}

/** Activity the build could not price (ICS-wide counts of activity rows, not of people). */
export async function costGaps(sw: ScopedWarehouse, year = 0): Promise<GapRow[]> {
  const rows = await sw.aggregate<Record<string, unknown>>(
    `SELECT year, point_of_delivery, currency, reason, activity FROM cost_gap WHERE year = ${Number(year)} ORDER BY activity DESC, currency`,
  );
  return rows.map((r) => ({
    year: num(r.year),
    pointOfDelivery: String(r.point_of_delivery),
    currency: String(r.currency),
    reason: String(r.reason),
    activity: num(r.activity),
  }));
}

/** The repricing by currency for practices in the caller's scope: activity × unit cost = cost. */
export async function costLines(
  sw: ScopedWarehouse,
  practices: ReadonlySet<string>,
  year = 0,
): Promise<
  { currency: string; pod: string; activity: number; units: number; unitCost: number; cost: number }[]
> {
  if (practices.size === 0) return [];
  const codes = [...practices];
  const rows = await sw.aggregate<Record<string, unknown>>(
    `SELECT currency, point_of_delivery AS pod, sum(activity) AS activity, sum(units) AS units, min(unit_cost) AS unit_cost, sum(cost) AS cost
      FROM cost_line WHERE year = ${Number(year)} AND practice_code IN (${codes.map((_, i) => `$p${i}`).join(", ")})
      GROUP BY 1, 2 ORDER BY 2, 1`,
    Object.fromEntries(codes.map((c, i) => [`p${i}`, c])),
  );
  return rows.map((r) => ({
    currency: String(r.currency),
    pod: String(r.pod),
    activity: num(r.activity),
    units: num(r.units),
    unitCost: num(r.unit_cost),
    cost: num(r.cost),
  }));
}

/** The costing as of which date, and which table, the build used (null when costs were never built). */
export async function costsBuilt(sw: ScopedWarehouse): Promise<{ asOf: string; origin: string } | null> {
  const rows = await sw.aggregate<{ key: string; value: string }>(
    "SELECT key, value FROM build_info WHERE key IN ('costs_as_of', 'costs_unit_cost_origin')",
  );
  const m = new Map(rows.map((r) => [r.key, r.value]));
  const asOf = m.get("costs_as_of");
  return asOf ? { asOf, origin: m.get("costs_unit_cost_origin") ?? "default" } : null;
}
