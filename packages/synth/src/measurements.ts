// GP measurements consistent with a person's conditions and treatment, and the yearly
// diabetes care processes (NICE's eight, and retinal screening) for people with diabetes.
import { DIABETES_CARE_CODES, OBSERVATIONS } from "./catalogue.ts";
import { CONDITION_INDEX } from "./conditions.ts";
import type { SimContext } from "./context.ts";
import { logit, sigmoid } from "./features.ts";
import type { SimPerson } from "./person.ts";
import type { RecordTracker } from "./planted.ts";
import type { Rng } from "./rng.ts";

/** Writes a GP event if the day is in the record; true when written. */
export type EventWriter = (day: number, code: string, value?: string, unit?: string) => boolean;

const HYP = CONDITION_INDEX.get("HYP") ?? -1;
const DM = CONDITION_INDEX.get("DM") ?? -1;
const NDH = CONDITION_INDEX.get("NDH") ?? -1;
const CKD = CONDITION_INDEX.get("CKD") ?? -1;

const fmt = (value: number, decimals: number) => value.toFixed(decimals);

export function writeBloodPressure(
  rng: Rng,
  p: SimPerson,
  age: number,
  treatedHyp: boolean,
  day: number,
  event: EventWriter,
): void {
  const hyp = p.has[HYP] === 1;
  const sbp = 110 + 0.45 * Math.max(0, age - 25) + (hyp ? 20 : 0) - (treatedHyp ? 11 : 0) + rng.normal(0, 11);
  event(day, OBSERVATIONS.systolic.code, fmt(sbp, 0), OBSERVATIONS.systolic.unit);
  event(
    day,
    OBSERVATIONS.diastolic.code,
    fmt(0.5 * sbp + 12 + rng.normal(0, 6), 0),
    OBSERVATIONS.diastolic.unit,
  );
}

export function writeHba1c(
  rng: Rng,
  p: SimPerson,
  age: number,
  base: number,
  day: number,
  event: EventWriter,
  tracker: RecordTracker,
): void {
  let v: number;
  if (p.has[DM]) v = 58 + 4 * p.b.dep + 12 * base + rng.normal(0, 4);
  else if (p.has[NDH]) v = 42 + 5 * rng.next();
  else v = 35 + 0.05 * (age - 40) + 2.5 * base + rng.normal(0, 1.5);
  const value = fmt(Math.max(25, v), 0);
  if (event(day, OBSERVATIONS.hba1c.code, value, OBSERVATIONS.hba1c.unit))
    tracker.hba1c.push({ day, value: Number(value) });
}

export function writeCholesterol(
  rng: Rng,
  base: number,
  onStatin: boolean,
  day: number,
  event: EventWriter,
): void {
  event(
    day,
    OBSERVATIONS.cholesterol.code,
    fmt(Math.max(2.2, base - (onStatin ? 1.3 : 0) + rng.normal(0, 0.3)), 1),
    OBSERVATIONS.cholesterol.unit,
  );
}

export function writeEgfr(rng: Rng, p: SimPerson, age: number, day: number, event: EventWriter): void {
  const v =
    p.has[CKD] === 1
      ? p.ckdStage === 3
        ? 30 + 29 * rng.next()
        : p.ckdStage === 4
          ? 15 + 14 * rng.next()
          : 6 + 8 * rng.next()
      : Math.max(61, 108 - 0.7 * Math.max(0, age - 30) + rng.normal(0, 9));
  event(day, OBSERVATIONS.egfr.code, fmt(Math.min(120, v), 0), OBSERVATIONS.egfr.unit);
}

export function writeBmi(rng: Rng, base: number, year: number, day: number, event: EventWriter): void {
  event(
    day,
    OBSERVATIONS.bmi.code,
    fmt(Math.min(60, Math.max(15, base + 0.2 * year + rng.normal(0, 0.6))), 1),
    OBSERVATIONS.bmi.unit,
  );
}

/**
 * Chance of each care process in a year: at the annual review (most people have one; how
 * many, and how thorough it is, varies by practice) or, without one, opportunistically.
 * With a typical practice about half of people with diabetes get all eight in a year, as in
 * the National Diabetes Audit (2022-23: about 47% of type 2).
 */
const PROCESSES = {
  hba1c: [0.98, 0.6],
  bloodPressure: [0.98, 0.6],
  cholesterol: [0.93, 0.3],
  creatinine: [0.96, 0.45],
  urineAlbumin: [0.8, 0.08],
  foot: [0.9, 0.08],
  bmi: [0.95, 0.3],
  smoking: [0.95, 0.4],
} as const;
/** Diabetic eye screening runs apart from the practice review. */
const RETINAL_SCREENING = 0.82;

export interface DiabetesYear {
  /** The part of the year the person has diabetes: [from, to). */
  readonly from: number;
  readonly to: number;
  readonly age: number;
  readonly year: number;
  readonly treatedHyp: boolean;
  readonly onStatin: boolean;
  readonly cholBase: number;
  readonly bmiBase: number;
  readonly hba1cBase: number;
  readonly smokingCode: string;
}

/** One year's diabetes care processes (practice-varying), with results consistent with the person. */
export function diabetesCareYear(
  rng: Rng,
  ctx: SimContext,
  p: SimPerson,
  o: DiabetesYear,
  event: EventWriter,
  tracker: RecordTracker,
): void {
  const quality = ctx.practiceDiabetesCare.get(p.practice.code) ?? 0;
  const reviewed = rng.chance(sigmoid(1.6 + quality - 0.25 * p.b.dep));
  const day = () => o.from + Math.floor(rng.next() * Math.max(1, o.to - o.from));
  const reviewDay = day();
  const done = (k: keyof typeof PROCESSES) => {
    const [atReview, otherwise] = PROCESSES[k];
    return reviewed ? rng.chance(sigmoid(logit(atReview) + 0.5 * quality)) : rng.chance(otherwise);
  };
  const when = () => (reviewed ? reviewDay : day());
  if (done("hba1c")) writeHba1c(rng, p, o.age, o.hba1cBase, when(), event, tracker);
  if (rng.chance(0.5)) writeHba1c(rng, p, o.age, o.hba1cBase, day(), event, tracker);
  if (done("bloodPressure")) writeBloodPressure(rng, p, o.age, o.treatedHyp, when(), event);
  if (done("cholesterol")) writeCholesterol(rng, o.cholBase, o.onStatin, when(), event);
  if (done("creatinine")) writeEgfr(rng, p, o.age, when(), event);
  if (done("urineAlbumin")) {
    const acr = Math.exp(rng.normal(p.has[CKD] === 1 ? 1.8 : 0.4, 0.9));
    event(when(), DIABETES_CARE_CODES.uacr.code, fmt(Math.min(300, acr), 1), DIABETES_CARE_CODES.uacr.unit);
  }
  if (done("foot"))
    event(when(), rng.chance(0.8) ? DIABETES_CARE_CODES.footExamination : DIABETES_CARE_CODES.footScreen);
  if (done("bmi")) writeBmi(rng, o.bmiBase, o.year, when(), event);
  if (done("smoking")) event(when(), o.smokingCode);
  if (rng.chance(sigmoid(logit(RETINAL_SCREENING) + 0.3 * quality)))
    event(day(), DIABETES_CARE_CODES.retinalScreening);
}
