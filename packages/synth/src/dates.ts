// Dates as whole days since 1970-01-01 (UTC): cheap to add and compare in the hot loop.

const MS_PER_DAY = 86_400_000;

export function dayOf(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

const isoCache = new Map<number, string>();

export function isoOf(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoCache.size < 100_000) isoCache.set(day, s);
  }
  return s;
}

/** The same calendar date `years` later (29 February → 28 February). */
export function addYears(day: number, years: number): number {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear() + years;
  const m = d.getUTCMonth();
  const dd = Math.min(d.getUTCDate(), new Date(Date.UTC(y, m + 1, 0)).getUTCDate());
  return Math.floor(Date.UTC(y, m, dd) / MS_PER_DAY);
}
