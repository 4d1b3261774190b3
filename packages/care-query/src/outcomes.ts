// Outcomes monitoring for one person on a caseload (issue 23, seed 003's "3 monthly outcomes
// monitoring"): in each 13-week quarter before and since the day they joined the pathway,
// emergency admissions, A&E attendances, bed days, days with a GP record entry, and the mean
// HbA1c and systolic blood pressure recorded. Read from the warehouse through the caller's
// one-person view; quarters after the warehouse's as-of date are left out, and the quarter the
// as-of date falls in is marked incomplete.
import type { ScopedWarehouse } from "@bevan/query";

export const QUARTER_DAYS = 91;
export const QUARTERS_BEFORE = 4;
export const QUARTERS_SINCE = 4;

export interface QuarterOutcome {
  /** −4 … −1 before joining, 0 … 3 since (0 starts on the day they joined). */
  readonly quarter: number;
  readonly from: string;
  /** The day after the quarter's last day. */
  readonly to: string;
  /** False when the warehouse's data end inside the quarter. */
  readonly complete: boolean;
  readonly emergencyAdmissions: number;
  readonly aeAttendances: number;
  readonly bedDays: number;
  readonly gpContactDays: number;
  /** Mean of the values recorded in the quarter (mmol/mol), or null if none. */
  readonly hba1c: number | null;
  /** Mean systolic blood pressure recorded in the quarter (mmHg), or null if none. */
  readonly systolicBp: number | null;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** The quarters around `joined` that the warehouse (data to `asOf`) can say anything about. */
export function outcomeQuarters(joined: string, asOf: string) {
  if (!isoDay.test(joined) || !isoDay.test(asOf)) throw new Error("dates must be YYYY-MM-DD");
  const start = Date.parse(joined);
  const end = Date.parse(asOf) + 86_400_000;
  const out: { quarter: number; from: string; to: string; complete: boolean }[] = [];
  for (let q = -QUARTERS_BEFORE; q < QUARTERS_SINCE; q++) {
    const from = start + q * QUARTER_DAYS * 86_400_000;
    const to = from + QUARTER_DAYS * 86_400_000;
    if (from >= end) break;
    out.push({ quarter: q, from: day(from), to: day(to), complete: to <= end });
  }
  return out;
}

/**
 * The person's outcomes by quarter. `sw` must be the caller's view of this one person
 * (`forPerson`): every table read is that person's rows within the caller's scope.
 */
export async function personOutcomes(
  sw: ScopedWarehouse,
  joined: string,
  asOf: string,
): Promise<QuarterOutcome[]> {
  const quarters = outcomeQuarters(joined, asOf);
  if (quarters.length === 0) return [];
  // The quarters' dates are made here from validated dates: literals, not user text.
  const windows = quarters.map((q) => `(${q.quarter}, DATE '${q.from}', DATE '${q.to}')`).join(", ");
  const rows = await sw.all<{
    q: number;
    emergency: bigint | number;
    ae: bigint | number;
    bed_days: bigint | number | null;
    gp_days: bigint | number;
    hba1c: number | null;
    sbp: number | null;
  }>(
    `WITH w (q, f, t) AS (VALUES ${windows})
     SELECT w.q,
       (SELECT count(*) FROM scoped_hospital_spell s
         WHERE s.admission_method = 'emergency' AND s.admission_date >= w.f AND s.admission_date < w.t) AS emergency,
       (SELECT count(*) FROM scoped_ae_attendance a WHERE a.arrival_date >= w.f AND a.arrival_date < w.t) AS ae,
       (SELECT sum(s.length_of_stay) FROM scoped_hospital_spell s
         WHERE s.admission_date >= w.f AND s.admission_date < w.t) AS bed_days,
       (SELECT count(DISTINCT g.event_date) FROM scoped_gp_event g WHERE g.event_date >= w.f AND g.event_date < w.t) AS gp_days,
       (SELECT avg(g.value) FROM scoped_gp_event g
         WHERE g.value IS NOT NULL AND g.event_date >= w.f AND g.event_date < w.t
           AND g.code IN (SELECT c.code FROM codelist_code c WHERE c.codelist_id = 'gm-sde/hba1c')) AS hba1c,
       (SELECT avg(g.value) FROM scoped_gp_event g
         WHERE g.value IS NOT NULL AND g.event_date >= w.f AND g.event_date < w.t
           AND g.code IN (SELECT c.code FROM codelist_code c WHERE c.codelist_id = 'gm-sde/systolic-blood-pressure')) AS sbp
     FROM w ORDER BY w.q`,
  );
  const byQuarter = new Map(rows.map((r) => [Number(r.q), r]));
  return quarters.map((q) => {
    const r = byQuarter.get(q.quarter);
    const round1 = (x: number | null | undefined) =>
      x === null || x === undefined ? null : Math.round(Number(x) * 10) / 10;
    return {
      ...q,
      emergencyAdmissions: Number(r?.emergency ?? 0),
      aeAttendances: Number(r?.ae ?? 0),
      bedDays: Number(r?.bed_days ?? 0),
      gpContactDays: Number(r?.gp_days ?? 0),
      hba1c: round1(r?.hba1c),
      systolicBp: round1(r?.sbp),
    };
  });
}
