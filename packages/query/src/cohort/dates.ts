// Calendar arithmetic on ISO dates (YYYY-MM-DD) for the in-memory evaluator and the
// timeline. Month arithmetic clamps to the end of the month (31 Jan + 1 month = 28/29 Feb),
// as DuckDB's and Trino's interval arithmetic do.
import type { Offset } from "./ir.ts";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addMonthsIso(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return `${pad(ny, 4)}-${pad(nm)}-${pad(Math.min(d, daysInMonth(ny, nm)))}`;
}

export function addDaysIso(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function shiftIso(iso: string, o: Offset): string {
  if (o.unit === "days") return addDaysIso(iso, o.n);
  return addMonthsIso(iso, o.unit === "years" ? 12 * o.n : o.n);
}

/** Last day of the month of `iso`. */
export function monthEndIso(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  return `${iso.slice(0, 8)}${pad(daysInMonth(y, m))}`;
}

/** Whole years from a birth month (taken as the 15th) to `asOf`: the build's definition of age. */
export function ageAt(birthMonth: string, asOf: string): number {
  const months =
    Number(asOf.slice(0, 4)) * 12 +
    Number(asOf.slice(5, 7)) -
    Number(birthMonth.slice(0, 4)) * 12 -
    Number(birthMonth.slice(5, 7)) -
    (Number(asOf.slice(8, 10)) < 15 ? 1 : 0);
  return Math.floor(months / 12);
}

export function ageBand(age: number): string {
  if (age >= 90) return "90+";
  const lo = age - (age % 5);
  return `${lo}-${lo + 4}`;
}
