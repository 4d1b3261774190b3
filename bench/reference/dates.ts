// Date arithmetic for the reference SQL, done once in JavaScript so that the SQL carries
// plain date literals (as someone writing the query by hand for one as-of date would) and
// runs unchanged on DuckDB and PostgreSQL.

function parts(iso: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Calendar months later (negative: earlier), clamped to the month's last day like SQL intervals. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

/** `DATE 'YYYY-MM-DD'`, valid in DuckDB and PostgreSQL. */
export function lit(date: string): string {
  parts(date);
  return `DATE '${date}'`;
}

/** Months since year 0 at the as-of date, less one before the 15th (birth months count from the 15th). */
export function ageMonthsAt(asOf: string): number {
  const [y, m, d] = parts(asOf);
  return y * 12 + m - (d < 15 ? 1 : 0);
}
