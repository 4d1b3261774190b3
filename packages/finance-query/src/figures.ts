// From a cohort's baseline figures — exact for direct care and the CLI, or as disclosed to the
// caller's role — to the business case's inputs (`RunOptions.fromCohort`), with the
// regression to the mean laid out. Every rate is a ratio of published figures; a withheld
// figure leaves its input out (the case then has to give it, and says so).
import type { CohortBaselineCells, CohortUse } from "./baseline.ts";
import { ACTIVITIES, type Activity } from "./baseline.ts";

/** A figure as published: a number, or null when withheld. */
export type Figure = number | null;

export interface YearUseFigures {
  readonly events: Record<Activity, Figure>;
  readonly cost: Record<Activity, Figure>;
  readonly bedDays: Figure;
}

export interface CohortUseFigures {
  readonly asOf: string;
  readonly people: Figure;
  readonly years: Readonly<Record<0 | 1, YearUseFigures>>;
}

export interface BaselineFigures {
  readonly asOf: string;
  readonly now: CohortUseFigures;
  readonly yearBefore: CohortUseFigures | null;
  readonly scores: readonly string[];
}

export type BaselineFrom = "following-year" | "last-year";

export interface RegressionToTheMean {
  /** When the earlier cohort was chosen (T − 12 months). */
  readonly chosenAt: string;
  readonly people: Figure;
  /** Emergency admissions per person in the year the cohort was chosen on, and the year after. */
  readonly selectionYear: Figure;
  readonly followingYear: Figure;
  /** followingYear / selectionYear − 1 (e.g. −0.35: 35% fewer with no intervention). */
  readonly change: Figure;
  /** The same for the cost of emergency admissions, A&E and outpatients per person. */
  readonly costSelectionYear: Figure;
  readonly costFollowingYear: Figure;
}

export interface CohortBaseline {
  readonly asOf: string;
  readonly from: BaselineFrom;
  /** The model's inputs the data give (path → value); inputs the case sets win. */
  readonly fromCohort: Record<string, number>;
  readonly now: CohortUseFigures;
  readonly yearBefore: CohortUseFigures | null;
  /** Null when the cohort could not be chosen a year earlier (it uses scores). */
  readonly regression: RegressionToTheMean | null;
  /** Inputs the data could not give (figures withheld or no activity), in words. */
  readonly notes: readonly string[];
}

const ratio = (a: Figure, b: Figure): Figure => (a === null || b === null || b <= 0 ? null : a / b);

/** The cells' own values: for direct care and the command line (no disclosure). */
export function exactFigures(cells: CohortBaselineCells): BaselineFigures {
  const use = (u: CohortUse): CohortUseFigures => {
    const year = (y: 0 | 1): YearUseFigures => {
      const src = u.years[y];
      const events = {} as Record<Activity, Figure>;
      const cost = {} as Record<Activity, Figure>;
      for (const a of Object.keys(ACTIVITIES) as Activity[]) {
        events[a] = src.events[a].n;
        cost[a] = src.cost[a].total;
      }
      return { events, cost, bedDays: src.bedDays.total };
    };
    return { asOf: u.asOf, people: u.people.n, years: { 0: year(0), 1: year(1) } };
  };
  return {
    asOf: cells.asOf,
    now: use(cells.now),
    yearBefore: cells.yearBefore ? use(cells.yearBefore) : null,
    scores: cells.scores,
  };
}

const costOf = (y: YearUseFigures): Figure => {
  let s = 0;
  for (const a of Object.keys(ACTIVITIES) as Activity[]) {
    const c = y.cost[a];
    if (c === null) return null;
    s += c;
  }
  return s;
};

/** The model's inputs from the figures: per person and per event, from the year chosen. */
export function baselineInputs(f: BaselineFigures, asked: BaselineFrom = "following-year"): CohortBaseline {
  const notes: string[] = [];
  const before = f.yearBefore;
  const from: BaselineFrom = before ? asked : "last-year";
  if (!before)
    notes.push(
      `The cohort is chosen on scores (${f.scores.join(", ")}) that the warehouse holds only for ${f.asOf}, so what such a cohort did in the year after it was chosen cannot be measured: the baseline is its last year. If it was chosen on high recent use, expect less use next year with no intervention (regression to the mean); allow for it with the baseline's change a year.`,
    );
  const src = from === "following-year" && before ? before : f.now;
  const y = src.years[0];
  const fromCohort: Record<string, number> = {};
  const set = (path: string, v: Figure, what: string) => {
    if (v === null || !Number.isFinite(v))
      notes.push(
        `${what} could not be taken from the data (figures withheld or no activity): set it in the case.`,
      );
    else fromCohort[path] = v;
  };
  set("size", f.now.people, "The number of people");
  if (before) {
    const growth = ratio(f.now.people, before.people);
    set("growth", growth === null ? null : growth - 1, "The cohort's growth");
  }
  set(
    "baseline.admissionsPerPerson",
    ratio(y.events.admissions, src.people),
    "Emergency admissions per person",
  );
  set(
    "baseline.costPerAdmission",
    ratio(y.cost.admissions, y.events.admissions),
    "The cost of an emergency admission",
  );
  set(
    "baseline.bedDaysPerAdmission",
    ratio(y.bedDays, y.events.admissions),
    "Bed days per emergency admission",
  );
  set("baseline.aePerPerson", ratio(y.events.ae, src.people), "A&E attendances per person");
  set("baseline.costPerAe", ratio(y.cost.ae, y.events.ae), "The cost of an A&E attendance");
  set(
    "baseline.outpatientPerPerson",
    ratio(y.events.outpatient, src.people),
    "Outpatient attendances per person",
  );
  set(
    "baseline.costPerOutpatient",
    ratio(y.cost.outpatient, y.events.outpatient),
    "The cost of an outpatient attendance",
  );
  let regression: RegressionToTheMean | null = null;
  if (before) {
    const sel = ratio(before.years[1].events.admissions, before.people);
    const fol = ratio(before.years[0].events.admissions, before.people);
    const r = ratio(fol, sel);
    regression = {
      chosenAt: before.asOf,
      people: before.people,
      selectionYear: sel,
      followingYear: fol,
      change: r === null ? null : r - 1,
      costSelectionYear: ratio(costOf(before.years[1]), before.people),
      costFollowingYear: ratio(costOf(before.years[0]), before.people),
    };
  }
  return { asOf: f.asOf, from, fromCohort, now: f.now, yearBefore: before, regression, notes };
}
