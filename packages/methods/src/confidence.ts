// Confidence levels. Fingertips publishes 95% and 99.8% limits side by side, so every
// estimator takes one level or several and returns one interval per level.
import { MethodsInputError } from "./errors.ts";

/** The two levels PHE/UKHSA Fingertips publishes: 95% and 99.8%. */
export const FINGERTIPS_LEVELS: readonly number[] = [0.95, 0.998];

export type ConfidenceInput = number | readonly number[];

export interface Interval {
  /** Two-sided confidence level as a fraction, e.g. 0.95. */
  confidence: number;
  /** Lower limit, or null where the method does not define one (e.g. Byars below zero). */
  lower: number | null;
  upper: number | null;
}

/** Normalise a level or list of levels; each must be a fraction strictly between 0 and 1. */
export function levels(confidence: ConfidenceInput | undefined, field = "confidence"): number[] {
  const list =
    confidence === undefined
      ? [...FINGERTIPS_LEVELS]
      : typeof confidence === "number"
        ? [confidence]
        : [...confidence];
  if (list.length === 0)
    throw new MethodsInputError("invalid_confidence", field, "give at least one confidence level");
  list.forEach((c, i) => {
    if (typeof c !== "number" || !(c > 0 && c < 1)) {
      throw new MethodsInputError(
        "invalid_confidence",
        list.length > 1 ? `${field}[${i}]` : field,
        `must be a fraction between 0 and 1 (e.g. 0.95 for 95%), got ${String(c)}`,
      );
    }
  });
  return list;
}

/** Build one interval per level with the given limit function. */
export function intervals(
  confidence: ConfidenceInput | undefined,
  limits: (level: number) => readonly [number | null, number | null],
): Interval[] {
  return levels(confidence).map((level) => {
    const [lower, upper] = limits(level);
    return { confidence: level, lower, upper };
  });
}
