// The monthly DM01-style census, worked out from the request records: at each month end, the
// patients still waiting for a DM01 imaging test (requested on or before the day, not yet
// tested, not planned surveillance), by completed weeks waited. Each test a patient waits for
// counts once, as in DM01. Rows from sources without a test (FHIR) are left out.
import { IMAGING_TESTS } from "@bevan/domain";
import type { ScopedWarehouse } from "@bevan/query";

/** Completed weeks kept apart; the last band holds this many weeks or more. */
export const CENSUS_WEEKS = 52;

export const DM01_TEST_CODES: readonly string[] = IMAGING_TESTS.filter((t) => t.dm01).map((t) => t.code);

export type CensusDimension = "trust" | "site" | "modality" | "priority";

const COLUMN: Record<CensusDimension, string> = {
  trust: "trust_code",
  site: "site_code",
  modality: "modality",
  priority: "priority",
};

export interface CensusRow {
  /** YYYY-MM; the census is the month's last day. */
  readonly month: string;
  readonly trust: string | null;
  readonly site: string | null;
  readonly modality: string | null;
  readonly priority: string | null;
  /** Patients waiting by completed weeks: [0, 1, …, 51, 52 or more]. */
  readonly weeks: readonly number[];
}

export interface CensusFigures {
  readonly waiting: number;
  readonly over6: number;
  readonly over13: number;
  /** Median and 92nd centile of completed weeks waited, interpolated within weekly bands (null when nobody waits). */
  readonly medianWeeks: number | null;
  readonly p92Weeks: number | null;
}

/** The last day of each month from `from` to `to` (YYYY-MM). */
export function monthEnds(from: string, to: string): { month: string; date: string }[] {
  const out: { month: string; date: string }[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    out.push({ month: last.slice(0, 7), date: last });
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export interface CensusOptions {
  readonly by: readonly CensusDimension[];
  /** Tests counted (default: the five DM01 imaging tests). */
  readonly tests?: readonly string[];
}

/** Census rows for each month end in [from, to] (YYYY-MM), broken down by the dimensions asked for. */
export async function imagingCensus(
  sw: ScopedWarehouse,
  options: CensusOptions & { readonly from: string; readonly to: string },
): Promise<CensusRow[]> {
  const rows = await imagingCensusAt(
    sw,
    monthEnds(options.from, options.to).map((m) => m.date),
    options,
  );
  return rows.map(({ date, ...r }) => ({ ...r, month: date.slice(0, 7) }));
}

/** Census rows at any dates (a weekly census: each Sunday), with the census date. */
export async function imagingCensusAt(
  sw: ScopedWarehouse,
  dates: readonly string[],
  options: CensusOptions,
): Promise<(CensusRow & { readonly date: string })[]> {
  const d = sw.dialect;
  if (dates.length === 0) return [];
  const census = dates.map((date) => `SELECT ${d.dateLiteral(date)} AS census_date`).join(" UNION ALL ");
  const dims = options.by.map((b) => `r.${COLUMN[b]}`);
  const tests = (options.tests ?? DM01_TEST_CODES).map((t) => d.stringLiteral(t)).join(", ");
  const band = `LEAST(CAST(floor(${d.daysBetween("r.request_date", "c.census_date")} / 7) AS INTEGER), ${CENSUS_WEEKS})`;
  const rows = await sw.aggregate<Record<string, string | number | bigint | null>>(
    `SELECT CAST(c.census_date AS VARCHAR) AS census_date, ${[...dims.map((x, i) => `${x} AS g${i}`), `${band} AS band`].join(", ")}, count(*) AS n
     FROM scoped_imaging_request r JOIN (${census}) c
       ON r.request_date <= c.census_date AND (r.test_date IS NULL OR r.test_date > c.census_date)
     WHERE r.test IN (${tests}) AND (r.priority IS NULL OR r.priority <> 'planned')
     GROUP BY ${["c.census_date", ...dims, band].join(", ")}`,
  );
  const byKey = new Map<string, { date: string; g: (string | null)[]; weeks: number[] }>();
  for (const r of rows) {
    const date = String(r.census_date).slice(0, 10);
    const g = options.by.map((_, i) => (r[`g${i}`] === null ? null : String(r[`g${i}`])));
    const key = `${date}|${g.join("|")}`;
    let e = byKey.get(key);
    if (!e) {
      e = { date, g, weeks: Array(CENSUS_WEEKS + 1).fill(0) };
      byKey.set(key, e);
    }
    const b = Number(r.band);
    e.weeks[b] = (e.weeks[b] ?? 0) + Number(r.n);
  }
  const at = (e: { g: (string | null)[] }, dim: CensusDimension) => {
    const i = options.by.indexOf(dim);
    return i < 0 ? null : (e.g[i] ?? null);
  };
  const key = (r: CensusRow & { date: string }) =>
    `${r.date}|${r.trust ?? ""}|${r.site ?? ""}|${r.modality ?? ""}|${r.priority ?? ""}`;
  return [...byKey.values()]
    .map((e) => ({
      date: e.date,
      month: e.date.slice(0, 7),
      trust: at(e, "trust"),
      site: at(e, "site"),
      modality: at(e, "modality"),
      priority: at(e, "priority"),
      weeks: e.weeks,
    }))
    .sort((a, b) => key(a).localeCompare(key(b)));
}

/** Percentile of completed weeks from a histogram of weekly bands, uniform within each band. */
export function weeksPercentile(weeks: readonly number[], p: number): number | null {
  const total = weeks.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const target = p * total;
  let cum = 0;
  for (let k = 0; k < weeks.length; k++) {
    const n = weeks[k] ?? 0;
    if (n > 0 && cum + n >= target) return k + (target - cum) / n;
    cum += n;
  }
  return weeks.length;
}

export function censusFigures(weeks: readonly number[]): CensusFigures {
  let waiting = 0;
  let over6 = 0;
  let over13 = 0;
  weeks.forEach((n, k) => {
    waiting += n;
    if (k >= 6) over6 += n;
    if (k >= 13) over13 += n;
  });
  return {
    waiting,
    over6,
    over13,
    medianWeeks: weeksPercentile(weeks, 0.5),
    p92Weeks: weeksPercentile(weeks, 0.92),
  };
}
