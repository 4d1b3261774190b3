// Calibrates the model's intercepts on a fixed sample drawn from the reference population,
// so recorded prevalence, the emergency-admission rate and the death rate hit their targets
// whatever the population's age structure. Deterministic for a seed.

import type { PopulationCells } from "./cells.ts";
import { CONDITIONS } from "./conditions.ts";
import { admissionAgeEffect, type Baseline, conditionLogit, drawBaseline, sigmoid } from "./features.ts";
import { Rng } from "./rng.ts";

export interface Calibration {
  /** Condition intercepts, in CONDITIONS order. */
  readonly conditionIntercepts: readonly number[];
  readonly admissionIntercept: number;
  readonly mortalityIntercept: number;
}

// Set above the ~0.100 per person-year wanted among the living: the sample includes people who
// die in the three years before the as-of date, and they carry much of the admission risk.
export const TARGET_EMERGENCY_ADMISSIONS_PER_PERSON_YEAR = 0.14;
export const TARGET_DEATHS_PER_PERSON_YEAR = 0.0088;
const SAMPLE = 30_000;

export function admissionLinear(b: Baseline): number {
  return 0.5 * b.h + 0.25 * b.dep + (b.smoking === 2 ? 0.15 : 0);
}

export function mortalityLinear(b: Baseline, age: number): number {
  return 0.095 * (age - 60) + 0.35 * b.h + 0.2 * b.dep + (b.smoking === 2 ? 0.3 : 0);
}

export function calibrate(cells: PopulationCells, seed: number): Calibration {
  const rng = new Rng(seed, 0x7fffffff);
  const sample: Baseline[] = [];
  for (let i = 0; i < SAMPLE; i++) {
    const cell = cells.randomCell(rng);
    sample.push(drawBaseline(rng, cell.lsoa, cell.sex, cells.drawAge(rng, cell.age)));
  }
  const intercepts = CONDITIONS.map((spec) => {
    const eligible = sample.filter((b) => b.age >= spec.denominatorMinAge);
    const lin = eligible.map((b) =>
      b.age >= spec.minAge ? conditionLogit(spec, b, b.age) : Number.NEGATIVE_INFINITY,
    );
    let lo = -20;
    let hi = 10;
    for (let iter = 0; iter < 50; iter++) {
      const mid = (lo + hi) / 2;
      let sum = 0;
      for (const x of lin) sum += sigmoid(mid + x);
      if ((sum / lin.length) * spec.diagnosed < spec.target) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  });

  let admission = 0;
  const mortalityLinears: number[] = [];
  for (const b of sample) {
    let conditionFactorA = 1;
    let conditionFactorM = 1;
    CONDITIONS.forEach((spec, i) => {
      const p = b.age >= spec.minAge ? sigmoid((intercepts[i] ?? 0) + conditionLogit(spec, b, b.age)) : 0;
      conditionFactorA *= 1 - p + p * Math.exp(spec.admission);
      conditionFactorM *= 1 - p + p * Math.exp(spec.mortality);
    });
    admission += Math.exp(admissionAgeEffect(b.age) + admissionLinear(b)) * conditionFactorA;
    mortalityLinears.push(mortalityLinear(b, b.age) + Math.log(conditionFactorM));
  }
  // Deaths are capped at one per person, so calibrate the probability, not the hazard:
  // the hazard's heavy upper tail (the very old and very ill) would otherwise dominate.
  let lo = -20;
  let hi = 5;
  for (let iter = 0; iter < 50; iter++) {
    const mid = (lo + hi) / 2;
    let sum = 0;
    for (const x of mortalityLinears) sum += 1 - Math.exp(-Math.exp(mid + x));
    if (sum / mortalityLinears.length < TARGET_DEATHS_PER_PERSON_YEAR) lo = mid;
    else hi = mid;
  }
  return {
    conditionIntercepts: intercepts,
    admissionIntercept: Math.log(TARGET_EMERGENCY_ADMISSIONS_PER_PERSON_YEAR / (admission / sample.length)),
    mortalityIntercept: (lo + hi) / 2,
  };
}
