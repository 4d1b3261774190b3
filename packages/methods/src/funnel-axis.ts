// The 100-point x axis PHE/UKHSA use for funnel plots (PHEindicatormethods::calculate_funnel_limits):
// from a rounded-down minimum (or 1) to a rounded-up maximum, spaced geometrically, whole numbers.

/** Round half to even, as R's round() does. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Number of characters R prints for a whole number: R switches to scientific notation when that
 * is strictly shorter (100000 prints as "1e+05"), and PHE's axis rounding counts those characters.
 */
export function rCharacterCount(whole: number): number {
  const fixed = String(Math.abs(whole)).length + (whole < 0 ? 1 : 0);
  if (whole === 0) return 1;
  const digits = String(Math.abs(whole)).replace(/0+$/, "");
  const exponent = String(Math.abs(whole)).length - 1;
  const mantissa = digits.length === 1 ? 1 : digits.length + 1;
  const sci = mantissa + (exponent >= 100 ? 5 : 4) + (whole < 0 ? 1 : 0);
  return Math.min(sci, fixed);
}

/** Round 95% of x down to its leading digit (PHE's signif.floor). */
export function axisFloor(x: number): number {
  if (x === 0) return 0;
  const n = rCharacterCount(Math.floor(x * 0.95)) - 1;
  return Math.floor((x * 0.95) / 10 ** n) * 10 ** n;
}

/** Round 105% of x up to its two leading digits (PHE's signif.ceiling). */
export function axisCeiling(x: number): number {
  if (x === 0) return 0;
  const n = rCharacterCount(Math.ceil(x * 1.05)) - 2;
  return Math.ceil((x * 1.05) / 10 ** n) * 10 ** n;
}

/**
 * The axis minimum and maximum for a set of denominators: the minimum is 0 when the largest
 * denominator is more than twice the smallest, otherwise the rounded-down smallest.
 */
export function axisRange(min: number, max: number, yearsOfData = 1): { min: number; max: number } {
  return {
    min: max > 2 * min ? 0 : axisFloor(min / yearsOfData) * yearsOfData,
    max: axisCeiling(max / yearsOfData) * yearsOfData,
  };
}

/**
 * 100 whole-number points from max(1, min) to about max, geometrically spaced; `ratioOffset`
 * reproduces PHE's one-step shift in the exponent for ratio funnels.
 */
export function axisPoints(min: number, max: number, ratioOffset = false): number[] {
  const points = [Math.max(1, min)];
  for (let j = 2; j <= 100; j++) {
    const prev = points[points.length - 1] as number;
    const remaining = 101 - (ratioOffset ? j - 1 : j);
    points.push(Math.max(roundHalfEven((max / prev) ** (1 / remaining) * prev), prev + 1));
  }
  return points;
}
