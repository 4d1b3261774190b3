import { describe, expect, it } from "vitest";
import { assignTiers, pyramid, smallestCovering } from "../src/index.ts";

describe("risk pyramid", () => {
  it("assigns 0.5% / 4.5% / 15% / 80% by rank", () => {
    const scores = Array.from({ length: 1000 }, (_, i) => i);
    const tiers = assignTiers(scores);
    const count = (t: string) => tiers.filter((x) => x === t).length;
    expect([count("very_high"), count("high"), count("moderate"), count("low")]).toEqual([5, 45, 150, 800]);
    expect(tiers[999]).toBe("very_high");
    expect(tiers[0]).toBe("low");
  });

  it("reproduces the seed's table (Roland et al. 2012) from people with its tier rates", () => {
    // 200,000 people; admissions per 1,000 in each tier as in the seed: 1170, 346, 107, 32.
    const sizes = [1000, 9000, 30000, 160000];
    const rates = [1.17, 0.346, 0.107, 0.032];
    const scores: number[] = [];
    const admissions: number[] = [];
    sizes.forEach((size, t) => {
      const total = Math.round(size * (rates[t] ?? 0));
      for (let i = 0; i < size; i++) {
        scores.push(4 - t + i / (10 * size));
        admissions.push(Math.floor(((i + 1) * total) / size) - Math.floor((i * total) / size));
      }
    });
    const p = pyramid(assignTiers(scores), admissions, admissions, 0.1);
    // Seed: 9.3%, 24.8%, 25.5%, 40%; relative rates 18.6, 5.5, 1.7, 0.5; 107.5% and 40%.
    const [vh, h, m, l] = p.tiers;
    expect(vh?.admissionShare).toBeCloseTo(0.093, 2);
    expect(h?.admissionShare).toBeCloseTo(0.248, 2);
    expect(m?.admissionShare).toBeCloseTo(0.255, 2);
    expect(l?.admissionShare).toBeCloseTo(0.4, 1);
    expect(vh?.relativeRate).toBeCloseTo(18.6, 0);
    expect(h?.relativeRate).toBeCloseTo(5.5, 0);
    expect(vh?.requiredReduction).toBeGreaterThan(1.06);
    expect(vh?.requiredReduction).toBeLessThan(1.09);
    expect(h?.requiredReduction).toBeCloseTo(0.405, 2);
    // Exact arithmetic on the constructed counts: 12,614 admissions, 1,170 in the top tier.
    expect(p.admissions).toBe(12614);
    expect(vh?.requiredReduction).toBeCloseTo(1261.4 / 1170, 12);
  });
});

describe("smallestCovering", () => {
  it("takes the largest profiles until half the admissions are covered", () => {
    const counts = [
      { profile: "a", persons: 10, admissions: 10 },
      { profile: "b", persons: 50, admissions: 30 },
      { profile: "c", persons: 20, admissions: 25 },
      { profile: "d", persons: 20, admissions: 35 },
    ];
    const out = smallestCovering(counts, 0.5);
    expect(out.map((c) => c.profile)).toEqual(["d", "b"]);
    expect(out[1]?.cumulativeShare).toBeCloseTo(0.65, 12);
    expect(out[0]?.populationShare).toBeCloseTo(0.2, 12);
  });
});
