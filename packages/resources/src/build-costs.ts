// Prices the activity of the costing years ending at the build's as-of date, in one
// transaction: the unit-cost table used, each person's cost by year and point of delivery,
// the repricing by practice and currency (for audit), and what could not be priced.
import { costGap, costLine, personCost } from "@bevan/domain";
import { createTableSql, getBuildInfo, setBuildInfo, type Warehouse } from "@bevan/engine";
import { costActivitySql, rxCurrencySql } from "./costing-sql.ts";
import { activeUnitCosts, writeUnitCostTable } from "./unit-costs.ts";

export const COSTING_YEARS = 3;

export interface CostGapRow {
  readonly year: number;
  readonly pointOfDelivery: string;
  readonly currency: string;
  readonly reason: string;
  readonly activity: number;
}

export interface CostBuildReport {
  readonly asOf: string;
  readonly years: number;
  readonly unitCosts: { readonly origin: "default" | "local"; readonly rows: number };
  readonly totals: readonly { readonly year: number; readonly people: number; readonly cost: number }[];
  readonly gaps: readonly CostGapRow[];
  readonly seconds: number;
}

export class CostsNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CostsNotReadyError";
  }
}

export const NO_UNIT_COST =
  "no unit cost for this currency in the table: add a row for it to a local table (`bevan costs table --out FILE`, edit, `bevan costs load FILE`)";
export const NO_QUANTITY = "quantity not recorded on the issue, so the medicine cannot be priced per unit";

export async function buildCosts(
  wh: Warehouse,
  options: { years?: number; now?: () => Date } = {},
): Promise<CostBuildReport> {
  const started = performance.now();
  const info = await getBuildInfo(wh);
  const asOf = info.as_of;
  if (!asOf)
    throw new CostsNotReadyError(`the warehouse has not been built: run \`bevan build --db ${wh.path}\``);
  const years = options.years ?? COSTING_YEARS;
  const d = wh.dialect;
  const table = await activeUnitCosts(wh);
  await wh.transaction(async () => {
    await writeUnitCostTable(wh, table.rows, table.origin);
    for (const t of [personCost, costLine, costGap]) await wh.exec(createTableSql(t, d, { replace: true }));
    await wh.exec(`CREATE OR REPLACE TEMP TABLE _rx_currency AS ${rxCurrencySql()}`);
    await wh.exec(`CREATE OR REPLACE TEMP TABLE _cost_act AS ${costActivitySql(d, { asOf, years })}`);
    await wh.exec(`INSERT INTO ${personCost.name}
      SELECT a.person_id, a.year, a.pod, CAST(sum(a.activity - a.missing_units) AS INTEGER), sum(a.units), sum(a.units * u.cost)
      FROM _cost_act a JOIN unit_cost u ON u.currency = a.currency
      WHERE a.units IS NOT NULL
      GROUP BY a.person_id, a.year, a.pod`);
    await wh.exec(`INSERT INTO ${costLine.name}
      SELECT a.year, p.practice_code, a.pod, a.currency, sum(a.activity - a.missing_units), sum(a.units), u.cost, sum(a.units) * u.cost
      FROM _cost_act a JOIN unit_cost u ON u.currency = a.currency JOIN person_asof p ON p.person_id = a.person_id
      WHERE a.units IS NOT NULL
      GROUP BY a.year, p.practice_code, a.pod, a.currency, u.cost`);
    await wh.exec(`INSERT INTO ${costGap.name}
      SELECT a.year, a.pod, a.currency, ${d.stringLiteral(NO_UNIT_COST)}, sum(a.activity)
      FROM _cost_act a LEFT JOIN unit_cost u ON u.currency = a.currency
      WHERE u.currency IS NULL GROUP BY a.year, a.pod, a.currency
      UNION ALL
      SELECT a.year, a.pod, a.currency, ${d.stringLiteral(NO_QUANTITY)}, sum(a.missing_units)
      FROM _cost_act a JOIN unit_cost u ON u.currency = a.currency
      WHERE a.missing_units > 0 GROUP BY a.year, a.pod, a.currency`);
    await wh.exec("DROP TABLE IF EXISTS _cost_act; DROP TABLE IF EXISTS _rx_currency");
    await setBuildInfo(wh, {
      costs_as_of: asOf,
      costs_built_at: (options.now ?? (() => new Date()))().toISOString(),
      costs_unit_cost_origin: table.origin,
    });
  });
  const totals = await wh.all<{ year: number; people: bigint; cost: number }>(
    `SELECT year, count(DISTINCT person_id) AS people, sum(cost) AS cost FROM ${personCost.name} GROUP BY year ORDER BY year`,
  );
  const gaps = await wh.all<{
    year: number;
    pod: string;
    currency: string;
    reason: string;
    activity: bigint;
  }>(
    `SELECT year, point_of_delivery AS pod, currency, reason, activity FROM ${costGap.name} ORDER BY year, activity DESC, currency`,
  );
  return {
    asOf,
    years,
    unitCosts: { origin: table.origin, rows: table.rows.length },
    totals: totals.map((t) => ({ year: Number(t.year), people: Number(t.people), cost: Number(t.cost) })),
    gaps: gaps.map((g) => ({
      year: Number(g.year),
      pointOfDelivery: g.pod,
      currency: g.currency,
      reason: g.reason,
      activity: Number(g.activity),
    })),
    seconds: (performance.now() - started) / 1000,
  };
}
