// PHEindicatormethods testdata_Mean / testdata_Mean_results: mean, sd and Student's t limits
// at 95% and 99.8%, per area and ungrouped; relative tolerance 1e-9.
import { describe, expect, it } from "vitest";
import { mean } from "../src/index.ts";
import { close, pheSheet, req } from "./vectors.ts";

const data = pheSheet("testdata_Mean__testdata_Mean.csv");
const results = pheSheet("testdata_Mean__testdata_Mean_results.csv");

describe("mean (Student's t)", () => {
  it.each(results.map((r) => [r.area, r] as const))("%s", (area, r) => {
    const values = data.filter((d) => area === "No grouping" || d.area === area).map((d) => req(d.values));
    const m = mean({ values });
    expect(m.count).toBe(req(r.value_count));
    expect(close(m.sum, req(r.value_sum), 1e-12)).toBe(true);
    expect(close(m.standardDeviation, req(r.stdev), 1e-10)).toBe(true);
    expect(close(m.value, req(r.value), 1e-12)).toBe(true);
    const [i95, i998] = m.intervals;
    expect(close(i95?.lower ?? null, req(r.lower95_0cl), 1e-9)).toBe(true);
    expect(close(i95?.upper ?? null, req(r.upper95_0cl), 1e-9)).toBe(true);
    expect(close(i998?.lower ?? null, req(r.lower99_8cl), 1e-9)).toBe(true);
    expect(close(i998?.upper ?? null, req(r.upper99_8cl), 1e-9)).toBe(true);
  });

  it("needs at least two finite values", () => {
    expect(() => mean({ values: [1] })).toThrow(/at least 2/);
    expect(() => mean({ values: [1, Number.NaN] })).toThrow(/values\[1\]/);
  });
});
