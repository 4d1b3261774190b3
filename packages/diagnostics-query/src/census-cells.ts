// The census as disclosure cells: for each census date and breakdown, the patients waiting, those
// waiting 6+ and 13+ weeks, each as a cell of events over the distinct people behind them with
// their record keys (the cell-key method, @bevan/query), so the same cell always discloses
// the same way and cells that differ by a few people get independent noise.
import { type Cell, eventCellsSql, readEventCell, type ScopedWarehouse } from "@bevan/query";
import { type CensusDimension, DM01_TEST_CODES } from "./census.ts";

const COLUMN: Record<CensusDimension, string> = {
  trust: "trust_code",
  site: "site_code",
  modality: "modality",
  priority: "priority",
};

export interface CensusCells {
  readonly date: string;
  readonly trust: string | null;
  readonly site: string | null;
  readonly modality: string | null;
  readonly waiting: Cell;
  readonly over6: Cell;
  readonly over13: Cell;
}

/** Waiting, 6+ and 13+ week cells at each date for the breakdown asked for (DM01 tests). */
export async function censusCellsAt(
  sw: ScopedWarehouse,
  dates: readonly string[],
  by: readonly CensusDimension[],
): Promise<CensusCells[]> {
  if (dates.length === 0) return [];
  const d = sw.dialect;
  const census = dates.map((date) => `SELECT ${d.dateLiteral(date)} AS census_date`).join(" UNION ALL ");
  const tests = DM01_TEST_CODES.map((t) => d.stringLiteral(t)).join(", ");
  const groups = ["census_date", ...by.map((_, i) => `g${i}`)];
  const rows = (minDays: number) =>
    `SELECT CAST(c.census_date AS VARCHAR) AS census_date, ${by.map((b, i) => `r.${COLUMN[b]} AS g${i}, `).join("")}r.person_id
     FROM scoped_imaging_request r JOIN (${census}) c
       ON r.request_date <= c.census_date AND (r.test_date IS NULL OR r.test_date > c.census_date)
     WHERE r.test IN (${tests}) AND (r.priority IS NULL OR r.priority <> 'planned')
       AND ${d.daysBetween("r.request_date", "c.census_date")} >= ${minDays}`;
  const [all, six, thirteen] = await Promise.all(
    [0, 42, 91].map((m) => sw.aggregate<Record<string, unknown>>(eventCellsSql(rows(m), groups))),
  );
  const key = (r: Record<string, unknown>) => groups.map((g) => String(r[g] ?? "")).join("|");
  const index = (xs: Record<string, unknown>[] | undefined) =>
    new Map((xs ?? []).map((r) => [key(r), readEventCell(r)]));
  const s6 = index(six);
  const s13 = index(thirteen);
  const empty: Cell = { n: 0, key: 0, people: 0 };
  const at = (r: Record<string, unknown>, dim: CensusDimension) => {
    const i = by.indexOf(dim);
    return i < 0 || r[`g${i}`] === null || r[`g${i}`] === undefined ? null : String(r[`g${i}`]);
  };
  return (all ?? []).map((r) => ({
    date: String(r.census_date).slice(0, 10),
    trust: at(r, "trust"),
    site: at(r, "site"),
    modality: at(r, "modality"),
    waiting: readEventCell(r),
    over6: s6.get(key(r)) ?? empty,
    over13: s13.get(key(r)) ?? empty,
  }));
}

/** Cells of patients waiting at one date by completed weeks (0…12, 13 or more), for the breakdown asked for. */
export async function bandCellsAt(
  sw: ScopedWarehouse,
  date: string,
  by: readonly CensusDimension[],
): Promise<(Record<CensusDimension, string | null> & { band: number; cell: Cell })[]> {
  const d = sw.dialect;
  const c = d.dateLiteral(date);
  const tests = DM01_TEST_CODES.map((t) => d.stringLiteral(t)).join(", ");
  const band = `LEAST(CAST(floor(${d.daysBetween("r.request_date", c)} / 7) AS INTEGER), 13)`;
  const groups = [...by.map((_, i) => `g${i}`), "band"];
  const rows = await sw.aggregate<Record<string, unknown>>(
    eventCellsSql(
      `SELECT ${by.map((b, i) => `r.${COLUMN[b]} AS g${i}, `).join("")}${band} AS band, r.person_id
       FROM scoped_imaging_request r
       WHERE r.request_date <= ${c} AND (r.test_date IS NULL OR r.test_date > ${c})
         AND r.test IN (${tests}) AND (r.priority IS NULL OR r.priority <> 'planned')`,
      groups,
    ),
  );
  return rows.map((r) => {
    const at = (dim: CensusDimension) => {
      const i = by.indexOf(dim);
      return i < 0 || r[`g${i}`] === null || r[`g${i}`] === undefined ? null : String(r[`g${i}`]);
    };
    return {
      trust: at("trust"),
      site: at("site"),
      modality: at("modality"),
      priority: at("priority"),
      band: Number(r.band),
      cell: readEventCell(r),
    };
  });
}
