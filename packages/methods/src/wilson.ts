// Wilson score interval for a proportion, without continuity correction.
// Wilson EB, J Am Stat Assoc 1927;22:209-12; Newcombe & Altman in Statistics with Confidence (2000).
import { zFor } from "./normal.ts";

export function wilsonLower(numerator: number, denominator: number, confidence: number): number {
  const z = zFor(confidence);
  const spread = z * Math.sqrt(z * z + 4 * numerator * (1 - numerator / denominator));
  return (2 * numerator + z * z - spread) / (2 * (denominator + z * z));
}

export function wilsonUpper(numerator: number, denominator: number, confidence: number): number {
  const z = zFor(confidence);
  const spread = z * Math.sqrt(z * z + 4 * numerator * (1 - numerator / denominator));
  return (2 * numerator + z * z + spread) / (2 * (denominator + z * z));
}
