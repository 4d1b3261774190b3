// The demand forecast against planted truth: weekly counts simulated from a known model (trend,
// season, bank holidays, overdispersion) are fitted back, and its 80% and 95% intervals cover
// the held-back weeks at their nominal rates; the published schemas are the validators' own.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { backtest, ForecastInputError, forecastWeekly, weekCovariates } from "../src/forecast.ts";
import { NETWORK_SCHEMA } from "../src/mutual-aid-network.ts";
import { Random } from "../src/random.ts";
import { SCENARIO_SCHEMA } from "../src/scenario.ts";

const DAY = 86_400_000;
const TRUTH = [Math.log(120), Math.log(1.06), 0.08, 0.03, -0.02, 0.01, -0.2, -0.5];

function plantedSeries(seed: number, weeks: number, dispersion: number) {
  const rng = new Random(seed, 3);
  const first = Date.parse("2022-10-03T00:00:00Z") / DAY;
  const out = { weeks: [] as string[], counts: [] as number[] };
  for (let i = 0; i < weeks; i++) {
    const day = first + 7 * i;
    const x = weekCovariates(day, (7 * i) / 365.25);
    const mu = Math.exp(x.reduce((a, v, j) => a + v * (TRUTH[j] as number), 0));
    out.weeks.push(new Date(day * DAY).toISOString().slice(0, 10));
    out.counts.push(rng.count(mu, dispersion));
  }
  return out;
}

describe("weekly demand forecast", () => {
  it("recovers the planted trend, season and holiday effects", () => {
    const s = plantedSeries(1, 260, 1.5);
    const f = forecastWeekly(s, { horizon: 26, seed: 1 });
    const c = f.model.coefficients;
    expect(f.model.trendPerYear).toBeCloseTo(0.06, 1);
    expect(c.sin1).toBeCloseTo(0.08, 1);
    expect(c.bank_holidays).toBeCloseTo(-0.2, 1);
    expect(f.model.dispersion).toBeGreaterThan(1.2);
    expect(f.model.dispersion).toBeLessThan(1.8);
    for (let h = 0; h < 26; h++) {
      expect(f.p10[h]).toBeLessThanOrEqual(f.p90[h] as number);
      expect(f.p025[h]).toBeLessThanOrEqual(f.p10[h] as number);
    }
  });

  it("its 80% intervals cover 75–85% of held-back weeks on planted series (95%: 92–98%)", () => {
    const series = Array.from({ length: 12 }, (_, i) => plantedSeries(100 + i, 208, 1 + (i % 3) * 0.5));
    const b = backtest(series, { horizon: 26, origins: [52, 26], seed: 9, draws: 1000 });
    expect(b.weeks).toBe(12 * 2 * 26);
    expect(b.covered80).toBeGreaterThan(0.75);
    expect(b.covered80).toBeLessThan(0.85);
    expect(b.covered95).toBeGreaterThan(0.92);
    expect(b.covered95).toBeLessThan(0.98);
  });

  it("is reproducible by seed and refuses short or broken series", () => {
    const s = plantedSeries(2, 80, 1);
    expect(JSON.stringify(forecastWeekly(s, { horizon: 8, seed: 5 }))).toBe(
      JSON.stringify(forecastWeekly(s, { horizon: 8, seed: 5 })),
    );
    expect(() =>
      forecastWeekly({ weeks: s.weeks.slice(0, 10), counts: s.counts.slice(0, 10) }, { horizon: 4, seed: 1 }),
    ).toThrow(ForecastInputError);
    expect(() =>
      forecastWeekly(
        { weeks: s.weeks, counts: s.counts.map((c, i) => (i === 3 ? -1 : c)) },
        { horizon: 4, seed: 1 },
      ),
    ).toThrow(/negative/);
  });
});

describe("published schemas", () => {
  const root = join(import.meta.dirname, "..");
  it.each([
    ["scenario.schema.json", SCENARIO_SCHEMA],
    ["mutual-aid-network.schema.json", NETWORK_SCHEMA],
  ])("%s is the validator's schema", (file, schema) => {
    const expected = `${JSON.stringify(schema, null, 2)}\n`;
    expect(readFileSync(join(root, file), "utf8")).toBe(expected);
  });
});
