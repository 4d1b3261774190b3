// Bank holidays in England and Wales, worked out from the rules (fixed dates with substitute
// weekdays, Easter, the first and last Mondays of May, the last Monday of August) plus the
// one-off changes announced by proclamation since 2020. The imaging generator lowers demand
// and capacity on them and the demand forecast uses them as a covariate, so both read one
// calendar.

const ONE_OFF_ADDED: Readonly<Record<number, readonly string[]>> = {
  2020: ["2020-05-08"],
  2022: ["2022-06-02", "2022-06-03", "2022-09-19"],
  2023: ["2023-05-08"],
};
const ONE_OFF_REMOVED: Readonly<Record<number, readonly string[]>> = {
  2020: ["2020-05-04"],
  2022: ["2022-05-30"],
};

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/** Easter Sunday (Gregorian calendar; the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

function shift(isoDate: string, days: number): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function firstMonday(y: number, m: number): string {
  for (let d = 1; d <= 7; d++) if (weekday(y, m, d) === 1) return iso(y, m, d);
  throw new Error("unreachable");
}

function lastMonday(y: number, m: number): string {
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  for (let d = days; d > days - 7; d--) if (weekday(y, m, d) === 1) return iso(y, m, d);
  throw new Error("unreachable");
}

/** The bank holidays of one year in England and Wales, in date order (ISO dates). */
export function bankHolidays(year: number): string[] {
  if (!Number.isInteger(year) || year < 1970 || year > 2200) throw new RangeError(`no calendar for ${year}`);
  const out: string[] = [];
  const newYear = weekday(year, 1, 1);
  out.push(iso(year, 1, newYear === 6 ? 3 : newYear === 0 ? 2 : 1));
  const easter = easterSunday(year);
  out.push(shift(easter, -2), shift(easter, 1));
  out.push(firstMonday(year, 5), lastMonday(year, 5), lastMonday(year, 8));
  // Christmas and Boxing Day move to the next weekdays when they fall at a weekend.
  const christmas = weekday(year, 12, 25);
  if (christmas === 5) out.push(iso(year, 12, 25), iso(year, 12, 28));
  else if (christmas === 6) out.push(iso(year, 12, 27), iso(year, 12, 28));
  else if (christmas === 0) out.push(iso(year, 12, 26), iso(year, 12, 27));
  else out.push(iso(year, 12, 25), iso(year, 12, 26));
  const removed = new Set(ONE_OFF_REMOVED[year] ?? []);
  return [...out.filter((d) => !removed.has(d)), ...(ONE_OFF_ADDED[year] ?? [])].sort();
}

const cache = new Map<number, ReadonlySet<string>>();

/** Whether an ISO date is a bank holiday in England and Wales. */
export function isBankHoliday(isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  let set = cache.get(year);
  if (!set) {
    set = new Set(bankHolidays(year));
    cache.set(year, set);
  }
  return set.has(isoDate);
}
