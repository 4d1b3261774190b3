// Week-by-week flows of each trust's imaging lists: requests joining the waiting list (GP
// direct access and outpatient requests, not planned surveillance), the tests done for them,
// the tests done for everyone else on the same equipment (A&E, inpatients, planned), and the
// capacity the sites planned (sessions planned less those lost, times slots per session).
import type { ScopedWarehouse } from "@bevan/query";

const DAY = 86_400_000;

export interface WeeklyFlow {
  /** Monday of the week. */
  readonly week: string;
  readonly trust: string;
  readonly modality: string;
  /** Requests joining the list, and of them urgent. */
  readonly requests: number;
  readonly urgent: number;
  /** Tests done for patients from the list. */
  readonly tests: number;
  /** Tests done on the same equipment for patients outside the list (A&E, inpatients, planned). */
  readonly otherTests: number;
}

export interface WeeklyCapacity {
  readonly week: string;
  readonly trust: string;
  readonly site: string;
  readonly modality: string;
  readonly slots: number;
  readonly sessionsPlanned: number;
  readonly sessionsLost: number;
  readonly reason: string | null;
}

export const mondayOf = (iso: string): string => {
  const day = Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
  const dow = new Date(day * DAY).getUTCDay();
  return new Date((day - ((dow + 6) % 7)) * DAY).toISOString().slice(0, 10);
};

export const addWeeks = (monday: string, weeks: number): string =>
  new Date(Date.parse(`${monday}T00:00:00Z`) + weeks * 7 * DAY).toISOString().slice(0, 10);

export function mondays(from: string, toExclusive: string): string[] {
  const out: string[] = [];
  for (let w = mondayOf(from); w < toExclusive; w = addWeeks(w, 1)) out.push(w);
  return out;
}

/** Flows for each trust and modality in the weeks starting at `from` (a Monday) up to `to` (exclusive). */
export async function weeklyFlows(sw: ScopedWarehouse, from: string, to: string): Promise<WeeklyFlow[]> {
  const d = sw.dialect;
  const a = d.dateLiteral(from);
  const b = d.dateLiteral(to);
  const week = (col: string) => `CAST(floor(${d.daysBetween(a, col)} / 7) AS INTEGER)`;
  const list =
    "r.referral_source IN ('gp', 'outpatient') AND (r.priority IS NULL OR r.priority <> 'planned')";
  const rows = await sw.aggregate<{
    w: number;
    trust: string;
    modality: string;
    kind: string;
    n: bigint;
    u: bigint;
  }>(
    `SELECT ${week("r.request_date")} AS w, r.trust_code AS trust, r.modality AS modality, 'request' AS kind,
        count(*) AS n, sum(CASE WHEN r.priority = 'urgent' THEN 1 ELSE 0 END) AS u
     FROM scoped_imaging_request r
     WHERE ${list} AND r.request_date >= ${a} AND r.request_date < ${b}
     GROUP BY 1, 2, 3
     UNION ALL
     SELECT ${week("r.test_date")}, r.trust_code, r.modality, CASE WHEN ${list} THEN 'test' ELSE 'other' END, count(*), 0
     FROM scoped_imaging_request r
     WHERE r.test_date >= ${a} AND r.test_date < ${b}
     GROUP BY 1, 2, 3, 4`,
  );
  const out = new Map<
    string,
    {
      week: string;
      trust: string;
      modality: string;
      requests: number;
      urgent: number;
      tests: number;
      otherTests: number;
    }
  >();
  for (const r of rows) {
    const w = addWeeks(from, Number(r.w));
    const key = `${w}|${r.trust}|${r.modality}`;
    const e = out.get(key) ?? {
      week: w,
      trust: r.trust,
      modality: r.modality,
      requests: 0,
      urgent: 0,
      tests: 0,
      otherTests: 0,
    };
    if (r.kind === "request") {
      e.requests += Number(r.n);
      e.urgent += Number(r.u);
    } else if (r.kind === "test") e.tests += Number(r.n);
    else e.otherTests += Number(r.n);
    out.set(key, e);
  }
  return [...out.values()].sort((x, y) =>
    (x.week + x.trust + x.modality).localeCompare(y.week + y.trust + y.modality),
  );
}

/** Planned capacity by site, modality and week from the capacity extract (not person-level). */
export async function weeklyCapacity(
  sw: ScopedWarehouse,
  from: string,
  to: string,
): Promise<WeeklyCapacity[]> {
  const d = sw.dialect;
  const rows = await sw.aggregate<{
    week_start: string;
    trust_code: string;
    site_code: string;
    modality: string;
    planned: number | bigint;
    lost: number | bigint;
    slots: number;
    reason: string | null;
  }>(
    `SELECT CAST(week_start AS VARCHAR) AS week_start, trust_code, site_code, modality, sessions_planned AS planned,
        sessions_lost AS lost, (sessions_planned - sessions_lost) * slots_per_session AS slots, downtime_reason AS reason
     FROM imaging_capacity WHERE week_start >= ${d.dateLiteral(from)} AND week_start < ${d.dateLiteral(to)}
     ORDER BY 1, 2, 3, 4`,
  );
  return rows.map((r) => ({
    week: String(r.week_start).slice(0, 10),
    trust: r.trust_code,
    site: r.site_code,
    modality: r.modality,
    slots: Number(r.slots),
    sessionsPlanned: Number(r.planned),
    sessionsLost: Number(r.lost),
    reason: r.reason,
  }));
}

/** The first and last dates of imaging requests in the caller's view; null when there are none. */
export async function imagingSpan(sw: ScopedWarehouse): Promise<{ first: string; last: string } | null> {
  const [r] = await sw.aggregate<{ first: string | null; last: string | null }>(
    "SELECT CAST(min(request_date) AS VARCHAR) AS first, CAST(max(request_date) AS VARCHAR) AS last FROM scoped_imaging_request WHERE test IS NOT NULL",
  );
  return r?.first && r.last
    ? { first: String(r.first).slice(0, 10), last: String(r.last).slice(0, 10) }
    : null;
}
