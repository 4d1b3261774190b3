// Frailty deficits: the electronic Frailty Index's deficits that are not one of the generator's
// QOF conditions (arthritis, hearing and visual impairment, falls, mobility problems …; Clegg
// et al., Age Ageing 2016;45:353-60). A person aged 40+ has a Poisson number of them whose
// mean rises with age, the latent ill-health factor and their conditions, so with the
// conditions and polypharmacy the eFI bands at 65+ land near Clegg's (about 50% fit, 35% mild,
// 12% moderate, 3% severe; checked by the realism report). The same constants drive the
// recorded-information oracle, so it stays exact about what the generator does.
import { CONDITION_INDEX } from "./conditions.ts";
import { type Baseline, sigmoid } from "./features.ts";
import type { Rng } from "./rng.ts";

const DEM = CONDITION_INDEX.get("DEM") ?? -1;

export const FRAILTY = {
  minAge: 40,
  intercept: 0.62,
  /** Per year of age from 65. */
  age: 0.052,
  latent: 0.2,
  /** Per condition (diagnosed or not). */
  conditions: 0.05,
  /** The mean is capped (there are 25 deficits to draw). */
  maxMean: 20,
  /** Log rate ratio of emergency admission per deficit. */
  admission: 0.07,
  /** Community contacts a year per deficit. */
  community: 0.25,
} as const;

/** Expected number of frailty deficits. */
export function frailtyMean(age: number, h: number, conditionCount: number): number {
  if (age < FRAILTY.minAge) return 0;
  return Math.min(
    FRAILTY.maxMean,
    Math.exp(
      FRAILTY.intercept + FRAILTY.age * (age - 65) + FRAILTY.latent * h + FRAILTY.conditions * conditionCount,
    ),
  );
}

/**
 * Relative frequency of each drawable deficit among older people (by Clegg's deficit name).
 * Common chronic problems (arthritis, sensory loss) outnumber markers of severe frailty.
 */
export const DEFICIT_WEIGHTS: Readonly<Record<string, number>> = {
  Arthritis: 10,
  "Hearing impairment": 6,
  "Visual impairment": 6,
  "Urinary system disease": 5,
  "Thyroid disease": 4,
  Falls: 4,
  Dizziness: 4,
  "Foot problems": 4,
  Dyspnoea: 4,
  "Anaemia and haematinic deficiency": 4,
  "Peptic ulcer": 3,
  "Sleep disturbance": 3,
  "Urinary incontinence": 3,
  "Mobility and transfer problems": 3,
  "Fragility fracture": 2.5,
  "Hypotension/syncope": 2.5,
  "Memory and cognitive problems": 2,
  "Skin ulcer": 1.5,
  "Heart valve disease": 1.5,
  "Social vulnerability": 1.5,
  "Weight loss and anorexia": 1.5,
  "Activity limitation": 1,
  Housebound: 1,
  "Requirement for care": 1,
  "Parkinsonism and tremor": 1,
};

/** The term of the code written for a deficit, where its set has a plain one (else its first plain code). */
export const DEFICIT_TERMS: Readonly<Record<string, RegExp>> = {
  "Anaemia and haematinic deficiency": /^Iron deficiency anemia \(disorder\)$/,
  "Hearing impairment": /^Hearing loss \(disorder\)$/,
  "Memory and cognitive problems": /^Memory impairment|^Memory loss|^Forgetful|^Memory: own age not known/,
  "Skin ulcer": /^Ulcer of lower extremity \(disorder\)$/,
  "Parkinsonism and tremor": /^Parkinson's disease \(disorder\)$/,
  "Peptic ulcer": /^Peptic ulcer \(disorder\)$/,
  "Visual impairment": /^Cataract \(disorder\)$|^Visual impairment|^Low vision/,
  Dizziness: /^Dizziness \(finding\)$/,
  "Hypotension/syncope": /^Orthostatic hypotension \(disorder\)$/,
  "Social vulnerability": /^Lives alone \(finding\)$/,
  "Thyroid disease": /^Hypothyroidism \(disorder\)$/,
  "Sleep disturbance": /^Insomnia \(disorder\)$/,
  "Fragility fracture": /^Fracture of neck of femur \(disorder\)$/,
};

/** Draws k distinct deficits (indices into `weights`) with probability proportional to weight. */
export function drawDeficits(rng: Rng, k: number, weights: readonly number[]): number[] {
  const left = [...weights];
  const out: number[] = [];
  let total = left.reduce((a, b) => a + b, 0);
  for (let n = 0; n < k && total > 0; n++) {
    let u = rng.next() * total;
    let pick = left.length - 1;
    for (let i = 0; i < left.length; i++) {
      const w = left[i] ?? 0;
      if (u < w) {
        pick = i;
        break;
      }
      u -= w;
    }
    out.push(pick);
    total -= left[pick] ?? 0;
    left[pick] = 0;
  }
  return out;
}

/**
 * A person's frailty deficits (indices into `weights`, the code book's drawable deficits) and
 * whether they live in a care home (older, frailer people and people with dementia).
 */
export function drawFrailty(
  rng: Rng,
  b: Baseline,
  conditionCount: number,
  has: Uint8Array,
  weights: readonly number[],
): { deficits: number[]; careHome: boolean } {
  const k = Math.min(weights.length, rng.poisson(frailtyMean(b.age, b.h, conditionCount)));
  const deficits = k > 0 ? drawDeficits(rng, k, weights) : [];
  const careHome =
    b.age >= 65 &&
    rng.chance(sigmoid(-6.6 + 0.09 * (b.age - 70) + 0.3 * deficits.length + (has[DEM] ? 1.6 : 0)));
  return { deficits, careHome };
}
