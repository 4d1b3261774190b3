// A business case's baseline from a built warehouse: the target cohort's size, its growth, and
// its use and cost of emergency admissions, A&E and outpatients from the costed activity
// (`person_cost`, written by `bevan build`'s costs step), read through the caller's scope as
// cells (people with their record keys; money as magnitude cells) for the API to disclose.
//
// Regression to the mean (the PRISM lesson): a cohort chosen on high recent use uses less the
// next year whatever is done. So the cohort is also evaluated a year earlier (at T − 12
// months) and its use followed into the year after: the baseline is, by default, what such a
// cohort did in the year after it was chosen, with the fall from its selection year shown.
import type { Cell, CohortDefinition, CohortTarget, MagnitudeCell } from "@bevan/query";
import { addMonthsIso, cellOf, compileCohort, readMagnitudeCell, scoresUsed } from "@bevan/query";

/** The activity a business case prices, and the points of delivery (`person_cost`) each sums. */
export const ACTIVITIES = {
  admissions: ["emergency_admission"],
  ae: ["ae"],
  outpatient: ["outpatient_first", "outpatient_follow_up"],
} as const;
export type Activity = keyof typeof ACTIVITIES;
export const ACTIVITY_NAMES: Record<Activity, string> = {
  admissions: "Emergency admissions",
  ae: "A&E attendances",
  outpatient: "Outpatient attendances",
};

/** One cohort's use in one costing year: events (with the people behind them) and their cost. */
export interface YearUse {
  readonly events: Record<Activity, Cell>;
  readonly cost: Record<Activity, MagnitudeCell>;
  /** Nights in hospital after emergency admissions (a magnitude: per person). */
  readonly bedDays: MagnitudeCell;
}

export interface CohortUse {
  /** The evaluation date. */
  readonly asOf: string;
  readonly people: Cell;
  /** Costing year 0 (the 12 months to the build's as-of date) and 1 (the 12 months before). */
  readonly years: Readonly<Record<0 | 1, YearUse>>;
}

export interface CohortBaselineCells {
  /** The build's as-of date T. */
  readonly asOf: string;
  /** The cohort today (at T): its size, and its use in the last year. */
  readonly now: CohortUse;
  /**
   * The cohort as it was chosen a year earlier (at T − 12 months): year 1 is the year it was
   * chosen on, year 0 the year after. Null when the definition uses scores, which the
   * warehouse holds only for its as-of date (a cohort cannot be chosen on them a year ago).
   */
  readonly yearBefore: CohortUse | null;
  /** The scores that stopped the cohort being evaluated a year earlier. */
  readonly scores: readonly string[];
}

export class CostsNotBuiltError extends Error {
  constructor() {
    super(
      "the warehouse has no costed activity (person_cost): run `bevan build` on a warehouse with the costs step to take a business case's baseline from a cohort",
    );
    this.name = "CostsNotBuiltError";
  }
}

const name = (t: CohortTarget, table: string) => (t.table ? t.table(table) : table);

async function useOf(
  t: CohortTarget,
  def: CohortDefinition,
  asOf: string,
  buildAsOf: string,
): Promise<CohortUse> {
  const q = compileCohort(def, {
    dialect: t.dialect,
    asOf,
    buildAsOf,
    ...(t.table ? { tables: t.table.bind(t) } : {}),
  });
  const params = [...q.params];
  const [people] = await t.json<{ n: number | bigint; k: number | bigint | null }>(
    `SELECT count(*) AS n, sum(m.record_key) AS k FROM (${q.sql}) AS m`,
    params,
  );
  const pods = Object.entries(ACTIVITIES).flatMap(([a, ps]) => ps.map((p) => `WHEN '${p}' THEN '${a}'`));
  // Events and cost per person, year and activity, then per cell: distinct people with their key.
  const rows = await t.json<Record<string, unknown>>(
    `WITH m AS (${q.sql}),
     e AS (
       SELECT c.person_id, c.year, CASE c.point_of_delivery ${pods.join(" ")} END AS activity,
              sum(c.activity) AS events, sum(c.cost) AS value
       FROM ${name(t, "person_cost")} AS c
       WHERE c.year IN (0, 1) AND c.point_of_delivery IN (${Object.values(ACTIVITIES)
         .flat()
         .map((p) => `'${p}'`)
         .join(", ")})
         AND c.person_id IN (SELECT person_id FROM m)
       GROUP BY c.person_id, c.year, 3)
     SELECT e.year, e.activity, sum(e.events) AS events, count(*) AS people, sum(m.record_key) AS key_sum,
            sum(e.value) AS total, max(abs(e.value)) AS top
     FROM e JOIN m ON m.person_id = e.person_id
     GROUP BY e.year, e.activity`,
    params,
  );
  // Bed days: nights after emergency admissions in each costing year (admitted in the year).
  const y0From = addMonthsIso(buildAsOf, -12);
  const y1From = addMonthsIso(buildAsOf, -24);
  const beds = await t.json<Record<string, unknown>>(
    `WITH m AS (${q.sql}),
     s AS (
       SELECT h.person_id,
              CASE WHEN h.admission_date > CAST(? AS DATE) THEN 0 ELSE 1 END AS year,
              sum(h.length_of_stay) AS value
       FROM ${name(t, "hospital_spell")} AS h
       WHERE h.admission_method = 'emergency'
         AND h.admission_date > CAST(? AS DATE) AND h.admission_date <= CAST(? AS DATE)
         AND h.person_id IN (SELECT person_id FROM m)
       GROUP BY h.person_id, 2)
     SELECT s.year, count(*) AS people, sum(m.record_key) AS key_sum, sum(s.value) AS total, max(abs(s.value)) AS top
     FROM s JOIN m ON m.person_id = s.person_id
     GROUP BY s.year`,
    [...params, y0From, y1From, buildAsOf],
  );
  const empty = (): MagnitudeCell => readMagnitudeCell({});
  const year = (y: 0 | 1): YearUse => {
    const events = {} as Record<Activity, Cell>;
    const cost = {} as Record<Activity, MagnitudeCell>;
    for (const a of Object.keys(ACTIVITIES) as Activity[]) {
      const r = rows.find((x) => Number(x.year) === y && x.activity === a);
      events[a] = r
        ? cellOf(r.events as number | bigint, r.key_sum as number | bigint, r.people as number | bigint)
        : cellOf(0, 0);
      cost[a] = r ? readMagnitudeCell(r) : empty();
    }
    const b = beds.find((x) => Number(x.year) === y);
    return { events, cost, bedDays: b ? readMagnitudeCell(b) : empty() };
  };
  return { asOf, people: cellOf(people?.n ?? 0, people?.k ?? 0), years: { 0: year(0), 1: year(1) } };
}

/**
 * The cohort's baseline cells: the cohort at the build's as-of date and as chosen a year
 * earlier. `hasCosts` tells whether the warehouse has `person_cost` (the caller checks with
 * the unscoped engine: whether a table exists is not patient data).
 */
export async function cohortBaselineCells(
  target: CohortTarget,
  def: CohortDefinition,
  buildAsOf: string,
  hasCosts: boolean,
): Promise<CohortBaselineCells> {
  if (!hasCosts) throw new CostsNotBuiltError();
  const now = await useOf(target, def, buildAsOf, buildAsOf);
  const scores = scoresUsed(def.criteria);
  const yearBefore = scores.length ? null : await useOf(target, def, addMonthsIso(buildAsOf, -12), buildAsOf);
  return { asOf: buildAsOf, now, yearBefore, scores };
}
