// Hospital Frailty Risk Score (Gilbert et al. 2018): the sum of the points of the distinct
// three-character ICD-10 codes in a person's hospital diagnoses over the look-back (two
// years in the original), banded low (<5), intermediate (5–15) and high (>15). Pure: no I/O.
import { tidyIcd10 } from "./charlson.ts";
import { HFRS_POINTS } from "./hfrs-points.ts";
import type { ScoreResult } from "./score-result.ts";

export type HfrsBand = "low" | "intermediate" | "high";

/** Below `lowBelow` is low; up to `intermediateUpTo` (inclusive) intermediate; above, high. */
export const HFRS_BAND_LIMITS = { lowBelow: 5, intermediateUpTo: 15 } as const;

export function hfrsBand(score: number): HfrsBand {
  return score < HFRS_BAND_LIMITS.lowBelow
    ? "low"
    : score <= HFRS_BAND_LIMITS.intermediateUpTo
      ? "intermediate"
      : "high";
}

export function hfrs(codes: Iterable<string>): ScoreResult {
  const seen = new Set<string>();
  let score = 0;
  for (const raw of codes) {
    const three = tidyIcd10(raw).slice(0, 3);
    if (seen.has(three)) continue;
    seen.add(three);
    score += HFRS_POINTS.get(three) ?? 0;
  }
  // Points have one decimal; round away the floating-point residue of the sum.
  const value = Math.round(score * 10) / 10;
  return { value, band: hfrsBand(value) };
}
