// Monthly series for the snapshot-and-timeline page: emergency admissions, A&E attendances,
// or new entries on a register (people on it at the build, by the month of their first
// qualifying code), for the people in the caller's scope at the as-of date.

import { type Cell, EMPTY_CELL } from "../disclosure/cell-key.ts";
import { eventCellsSql, readEventCell } from "../disclosure/sql.ts";
import { registerCatalogue } from "../population.ts";
import type { ScopedWarehouse } from "../scope.ts";

export const TIMELINE_MEASURES = ["emergency_admissions", "ae_attendances"] as const;

export class UnknownMeasureError extends Error {
  constructor() {
    super("unknown measure: use emergency_admissions, ae_attendances or register:CODE (e.g. register:HYP)");
    this.name = "UnknownMeasureError";
  }
}

interface MeasureSql {
  readonly table: string;
  readonly date: string;
  readonly where: string;
  readonly params: Readonly<Record<string, string>>;
  readonly unit: string;
}

function measureSql(measure: string): MeasureSql {
  if (measure === "emergency_admissions")
    return {
      table: "scoped_hospital_spell",
      date: "admission_date",
      where: "e.admission_method = 'emergency'",
      params: {},
      unit: "emergency admissions per month",
    };
  if (measure === "ae_attendances")
    return {
      table: "scoped_ae_attendance",
      date: "arrival_date",
      where: "TRUE",
      params: {},
      unit: "A&E attendances per month",
    };
  const rule = registerCatalogue().find((r) => `register:${r.code}` === measure);
  if (!rule) throw new UnknownMeasureError();
  return {
    table: "scoped_register",
    date: "first_date",
    where: "e.register = $register",
    params: { register: rule.code },
    unit: `people newly on the ${rule.name} register per month (first qualifying code)`,
  };
}

/** The months from `from` to `to` inclusive, as YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  while (y * 12 + m <= end) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export async function monthlySeries(
  sw: ScopedWarehouse,
  measure: string,
  from: string,
  to: string,
): Promise<{ unit: string; points: { month: string; value: number; cell: Cell }[] }> {
  const m = measureSql(measure);
  const months = monthsBetween(from, to);
  const d = sw.dialect;
  const start = d.dateLiteral(`${from}-01`);
  const end = d.addMonths(d.dateLiteral(`${to}-01`), 1);
  // Each month's events over the distinct people behind them (one cell per month).
  const rows = await sw.aggregate<Record<string, number | bigint | null>>(
    eventCellsSql(
      `SELECT EXTRACT(YEAR FROM e.${m.date}) AS y, EXTRACT(MONTH FROM e.${m.date}) AS mo, e.person_id
       FROM ${m.table} e WHERE ${m.where} AND e.${m.date} >= ${start} AND e.${m.date} < ${end}`,
      ["y", "mo"],
    ),
    m.params,
  );
  const byMonth = new Map(
    rows.map((r) => [`${Number(r.y)}-${String(Number(r.mo)).padStart(2, "0")}`, readEventCell(r)]),
  );
  return {
    unit: m.unit,
    points: months.map((month) => {
      const cell = byMonth.get(month) ?? EMPTY_CELL;
      return { month, value: cell.n, cell };
    }),
  };
}
