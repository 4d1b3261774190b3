// Draws a person's conditions by the as-of date: whether they have each (learning disability
// first, since the others depend on it), its onset, when it was diagnosed and whether a
// "resolved" code followed. Shared by the simulation and its calibration.
import { CONDITION_INDEX, CONDITIONS } from "./conditions.ts";
import { type Baseline, conditionLogit, logit, sigmoid } from "./features.ts";
import type { Rng } from "./rng.ts";

export interface ConditionState {
  readonly index: number;
  readonly onset: number;
  /** Day the diagnosis was coded, or null when it never was (by the as-of date). */
  readonly diagnosed: number | null;
  /** Day a "resolved" code was recorded after the diagnosis (before the as-of date), or null. */
  readonly resolved: number | null;
}

const YEAR = 365.25;

/** Share of diagnosed cases whose GP record later shows a "resolved" code, and the QOF resolved refset it comes from. */
export const RESOLVED_SHARE: Partial<Record<string, number>> = {
  HYP: 0.04,
  DM: 0.02,
  COPD: 0.01,
  CKD: 0.07,
  EP: 0.05,
  HF: 0.01,
};

const LD = CONDITION_INDEX.get("LD") ?? -1;
/** Conditions are drawn learning disability first, since the others depend on it. */
const DRAW_ORDER = [LD, ...CONDITIONS.map((_, i) => i).filter((i) => i !== LD)];

export function drawConditions(
  rng: Rng,
  intercepts: readonly number[],
  b: Baseline,
  birth: number,
  asOf: number,
): { has: Uint8Array; conditions: ConditionState[] } {
  const has = new Uint8Array(CONDITIONS.length);
  const conditions: ConditionState[] = [];
  for (const i of DRAW_ORDER) {
    const spec = CONDITIONS[i];
    if (!spec || b.age < spec.minAge) continue;
    const intercept = intercepts[i] ?? 0;
    const ld = has[LD] === 1;
    const p = sigmoid(intercept + conditionLogit(spec, b, b.age, ld));
    if (!rng.chance(p)) continue;
    if (spec.id === "NDH" && has[CONDITION_INDEX.get("DM") ?? 0]) continue;
    // Onset age: invert the age curve (cases accrue as the curve rises); flat curves: uniform.
    let onsetAge: number;
    if (spec.meanYearsSinceOnset !== undefined) {
      // Conditions diagnosed in episodes (depression) or recently (cancer survivors, palliative care).
      const since = -spec.meanYearsSinceOnset * Math.log(1 - rng.next());
      onsetAge = Math.max(spec.minAge, b.age - since);
    } else if (spec.slope > 0.2) {
      const rest = intercept + conditionLogit(spec, b, 60, ld);
      const target = logit(Math.max(1e-9, rng.next() * p));
      onsetAge = Math.max(spec.minAge, Math.min(b.age, 60 + (10 * (target - rest)) / spec.slope));
    } else if (spec.id === "LD") {
      onsetAge = 0;
    } else {
      onsetAge = spec.minAge + rng.next() * (b.age - spec.minAge);
    }
    const onset = Math.min(asOf - 1, Math.floor(birth + onsetAge * YEAR));
    let diagnosed: number | null = null;
    let resolved: number | null = null;
    if (rng.chance(spec.diagnosed)) {
      const delay = spec.id === "LD" ? 3 * YEAR + rng.next() * 5 * YEAR : rng.next() * rng.next() * 2 * YEAR;
      diagnosed = Math.min(asOf - 1, Math.floor(onset + delay));
      if (spec.id !== "DM" && rng.chance(RESOLVED_SHARE[spec.id] ?? 0))
        resolved = diagnosed + 1 + Math.floor(rng.next() * (asOf - 1 - diagnosed));
    }
    has[i] = 1;
    conditions.push({
      index: i,
      onset,
      diagnosed,
      resolved: resolved !== null && resolved < asOf ? resolved : null,
    });
  }
  conditions.sort((x, y) => x.index - y.index);
  return { has, conditions };
}
