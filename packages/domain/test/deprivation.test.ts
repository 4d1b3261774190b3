// The Townsend derivation from IMD rank (docs/clinical-scores.md): checked against the normal
// quantile of the methods library and the properties a Townsend scale has by construction.
import { normalQuantile } from "@bevan/methods";
import { describe, expect, it } from "vitest";
import { TOWNSEND_SD, townsendFromImdRank } from "../src/deprivation.ts";

const AREAS = 33_755; // 2021 LSOAs in England, IMD 2025

describe("Townsend from the national IMD rank", () => {
  it("is TOWNSEND_SD × Φ⁻¹ of the area's percentile (most deprived positive), held within −10 to 15", () => {
    for (const rank of [1, 17, 844, 10_000, 16_878, 25_000, 33_000, AREAS]) {
      const expected = Math.max(-10, TOWNSEND_SD * normalQuantile(1 - (rank - 0.5) / AREAS));
      expect(townsendFromImdRank(rank, AREAS)).toBeCloseTo(expected, 6);
    }
    expect(townsendFromImdRank(AREAS, AREAS)).toBe(-10);
  });

  it("has mean 0 and standard deviation about 3.4 over England's areas, falls with rank, and stays within QRISK3's −10 to 15", () => {
    let sum = 0;
    let sq = 0;
    let previous = Number.POSITIVE_INFINITY;
    let rising = 0;
    for (let rank = 1; rank <= AREAS; rank++) {
      const t = townsendFromImdRank(rank, AREAS);
      if (t > previous) rising++;
      previous = t;
      sum += t;
      sq += t * t;
    }
    expect(rising).toBe(0);
    expect(Math.abs(sum / AREAS)).toBeLessThan(0.01);
    expect(Math.sqrt(sq / AREAS)).toBeGreaterThan(3.3);
    expect(Math.sqrt(sq / AREAS)).toBeLessThan(3.45);
    expect(townsendFromImdRank(1, AREAS)).toBeLessThanOrEqual(15);
    expect(townsendFromImdRank(AREAS, AREAS)).toBeGreaterThanOrEqual(-10);
  });

  it("refuses a rank outside 1 to the number of areas", () => {
    expect(() => townsendFromImdRank(0, AREAS)).toThrow(RangeError);
    expect(() => townsendFromImdRank(AREAS + 1, AREAS)).toThrow(RangeError);
  });
});
