// What every person's simulation shares: dates, calibration, codes and organisations.
import type { Calibration } from "./calibrate.ts";
import type { CodeBook } from "./code-book.ts";
import type { PracticeRef } from "./reference.ts";
import type { Rng } from "./rng.ts";

export interface SimContext {
  readonly asOf: number;
  /** Start of the activity history window (three years before the as-of date). */
  readonly historyStart: number;
  /** Start of the year that precedes each period, oldest first; the last period follows the as-of date. */
  readonly periods: readonly { readonly start: number; readonly end: number }[];
  readonly calibration: Calibration;
  readonly codes: CodeBook;
  readonly practicesByLocality: ReadonlyMap<string, { practices: readonly PracticeRef[]; cum: Float64Array }>;
  readonly allPractices: { practices: readonly PracticeRef[]; cum: Float64Array };
  readonly pcnOfPractice: ReadonlyMap<string, string>;
  /** Each practice's diabetes care (a log-odds effect on annual reviews and their thoroughness). */
  readonly practiceDiabetesCare: ReadonlyMap<string, number>;
}

export type ExtractFile =
  | "patients"
  | "opt_outs"
  | "gp_events"
  | "medication_issues"
  | "hospital_spells"
  | "hospital_diagnoses"
  | "hospital_procedures"
  | "outpatient_attendances"
  | "ae_attendances"
  | "community_contacts"
  | "social_care_services"
  | "imaging_requests"
  | "imaging_capacity"
  | "imaging_travel_times"
  | "deaths";

export type TruthFile = "risk" | "conditions" | "audits";

/** Where a simulated person's rows go. Fields are already formatted as CSV text. */
export interface Sink {
  row(file: ExtractFile, fields: readonly string[]): void;
  truth(file: TruthFile, fields: readonly string[]): void;
}

export function weightedPick<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let u = rng.next() * total;
  for (const [item, w] of items) {
    if (u < w) return item;
    u -= w;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error("weighted pick from an empty list");
  return last[0];
}
