// The unit-cost table: the repository's default (data/unit-costs.csv, every figure with its
// source) or one the user loads, checked row by row at the boundary so a mistake is named
// with its line and column and the warehouse is left as it was.
import { readFileSync } from "node:fs";
import { csvField, parseCsv, unitCost, unitCostLocal } from "@bevan/domain";
import { createTableSql, type Warehouse } from "@bevan/engine";
import { podOfCurrency } from "./currencies.ts";

export const UNIT_COST_COLUMNS = [
  "currency",
  "point_of_delivery",
  "description",
  "unit",
  "cost_gbp",
  "price_year",
  "basis",
  "source",
  "reference",
  "url",
] as const;

export const BASES = ["published", "derived", "assumption"] as const;

export interface UnitCostRow {
  readonly currency: string;
  readonly pointOfDelivery: string;
  readonly description: string;
  readonly unit: string;
  readonly cost: number;
  readonly priceYear: string;
  readonly basis: (typeof BASES)[number];
  readonly source: string;
  readonly reference: string;
  readonly url: string;
}

/** A unit-cost table that cannot be used, with every problem found (line, column, what to do). */
export class UnitCostTableError extends Error {
  readonly problems: readonly string[];
  constructor(file: string, problems: readonly string[]) {
    const shown = problems.slice(0, 20);
    super(
      `${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the unit-cost table, nothing loaded:\n  ${shown.join("\n  ")}${problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : ""}`,
    );
    this.name = "UnitCostTableError";
    this.problems = problems;
  }
}

/** Parses and checks a unit-cost CSV. Throws UnitCostTableError listing every problem. */
export function parseUnitCosts(text: string, file: string): UnitCostRow[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ""));
  const problems: string[] = [];
  if (!header)
    throw new UnitCostTableError(file, ["the file is empty: start from `bevan costs table --out FILE`"]);
  const col = new Map(header.map((h, i) => [h.trim(), i]));
  const missing = UNIT_COST_COLUMNS.filter((c) => !col.has(c));
  if (missing.length > 0)
    throw new UnitCostTableError(file, [
      `line 1: missing column${missing.length === 1 ? "" : "s"} ${missing.join(", ")} (the header must name ${UNIT_COST_COLUMNS.join(", ")})`,
    ]);
  const out: UnitCostRow[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, k) => {
    const line = k + 2;
    if (r.length === 1 && (r[0] ?? "").trim() === "") return;
    const get = (c: (typeof UNIT_COST_COLUMNS)[number]) => (r[col.get(c) ?? -1] ?? "").trim();
    const bad = (c: string, what: string) => problems.push(`line ${line}, column ${c}: ${what}`);
    const currency = get("currency");
    const pod = podOfCurrency(currency);
    if (!currency) bad("currency", "is empty");
    else if (pod === null)
      bad(
        "currency",
        `'${currency}' is not a currency the costing rules produce (see docs/resources.md for the list; medicines are RX:<dm+d code>)`,
      );
    else if (get("point_of_delivery") !== pod)
      bad("point_of_delivery", `'${get("point_of_delivery")}' should be '${pod}' for ${currency}`);
    const earlier = seen.get(currency);
    if (currency && earlier !== undefined)
      bad("currency", `${currency} is already priced on line ${earlier}`);
    seen.set(currency, line);
    const costText = get("cost_gbp").replace(/^£/, "").replaceAll(",", "");
    const cost = Number(costText);
    if (costText === "" || !Number.isFinite(cost) || cost < 0)
      bad("cost_gbp", `'${get("cost_gbp")}' is not a cost in pounds (a number, zero or more, e.g. 123.45)`);
    const basis = get("basis");
    if (!(BASES as readonly string[]).includes(basis))
      bad("basis", `'${basis}' must be one of ${BASES.join(", ")}`);
    for (const c of ["description", "unit", "price_year", "source"] as const)
      if (!get(c)) bad(c, "is empty: every figure needs its description, unit, price year and source");
    out.push({
      currency,
      pointOfDelivery: pod ?? "",
      description: get("description"),
      unit: get("unit"),
      cost,
      priceYear: get("price_year"),
      basis: basis as UnitCostRow["basis"],
      source: get("source"),
      reference: get("reference"),
      url: get("url"),
    });
  });
  if (out.length === 0 && problems.length === 0) problems.push("the table has no rows");
  if (problems.length > 0) throw new UnitCostTableError(file, problems);
  return out;
}

/** The repository's default table (data/unit-costs.csv). */
export function defaultUnitCosts(): UnitCostRow[] {
  const path = new URL("../data/unit-costs.csv", import.meta.url);
  return parseUnitCosts(readFileSync(path, "utf8"), "data/unit-costs.csv");
}

/** A table as CSV, in the columns a local table is loaded from (a template to edit). */
export function unitCostsCsv(rows: readonly UnitCostRow[]): string {
  const lines = [UNIT_COST_COLUMNS.join(",")];
  for (const r of rows)
    lines.push(
      [
        r.currency,
        r.pointOfDelivery,
        r.description,
        r.unit,
        String(r.cost),
        r.priceYear,
        r.basis,
        r.source,
        r.reference,
        r.url,
      ]
        .map(csvField)
        .join(","),
    );
  return `${lines.join("\n")}\n`;
}

async function writeRows(wh: Warehouse, table: string, rows: readonly UnitCostRow[], origin: string) {
  const app = await wh.appender(table);
  for (const r of rows) {
    app.appendVarchar(r.currency);
    app.appendVarchar(r.pointOfDelivery);
    app.appendVarchar(r.description);
    app.appendVarchar(r.unit);
    app.appendDouble(r.cost);
    app.appendVarchar(r.priceYear);
    app.appendVarchar(r.basis);
    app.appendVarchar(r.source);
    app.appendVarchar(r.reference);
    app.appendVarchar(r.url);
    app.appendVarchar(origin);
    app.endRow();
  }
  app.closeSync();
}

/** Reads a stored table's rows back. */
async function readRows(wh: Warehouse, table: string): Promise<UnitCostRow[]> {
  const rows = await wh.all<Record<string, string | number>>(
    `SELECT currency, point_of_delivery, description, unit, cost, price_year, basis, source, reference, url FROM ${table} ORDER BY currency`,
  );
  return rows.map((r) => ({
    currency: String(r.currency),
    pointOfDelivery: String(r.point_of_delivery),
    description: String(r.description),
    unit: String(r.unit),
    cost: Number(r.cost),
    priceYear: String(r.price_year),
    basis: String(r.basis) as UnitCostRow["basis"],
    source: String(r.source),
    reference: String(r.reference),
    url: String(r.url),
  }));
}

/** The table the next build will use: the user's local one if loaded, else the default. */
export async function activeUnitCosts(
  wh: Warehouse,
): Promise<{ rows: UnitCostRow[]; origin: "default" | "local" }> {
  if (await wh.tableExists(unitCostLocal.name)) {
    const rows = await readRows(wh, unitCostLocal.name);
    if (rows.length > 0) return { rows, origin: "local" };
  }
  return { rows: defaultUnitCosts(), origin: "default" };
}

/** Writes the table the build prices with (inside the caller's transaction). */
export async function writeUnitCostTable(
  wh: Warehouse,
  rows: readonly UnitCostRow[],
  origin: "default" | "local",
): Promise<void> {
  await wh.exec(createTableSql(unitCost, wh.dialect, { replace: true }));
  await writeRows(wh, unitCost.name, rows, origin);
}

/** Stores a user's table for every later build (the caller re-costs). */
export async function storeLocalUnitCosts(wh: Warehouse, rows: readonly UnitCostRow[]): Promise<void> {
  await wh.exec(createTableSql(unitCostLocal, wh.dialect, { replace: true }));
  await writeRows(wh, unitCostLocal.name, rows, "local");
}

/** Forgets the user's table: later builds use the repository's default again. */
export async function resetLocalUnitCosts(wh: Warehouse): Promise<void> {
  await wh.exec(`DROP TABLE IF EXISTS ${unitCostLocal.name}`);
}
