// ISO calendar dates (yyyy-mm-dd) as whole day numbers, so date arithmetic needs no time zone.
import { MethodsInputError } from "./errors.ts";

const MS_PER_DAY = 86_400_000;

export function dayNumber(iso: string, field: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m)
    throw new MethodsInputError(
      "invalid_date",
      field,
      `must be an ISO date yyyy-mm-dd, got ${JSON.stringify(iso)}`,
    );
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new MethodsInputError("invalid_date", field, `is not a calendar date: ${iso}`);
  }
  return t / MS_PER_DAY;
}

export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
