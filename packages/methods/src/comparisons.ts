// Comparing two groups: difference and ratio of proportions or rates with confidence
// intervals, the two-proportion z-test and Pearson's chi-squared test of independence.
import { chiSquareSurvival } from "./chi-square.ts";
import { MethodsInputError } from "./errors.ts";
import { normalCdf, zFor } from "./normal.ts";
import { nonNegative, positive } from "./validate.ts";
import { wilsonLower, wilsonUpper } from "./wilson.ts";

export interface Group {
  numerator: number;
  denominator: number;
}

export interface Comparison {
  estimate: number;
  lower: number;
  upper: number;
  confidence: number;
  method: string;
}

function checkGroup(g: Group, name: string, proportion: boolean): void {
  nonNegative(g.numerator, `${name}.numerator`);
  positive(g.denominator, `${name}.denominator`);
  if (proportion && g.numerator > g.denominator) {
    throw new MethodsInputError(
      "numerator_exceeds_denominator",
      `${name}.numerator`,
      "must not exceed its denominator",
    );
  }
}

function checkConfidence(c: number): number {
  if (!(c > 0 && c < 1))
    throw new MethodsInputError(
      "invalid_confidence",
      "confidence",
      `must be a fraction between 0 and 1, got ${c}`,
    );
  return c;
}

/**
 * p1 − p2 with Newcombe's hybrid score interval (method 10 of Newcombe, Stat Med
 * 1998;17:873-90), built from each group's Wilson interval; no continuity correction.
 */
export function proportionDifference(a: Group, b: Group, confidence = 0.95): Comparison {
  checkGroup(a, "a", true);
  checkGroup(b, "b", true);
  checkConfidence(confidence);
  const p1 = a.numerator / a.denominator;
  const p2 = b.numerator / b.denominator;
  const l1 = wilsonLower(a.numerator, a.denominator, confidence);
  const u1 = wilsonUpper(a.numerator, a.denominator, confidence);
  const l2 = wilsonLower(b.numerator, b.denominator, confidence);
  const u2 = wilsonUpper(b.numerator, b.denominator, confidence);
  const d = p1 - p2;
  return {
    estimate: d,
    lower: d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
    upper: d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
    confidence,
    method: "Newcombe hybrid score",
  };
}

/** p1 / p2 with the log (Katz) interval. Both groups need at least one event. */
export function proportionRatio(a: Group, b: Group, confidence = 0.95): Comparison {
  checkGroup(a, "a", true);
  checkGroup(b, "b", true);
  checkConfidence(confidence);
  positive(a.numerator, "a.numerator");
  positive(b.numerator, "b.numerator");
  const ratio = a.numerator / a.denominator / (b.numerator / b.denominator);
  const se = Math.sqrt(1 / a.numerator - 1 / a.denominator + 1 / b.numerator - 1 / b.denominator);
  const z = zFor(confidence);
  return {
    estimate: ratio,
    lower: ratio * Math.exp(-z * se),
    upper: ratio * Math.exp(z * se),
    confidence,
    method: "log (Katz)",
  };
}

/** Difference of two rates (events / person-time) × multiplier, normal approximation. */
export function rateDifference(a: Group, b: Group, confidence = 0.95, multiplier = 100_000): Comparison {
  checkGroup(a, "a", false);
  checkGroup(b, "b", false);
  checkConfidence(confidence);
  const r1 = a.numerator / a.denominator;
  const r2 = b.numerator / b.denominator;
  const se = Math.sqrt(a.numerator / a.denominator ** 2 + b.numerator / b.denominator ** 2);
  const z = zFor(confidence);
  const d = r1 - r2;
  return {
    estimate: d * multiplier,
    lower: (d - z * se) * multiplier,
    upper: (d + z * se) * multiplier,
    confidence,
    method: "normal approximation",
  };
}

/** Ratio of two rates with the log interval: ln RR ± z √(1/x1 + 1/x2). Both need events. */
export function rateRatio(a: Group, b: Group, confidence = 0.95): Comparison {
  checkGroup(a, "a", false);
  checkGroup(b, "b", false);
  checkConfidence(confidence);
  positive(a.numerator, "a.numerator");
  positive(b.numerator, "b.numerator");
  const ratio = a.numerator / a.denominator / (b.numerator / b.denominator);
  const se = Math.sqrt(1 / a.numerator + 1 / b.numerator);
  const z = zFor(confidence);
  return {
    estimate: ratio,
    lower: ratio * Math.exp(-z * se),
    upper: ratio * Math.exp(z * se),
    confidence,
    method: "log",
  };
}

export interface TestResult {
  statistic: number;
  pValue: number;
  degreesOfFreedom?: number;
}

/** Two-sided two-proportion z-test with the pooled proportion. */
export function twoProportionZTest(a: Group, b: Group): TestResult {
  checkGroup(a, "a", true);
  checkGroup(b, "b", true);
  const p = (a.numerator + b.numerator) / (a.denominator + b.denominator);
  const se = Math.sqrt(p * (1 - p) * (1 / a.denominator + 1 / b.denominator));
  const z = (a.numerator / a.denominator - b.numerator / b.denominator) / se;
  return { statistic: z, pValue: 2 * normalCdf(-Math.abs(z)) };
}

/** Pearson's chi-squared test of independence for an r × c table of counts (no continuity correction). */
export function chiSquaredTest(table: readonly (readonly number[])[]): TestResult {
  const rows = table.length;
  const cols = table[0]?.length ?? 0;
  if (rows < 2 || cols < 2)
    throw new MethodsInputError("invalid_option", "table", "needs at least 2 rows and 2 columns");
  for (const [i, row] of table.entries()) {
    if (row.length !== cols) {
      throw new MethodsInputError(
        "length_mismatch",
        `table[${i}]`,
        `has ${row.length} columns but the first row has ${cols}`,
      );
    }
    for (const [j, v] of row.entries()) nonNegative(v, `table[${i}][${j}]`);
  }
  const rowSums = table.map((r) => r.reduce((s, v) => s + v, 0));
  const colSums = Array.from({ length: cols }, (_, j) => table.reduce((s, r) => s + (r[j] as number), 0));
  const total = rowSums.reduce((s, v) => s + v, 0);
  let stat = 0;
  for (const [i, row] of table.entries()) {
    for (const [j, observed] of row.entries()) {
      const expected = ((rowSums[i] as number) * (colSums[j] as number)) / total;
      if (expected <= 0) {
        throw new MethodsInputError("invalid_option", "table", `row ${i} or column ${j} sums to zero`);
      }
      stat += (observed - expected) ** 2 / expected;
    }
  }

  const df = (rows - 1) * (cols - 1);
  return { statistic: stat, pValue: chiSquareSurvival(stat, df), degreesOfFreedom: df };
}
