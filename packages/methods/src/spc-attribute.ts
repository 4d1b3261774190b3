// Attribute control charts with 3-sigma limits (2-sigma "near" lines for the two-in-three
// rule): p-charts for proportions, u-charts for rates per unit of exposure, c-charts for
// counts. The centre line is the pooled average; limits vary with each point's size.
import { MethodsInputError } from "./errors.ts";
import type { Lines, RuleOptions, SpcPoint, SpcSummary } from "./spc-chart.ts";
import { evaluate } from "./spc-chart.ts";
import { checkEach, nonNegative, positive, sameLength, sum } from "./validate.ts";

export interface AttributeChart extends SpcSummary {
  points: SpcPoint[];
}

function lines(centre: number, sigma: number, floor: number, ceiling: number): Lines {
  return {
    mean: centre,
    lower: Math.max(floor, centre - 3 * sigma),
    upper: Math.min(ceiling, centre + 3 * sigma),
    lowerNear: Math.max(floor, centre - 2 * sigma),
    upperNear: Math.min(ceiling, centre + 2 * sigma),
  };
}

/** p-chart: the proportion numerators[i] / denominators[i] against the pooled proportion. */
export function pChart(
  options: RuleOptions & { numerators: readonly number[]; denominators: readonly number[] },
): AttributeChart {
  const { numerators, denominators } = options;
  sameLength({ numerators, denominators });
  checkEach(numerators, "numerators", nonNegative);
  checkEach(denominators, "denominators", positive);
  numerators.forEach((x, i) => {
    if (x > (denominators[i] as number)) {
      throw new MethodsInputError(
        "numerator_exceeds_denominator",
        `numerators[${i}]`,
        "must not exceed its denominator",
      );
    }
  });
  const p = sum(numerators) / sum(denominators);
  const values = numerators.map((x, i) => x / (denominators[i] as number));
  const ls = denominators.map((n) => lines(p, Math.sqrt((p * (1 - p)) / n), 0, 1));
  const { points, summary } = evaluate(
    values,
    values.map(() => 0),
    ls,
    options,
  );
  return { points, ...summary };
}

/** u-chart: events per unit of exposure against the pooled rate. */
export function uChart(
  options: RuleOptions & { counts: readonly number[]; exposures: readonly number[] },
): AttributeChart {
  const { counts, exposures } = options;
  sameLength({ counts, exposures });
  checkEach(counts, "counts", nonNegative);
  checkEach(exposures, "exposures", positive);
  const u = sum(counts) / sum(exposures);
  const values = counts.map((c, i) => c / (exposures[i] as number));
  const ls = exposures.map((n) => lines(u, Math.sqrt(u / n), 0, Number.POSITIVE_INFINITY));
  const { points, summary } = evaluate(
    values,
    values.map(() => 0),
    ls,
    options,
  );
  return { points, ...summary };
}

/** c-chart: counts from equal-sized opportunities against their mean. */
export function cChart(options: RuleOptions & { counts: readonly number[] }): AttributeChart {
  const { counts } = options;
  checkEach(counts, "counts", nonNegative);
  if (counts.length === 0) throw new MethodsInputError("empty_input", "counts", "must not be empty");
  const c = sum(counts) / counts.length;
  const ls = counts.map(() => lines(c, Math.sqrt(c), 0, Number.POSITIVE_INFINITY));
  const { points, summary } = evaluate(
    counts,
    counts.map(() => 0),
    ls,
    options,
  );
  return { points, ...summary };
}
