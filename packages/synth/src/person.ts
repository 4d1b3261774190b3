// Draws one person's hidden life course: conditions (with onset, diagnosis), frailty,
// care-home residence, registration and death. Nothing here is written yet.
import { admissionLinear, mortalityLinear } from "./calibrate.ts";
import { CONDITION_INDEX, CONDITIONS } from "./conditions.ts";
import type { SimContext } from "./context.ts";
import { addYears } from "./dates.ts";
import { admissionAgeEffect, type Baseline, conditionLogit, logit, sigmoid } from "./features.ts";
import type { PracticeRef } from "./reference.ts";
import type { Rng } from "./rng.ts";

export interface ConditionState {
  readonly index: number;
  readonly onset: number;
  /** Day the diagnosis was coded, or null when it never was (by the as-of date). */
  readonly diagnosed: number | null;
}

export interface SimPerson {
  readonly b: Baseline;
  readonly birth: number;
  readonly practice: PracticeRef;
  readonly conditions: readonly ConditionState[];
  readonly has: Uint8Array;
  /** eFI symptom deficits present (indices into the code book's symptom list). */
  readonly symptoms: readonly number[];
  readonly careHome: boolean;
  readonly registrationStart: number;
  readonly registrationEnd: number | null;
  readonly death: number | null;
  /** Emergency admissions per year in each period of the context, and the probability of death in it. */
  readonly admissionRates: readonly number[];
  readonly deathProbabilities: readonly number[];
  readonly diabetesType1: boolean;
  readonly ckdStage: 3 | 4 | 5;
}

const YEAR = 365.25;

export function simulatePerson(rng: Rng, ctx: SimContext, b: Baseline): SimPerson {
  const { asOf } = ctx;
  const birth = Math.floor(addYears(asOf, -b.age) - rng.next() * 365);
  const has = new Uint8Array(CONDITIONS.length);
  const conditions: ConditionState[] = [];
  CONDITIONS.forEach((spec, i) => {
    if (b.age < spec.minAge) return;
    const intercept = ctx.calibration.conditionIntercepts[i] ?? 0;
    const p = sigmoid(intercept + conditionLogit(spec, b, b.age));
    if (!rng.chance(p)) return;
    if (spec.id === "NDH" && has[CONDITION_INDEX.get("DM") ?? 0]) return;
    // Onset age: invert the age curve (cases accrue as the curve rises); flat curves: uniform.
    let onsetAge: number;
    if (spec.meanYearsSinceOnset !== undefined) {
      // Conditions diagnosed in episodes (depression) or recently (cancer survivors, palliative care).
      const since = -spec.meanYearsSinceOnset * Math.log(1 - rng.next());
      onsetAge = Math.max(spec.minAge, b.age - since);
    } else if (spec.slope > 0.2) {
      const rest = intercept + conditionLogit(spec, b, 60);
      const target = logit(Math.max(1e-9, rng.next() * p));
      onsetAge = Math.max(spec.minAge, Math.min(b.age, 60 + (10 * (target - rest)) / spec.slope));
    } else if (spec.id === "LD") {
      onsetAge = 0;
    } else {
      onsetAge = spec.minAge + rng.next() * (b.age - spec.minAge);
    }
    const onset = Math.min(asOf - 1, Math.floor(birth + onsetAge * YEAR));
    let diagnosed: number | null = null;
    if (rng.chance(spec.diagnosed)) {
      const delay = spec.id === "LD" ? 3 * YEAR + rng.next() * 5 * YEAR : rng.next() * rng.next() * 2 * YEAR;
      diagnosed = Math.min(asOf - 1, Math.floor(onset + delay));
    }
    has[i] = 1;
    conditions.push({ index: i, onset, diagnosed });
  });

  const count = conditions.length;
  let symptoms: number[] = [];
  if (b.age >= 50) {
    const mean = Math.exp(-3.3 + 0.065 * (b.age - 50) + 0.55 * b.h + 0.22 * count);
    const available = ctx.codes.frailtySymptoms.length;
    const k = Math.min(available, rng.poisson(mean));
    const all = Array.from({ length: available }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(rng.next() * (all.length - i));
      [all[i], all[j]] = [all[j] ?? 0, all[i] ?? 0];
    }
    symptoms = all.slice(0, k);
  }
  const careHome = b.age >= 70 && rng.chance(sigmoid(-7.4 + 0.07 * (b.age - 70) + 0.45 * symptoms.length));

  // Registration: most people have been registered for years; some moved in or away recently.
  const practice = pickPractice(rng, ctx, b.lsoa.locality);
  const movedIn = rng.chance(0.06);
  const registrationStart = movedIn
    ? Math.max(birth, Math.floor(ctx.historyStart + rng.next() * (asOf - ctx.historyStart)))
    : Math.max(birth, Math.floor(asOf - rng.next() * 20 * YEAR));
  let registrationEnd: number | null = rng.chance(0.05)
    ? Math.floor(registrationStart + rng.next() * (asOf - registrationStart))
    : null;

  // Yearly hazards, period by period, from the conditions present at each period's start.
  const admissionRates: number[] = [];
  const deathProbabilities: number[] = [];
  let death: number | null = null;
  for (const period of ctx.periods) {
    const age = b.age - (asOf - period.start) / YEAR;
    let aLin = ctx.calibration.admissionIntercept + admissionAgeEffect(age) + admissionLinear(b);
    let mLin = ctx.calibration.mortalityIntercept + mortalityLinear(b, age);
    for (const c of conditions) {
      if (c.onset < period.start) {
        const spec = CONDITIONS[c.index];
        aLin += spec?.admission ?? 0;
        mLin += spec?.mortality ?? 0;
      }
    }
    aLin += 0.08 * symptoms.length + (careHome ? 0.3 : 0);
    const qDeath = 1 - Math.exp(-Math.exp(mLin));
    admissionRates.push(Math.exp(aLin));
    deathProbabilities.push(qDeath);
    if (death === null && period.end <= asOf && period.start >= birth && rng.chance(qDeath)) {
      death = Math.floor(period.start + rng.next() * (period.end - period.start));
    }
  }
  if (death !== null && (registrationEnd === null || registrationEnd > death)) registrationEnd = death;
  if (death !== null && registrationEnd !== null && registrationEnd < death) death = null; // moved away first: death not known here

  const dm = CONDITION_INDEX.get("DM") ?? 0;
  const dmState = conditions.find((c) => c.index === dm);
  // Type 1 is about 8–10% of diabetes in England: most early-onset cases.
  const diabetesType1 = dmState !== undefined && (dmState.onset - birth) / YEAR < 25 && rng.chance(0.4);
  const u = rng.next();
  const ckdStage = u < 0.88 ? 3 : u < 0.97 ? 4 : 5;
  return {
    b,
    birth,
    practice,
    conditions,
    has,
    symptoms,
    careHome,
    registrationStart,
    registrationEnd,
    death,
    admissionRates,
    deathProbabilities,
    diabetesType1,
    ckdStage,
  };
}

function pickPractice(rng: Rng, ctx: SimContext, locality: string): PracticeRef {
  const local = ctx.practicesByLocality.get(locality);
  const pool = local && rng.chance(0.88) ? local : ctx.allPractices;
  const practice = pool.practices[rng.weightedIndex(pool.cum)];
  if (!practice) throw new Error("no practices in the reference data");
  return practice;
}

export function isAlive(p: SimPerson, day: number): boolean {
  return day >= p.birth && (p.death === null || day < p.death);
}

export function hasCondition(p: SimPerson, id: string): boolean {
  const i = CONDITION_INDEX.get(id as never);
  return i !== undefined && p.has[i] === 1;
}

export function diagnosedOn(p: SimPerson, id: string): number | null {
  const i = CONDITION_INDEX.get(id as never);
  return p.conditions.find((c) => c.index === i)?.diagnosed ?? null;
}
