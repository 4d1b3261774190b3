// A person's yearly emergency-admission rate and death hazard in a period: the age band's rate
// (HES; ONS) times the person's modifiers over the band's mean of the same (the calibration's
// norms), with the conditions whose onset precedes the period. One function for the
// simulation, its calibration and the recorded-information oracle.
import { admissionBandIndex, admissionBandRate } from "./admissions.ts";
import { CONDITIONS } from "./conditions.ts";
import type { ConditionState } from "./draw-conditions.ts";
import type { Baseline } from "./features.ts";
import { FRAILTY } from "./frailty.ts";
import { bandIndex, baseHazard, deathRateBands, mortalityModifier } from "./mortality.ts";

const YEAR = 365.25;
export const CARE_HOME_ADMISSION = 0.3;

/**
 * For each period (the three years before the as-of date and the year after it), per
 * admission band, and per sex (F, then M) × death-rate band: the mean of the modifiers among
 * the people alive in it. Per period because the frailest die first: the population that
 * starts the first year holds more of them than later years do.
 */
export interface RateNorms {
  readonly admissionNorms: readonly Float64Array[];
  readonly mortalityNorms: readonly Float64Array[];
}

export function admissionLinear(b: Baseline): number {
  return 0.5 * b.h + 0.25 * b.dep + (b.smoking === 2 ? 0.15 : 0);
}

export function sexIndex(sex: "F" | "M"): number {
  return sex === "F" ? 0 : 1;
}

/** log(band rate ÷ band norm) at an age in a period: the log rate of a person whose modifiers are all zero. */
export function admissionAgeLog(norms: RateNorms, period: number, age: number): number {
  const k = admissionBandIndex(age);
  return Math.log(admissionBandRate(age)) - Math.log(norms.admissionNorms[period]?.[k] ?? 1);
}

export interface PeriodRates {
  /** Emergency admissions per year. */
  readonly admission: number;
  /** Deaths per year (hazard). */
  readonly death: number;
  /** The share of the period the person is alive and born: from birth if born during it. */
  readonly exposure: number;
}

export function periodRates(
  norms: RateNorms,
  p: {
    readonly b: Baseline;
    readonly birth: number;
    readonly conditions: readonly ConditionState[];
    readonly deficits: number;
    readonly careHome: boolean;
  },
  period: { readonly start: number; readonly end: number },
  /** The period's index (0 for the first of the three years before the as-of date). */
  index: number,
  asOf: number,
): PeriodRates {
  const { b } = p;
  const ageMid = Math.max(0, b.age - (asOf - period.start) / YEAR + 0.5);
  let a = admissionLinear(b) + FRAILTY.admission * p.deficits + (p.careHome ? CARE_HOME_ADMISSION : 0);
  let m = mortalityModifier(b);
  for (const c of p.conditions) {
    if (c.onset < period.start) {
      const spec = CONDITIONS[c.index];
      a += spec?.admission ?? 0;
      m += spec?.mortality ?? 0;
    }
  }
  const bands = deathRateBands().length;
  const norm = norms.mortalityNorms[index]?.[sexIndex(b.sex) * bands + bandIndex(ageMid)] ?? 1;
  const from = Math.max(period.start, p.birth);
  return {
    admission: Math.exp(admissionAgeLog(norms, index, ageMid) + a),
    death: (baseHazard(b.sex, ageMid) * Math.exp(m)) / norm,
    exposure: Math.max(0, (period.end - from) / (period.end - period.start)),
  };
}
