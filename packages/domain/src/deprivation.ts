// Area deprivation measures derived for the clinical risk equations. QRISK3 and QDiabetes take
// the Townsend deprivation score of the person's area; no published LSOA Townsend table is in
// the shared data, so it is derived from the area's national IMD 2025 rank: both rank small
// areas by material deprivation (they correlate at about 0.9), and Townsend, the sum of four
// census z-scores (unemployment, households without a car, not owner-occupied, overcrowded),
// has mean 0 and a standard deviation of about 3.4 across small areas. So an area at national
// IMD percentile u gets 3.4·Φ⁻¹(u), most deprived positive. This keeps each area's place in
// England's order and Townsend's scale; it cannot reproduce where the two indices disagree
// (e.g. areas with low car ownership but low health deprivation). docs/clinical-scores.md.

/** Standard deviation of Townsend scores across small areas in England (census 2011). */
export const TOWNSEND_SD = 3.4;

// Acklam's rational approximation to the normal quantile (relative error below 1.2e-9).
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

function normalQuantile(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = A as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = B as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = C as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = D as [number, number, number, number];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}

/** The range QRISK3 and QDiabetes accept; the normal tails of the least deprived areas go below it. */
export const TOWNSEND_RANGE = [-10, 15] as const;

/**
 * Townsend score of an area from its national IMD rank (1 = most deprived of `areas`):
 * TOWNSEND_SD · Φ⁻¹(1 − (rank − ½) / areas), held within TOWNSEND_RANGE.
 */
export function townsendFromImdRank(rank: number, areas: number): number {
  if (!(rank >= 1 && rank <= areas)) throw new RangeError(`IMD rank ${rank} is not between 1 and ${areas}`);
  const t = TOWNSEND_SD * normalQuantile(1 - (rank - 0.5) / areas);
  return Math.min(TOWNSEND_RANGE[1], Math.max(TOWNSEND_RANGE[0], t));
}
