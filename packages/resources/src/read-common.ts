// What the read-side questions share: organisation levels, the people counted in a costing
// year (registered at the as-of date, plus those who died during the year, whose care is
// often the costliest), and the age–sex cells of standardisation.
import { AGE_BAND_STARTS } from "@bevan/allocation";
import type { Dialect, Warehouse } from "@bevan/engine";
import { cellOf, RECORD_KEY_RANGE, ScopedWarehouse } from "@bevan/query";

export const LEVELS = ["practice", "pcn", "place", "icb"] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_COLUMN: Record<Level, string> = {
  practice: "practice_code",
  pcn: "pcn_code",
  place: "place_code",
  icb: "icb_code",
};

/**
 * `scoped_person_asof p` rows of people on the list in costing year 0: registered at the
 * as-of date, or died during the 12 months to it.
 */
export function onListSql(d: Dialect, asOf: string, alias = "p"): string {
  const t = d.dateLiteral(asOf);
  return `(${alias}.registered OR (${alias}.deceased AND EXISTS (SELECT 1 FROM scoped_person x
      WHERE x.person_id = ${alias}.person_id AND x.death_date > ${d.addMonths(t, -12)} AND x.death_date <= ${t})))`;
}

/** The age–sex cell (0…15, as @bevan/allocation's ageSexCell) of a person_asof row. */
export function ageSexCellSql(alias = "p"): string {
  const bands = AGE_BAND_STARTS.map((lo, k) => `WHEN ${alias}.age >= ${lo} THEN ${k}`).reverse();
  return `(CASE WHEN ${alias}.sex = 'F' THEN 0 ELSE ${AGE_BAND_STARTS.length} END + CASE ${bands.join(" ")} ELSE 0 END)`;
}

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * A cell key from a SQL sum of record keys (person_asof.record_key, see @bevan/query's cell-key
 * method): reduced to [0, M). Keys of disjoint sets of people add with `addKeys`.
 */
export const keyOf = (sum: unknown): number => cellOf(0, sum as bigint | number | null).key;
export const addKeys = (a: number, b: number): number => (a + b) % RECORD_KEY_RANGE;

/** A view of the whole warehouse (every ICB in it), for the CLI's ICS-wide reports. */
export async function wholeIcs(wh: Warehouse): Promise<ScopedWarehouse> {
  const rows = await wh.all<{ org_code: string }>("SELECT org_code FROM organisation WHERE org_type = 'icb'");
  return new ScopedWarehouse(wh, { grants: rows.map((r) => ({ level: "icb" as const, code: r.org_code })) });
}
