// Draws one person's hidden life course: conditions (with onset, diagnosis), frailty,
// care-home residence, registration and death. Nothing here is written yet.
import { CONDITION_INDEX } from "./conditions.ts";
import type { SimContext } from "./context.ts";
import { addYears } from "./dates.ts";
import { type ConditionState, drawConditions, RESOLVED_SHARE } from "./draw-conditions.ts";
import type { Baseline } from "./features.ts";
import { drawFrailty } from "./frailty.ts";
import { periodRates } from "./hazards.ts";
import type { PracticeRef } from "./reference.ts";
import type { Rng } from "./rng.ts";

export type { ConditionState } from "./draw-conditions.ts";

export interface SimPerson {
  readonly b: Baseline;
  readonly birth: number;
  readonly practice: PracticeRef;
  readonly conditions: readonly ConditionState[];
  readonly has: Uint8Array;
  /** eFI deficits present beyond the QOF conditions (indices into the code book's frailty list). */
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
  const { has, conditions } = drawConditions(rng, ctx.calibration.conditionIntercepts, b, birth, asOf);

  // Frailty deficits beyond the QOF conditions (frailty.ts), weighted by how common each is.
  const weights = ctx.codes.frailtySymptoms.map((f) => f.weight);
  const { deficits: symptoms, careHome } = drawFrailty(rng, b, conditions.length, has, weights);

  // Registration: most people have been registered for years; some moved in or away recently.
  const practice = pickPractice(rng, ctx, b.lsoa.locality);
  const movedIn = rng.chance(0.06);
  const registrationStart = movedIn
    ? Math.max(birth, Math.floor(ctx.historyStart + rng.next() * (asOf - ctx.historyStart)))
    : Math.max(birth, Math.floor(asOf - rng.next() * 20 * YEAR));
  let registrationEnd: number | null = rng.chance(0.05)
    ? Math.floor(registrationStart + rng.next() * (asOf - registrationStart))
    : null;

  // Yearly hazards, period by period, from the conditions present at each period's start:
  // the age band's rate (HES admissions, ONS deaths) times the person's modifiers over the
  // band's mean of the same (hazards.ts, calibrate.ts).
  const admissionRates: number[] = [];
  const deathProbabilities: number[] = [];
  let death: number | null = null;
  const person = { b, birth, conditions, deficits: symptoms.length, careHome };
  for (const [k, period] of ctx.periods.entries()) {
    const r = periodRates(ctx.calibration, person, period, k, asOf);
    admissionRates.push(r.admission);
    const qDeath = 1 - Math.exp(-r.death * r.exposure);
    deathProbabilities.push(qDeath);
    if (death === null && period.end <= asOf && r.exposure > 0 && rng.chance(qDeath)) {
      const from = Math.max(period.start, birth);
      death = Math.floor(from + rng.next() * (period.end - from));
    }
  }
  if (death !== null && (registrationEnd === null || registrationEnd > death)) registrationEnd = death;
  if (death !== null && registrationEnd !== null && registrationEnd < death) death = null; // moved away first: death not known here

  const dm = CONDITION_INDEX.get("DM") ?? 0;
  const dmState = conditions.find((c) => c.index === dm);
  // Type 1 is about 8–10% of diabetes in England: most early-onset cases.
  const diabetesType1 = dmState !== undefined && (dmState.onset - birth) / YEAR < 25 && rng.chance(0.4);
  // Type 2 diabetes is sometimes coded as resolved (remission after weight loss, or a wrong diagnosis).
  if (dmState?.diagnosed != null && !diabetesType1 && rng.chance(RESOLVED_SHARE.DM ?? 0)) {
    const resolved = dmState.diagnosed + 1 + Math.floor(rng.next() * (asOf - 1 - dmState.diagnosed));
    if (resolved < asOf) conditions[conditions.indexOf(dmState)] = { ...dmState, resolved };
  }
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
