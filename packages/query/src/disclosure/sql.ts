// SQL for cells: every aggregate a non-direct-care role may see is counted as distinct people
// per cell together with the cell's key, the sum of those people's record keys
// (person_asof.record_key). Read the columns back with `cellOf` / `readCell`.
import { type Cell, cellOf, type MagnitudeCell } from "./cell-key.ts";

/**
 * The two columns of a cell over rows that hold each person once (person_asof, or a person
 * table grouped by person): `<name>_n` (people) and `<name>_key` (sum of record keys).
 * `alias` is the row source carrying `record_key` (scoped_person_asof, or a cohort).
 * With `where`, only rows meeting it count (a numerator beside its denominator).
 */
export function cellSql(alias = "p", name = "cell", where?: string): string {
  const filter = where ? ` FILTER (WHERE ${where})` : "";
  return `count(*)${filter} AS ${name}_n, sum(${alias}.record_key)${filter} AS ${name}_key`;
}

/** The cell named `name` from a row of `cellSql` columns. */
export function readCell(row: Readonly<Record<string, unknown>>, name = "cell"): Cell {
  return cellOf(row[`${name}_n`] as bigint | number | null, row[`${name}_key`] as bigint | number | null);
}

/**
 * Cells of events (admissions, attendances, …) where one person may have several: `rows` is a
 * SELECT yielding the group columns and `person_id`, one row per event; the result has the
 * group columns, `events`, `people` and `key_sum` (over distinct people). Read with
 * `readEventCell`. `personAsOf` is the name the caller reads person_asof by
 * (`scoped_person_asof` through a ScopedWarehouse).
 */
export function eventCellsSql(
  rows: string,
  groups: readonly string[],
  personAsOf = "scoped_person_asof",
): string {
  const g = groups.join(", ");
  const sel = groups.length ? `${g}, ` : "";
  const by = groups.length ? `GROUP BY ${g}` : "";
  return `SELECT ${groups.map((c) => `e.${c}`).join(", ")}${groups.length ? ", " : ""}sum(e.events) AS events, count(*) AS people, sum(rk.record_key) AS key_sum
    FROM (SELECT ${sel}person_id, count(*) AS events FROM (${rows}) AS ev GROUP BY ${sel}person_id) AS e
    JOIN ${personAsOf} AS rk ON rk.person_id = e.person_id
    ${by ? `GROUP BY ${groups.map((c) => `e.${c}`).join(", ")}` : ""}`;
}

/** An event cell: `n` events, `people` distinct people, their key. */
export function readEventCell(row: Readonly<Record<string, unknown>>): Cell {
  return cellOf(
    row.events as bigint | number | null,
    row.key_sum as bigint | number | null,
    row.people as bigint | number | null,
  );
}

/**
 * A magnitude per cell (money): `rows` yields the group columns, `person_id` and `value`
 * (any number of rows per person); values are summed per person first, then per cell with
 * `people`, `key_sum`, `total` and `top` (the largest person's total). Read with
 * `readMagnitudeCell`, disclose with `discloseMagnitude`.
 */
export function magnitudeCellsSql(
  rows: string,
  groups: readonly string[],
  personAsOf = "scoped_person_asof",
): string {
  const g = groups.join(", ");
  const sel = groups.length ? `${g}, ` : "";
  return `SELECT ${groups.map((c) => `e.${c}`).join(", ")}${groups.length ? ", " : ""}count(*) AS people, sum(rk.record_key) AS key_sum,
      sum(e.value) AS total, max(abs(e.value)) AS top
    FROM (SELECT ${sel}person_id, sum(value) AS value FROM (${rows}) AS mv GROUP BY ${sel}person_id) AS e
    JOIN ${personAsOf} AS rk ON rk.person_id = e.person_id
    ${groups.length ? `GROUP BY ${groups.map((c) => `e.${c}`).join(", ")}` : ""}`;
}

export function readMagnitudeCell(row: Readonly<Record<string, unknown>>): MagnitudeCell {
  const c = cellOf(row.people as bigint | number | null, row.key_sum as bigint | number | null);
  return { ...c, people: c.n, total: Number(row.total ?? 0), top: Number(row.top ?? 0) };
}
