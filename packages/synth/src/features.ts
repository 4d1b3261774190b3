// A person's baseline: who they are and where they live, before any illness is drawn.
import { CONDITIONS, type ConditionSpec, type Ethnicity } from "./conditions.ts";
import type { LsoaRef } from "./reference.ts";
import type { Rng } from "./rng.ts";

export interface Baseline {
  readonly sex: "F" | "M";
  /** Age in whole years at the as-of date. */
  readonly age: number;
  readonly lsoa: LsoaRef;
  readonly ethnicity: Ethnicity;
  /** Deprivation on [-1, 1]: +1 is the most deprived decile, -1 the least. */
  readonly dep: number;
  /** Latent ill-health, never recorded: drives conditions, frailty, admissions and death. */
  readonly h: number;
  /** 0 never, 1 ex, 2 current smoker. */
  readonly smoking: 0 | 1 | 2;
}

const ETHNICITY_MIX: Record<string, readonly (readonly [Ethnicity, number])[]> = {
  North: [
    ["White", 0.58],
    ["Asian", 0.2],
    ["Black", 0.1],
    ["Mixed", 0.07],
    ["Other", 0.05],
  ],
  other: [
    ["White", 0.86],
    ["Asian", 0.08],
    ["Black", 0.02],
    ["Mixed", 0.03],
    ["Other", 0.01],
  ],
};

export function drawBaseline(rng: Rng, lsoa: LsoaRef, sex: "F" | "M", age: number): Baseline {
  const dep = (5.5 - lsoa.imdDecile) / 4.5;
  const mix = ETHNICITY_MIX[lsoa.locality] ?? ETHNICITY_MIX.other ?? [];
  let u = rng.next();
  let ethnicity: Ethnicity = "White";
  for (const [e, w] of mix) {
    if (u < w) {
      ethnicity = e;
      break;
    }
    u -= w;
  }
  const h = rng.normal(0.25 * dep, 1);
  let smoking: 0 | 1 | 2 = 0;
  if (age >= 16) {
    const current = 0.07 + 0.09 * (dep + 1) + (age < 35 ? 0.02 : 0) - (age > 70 ? 0.05 : 0);
    const ex = Math.min(0.45, 0.05 + 0.006 * (age - 16));
    const v = rng.next();
    smoking = v < current ? 2 : v < current + ex ? 1 : 0;
  }
  return { sex, age, lsoa, ethnicity, dep, h, smoking };
}

/** Linear predictor of a condition except its intercept, at a given age (and learning disability status). */
export function conditionLogit(spec: ConditionSpec, b: Baseline, age: number, ld = false): number {
  return (
    (spec.slope * (age - 60)) / 10 +
    (b.sex === "F" ? spec.female : 0) +
    (spec.deprivation * b.dep) / 2 +
    (b.smoking > 0 ? spec.smoking : 0) +
    spec.latent * b.h +
    (spec.ethnicity?.[b.ethnicity] ?? 0) +
    (ld ? (spec.learningDisability ?? 0) : 0)
  );
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

export const CONDITION_COUNT = CONDITIONS.length;
