// Making Data Count icons: variation (from the latest point) and assurance (target vs limits).
import type { ImprovementDirection, PointType } from "./spc-rules.ts";

export type VariationIcon =
  | "common_cause"
  | "improvement_high"
  | "improvement_low"
  | "concern_high"
  | "concern_low"
  | "neutral_high"
  | "neutral_low";

export type AssuranceIcon = "consistent_pass" | "consistent_fail" | "inconsistent";

/** The variation icon for the latest point's type. */
export function variationIcon(latest: PointType, improvement: ImprovementDirection): VariationIcon {
  switch (latest) {
    case "common_cause":
      return "common_cause";
    case "special_cause_neutral_high":
      return "neutral_high";
    case "special_cause_neutral_low":
      return "neutral_low";
    case "special_cause_improvement":
      return improvement === "decrease" ? "improvement_low" : "improvement_high";
    case "special_cause_concern":
      return improvement === "decrease" ? "concern_high" : "concern_low";
    default:
      return "common_cause";
  }
}

/**
 * The assurance icon: whether the process will consistently hit or miss a target, judged
 * against the latest point's limits. Null without a target or improvement direction.
 */
export function assuranceIcon(
  target: number | undefined,
  limits: { lower: number; upper: number },
  improvement: ImprovementDirection,
): AssuranceIcon | null {
  if (target === undefined || improvement === "neutral") return null;
  if (target > limits.upper) return improvement === "increase" ? "consistent_fail" : "consistent_pass";
  if (target < limits.lower) return improvement === "increase" ? "consistent_pass" : "consistent_fail";
  return "inconsistent";
}
