// PHEindicatormethods testdata_DSR_ISR testresults_ISR: indirectly standardised ratios (× 1 and
// × 100) and rates (per 1,000 and 100,000), exact below 10 observed events, Byars from 10, for
// the multi-area sheet and the err2 sheet (a zero population band); relative tolerance 1e-9.
import { describe, expect, it } from "vitest";
import { indirectlyStandardisedRate, indirectlyStandardisedRatio } from "../src/index.ts";
import { close, num, pheSheet, req } from "./vectors.ts";

const expected = pheSheet("testdata_DSR_ISR__testresults_ISR.csv");
const multi = pheSheet("testdata_DSR_ISR__testdata_multiarea_isr.csv");
const err2 = pheSheet("testdata_DSR_ISR__testdata_err2.csv");
const ref = pheSheet("testdata_DSR_ISR__refdata.csv");
const zero = (c: string | undefined) => num(c) ?? 0;

function inputs(area: string) {
  const referenceCounts = ref.map((x) => req(x.refcount));
  const referencePopulations = ref.map((x) => req(x.refpop));
  const rows = area.startsWith("testdata")
    ? multi.filter((x) => x.area === area)
    : err2.filter((x) => x.area === area);
  return {
    counts: rows.map((x) => zero(x.count)),
    populations: rows.map((x) => zero(x.pop)),
    referenceCounts,
    referencePopulations,
  };
}

describe("indirectly standardised ratio and rate", () => {
  it.each(expected.map((r) => [r.area, r.statistic, r] as const))("%s: %s", (area, statistic, r) => {
    const multiplier = req(statistic?.match(/(?:per|x) (\d+)$/)?.[1]);
    const isRate = statistic?.includes("rate");
    const res = isRate
      ? indirectlyStandardisedRate({ ...inputs(area as string), multiplier })
      : indirectlyStandardisedRatio({ ...inputs(area as string), multiplier });
    expect(res.observed).toBe(req(r.observed));
    expect(close(res.expected, req(r.expected), 1e-12)).toBe(true);
    if (isRate) {
      const { referenceRate } = indirectlyStandardisedRate({ ...inputs(area as string), multiplier });
      expect(close(referenceRate, req(r.ref_rate), 1e-12)).toBe(true);
    }
    expect(close(res.value, req(r.value), 1e-9)).toBe(true);
    expect(res.method).toBe(r.method);
    const [i95, i998] = res.intervals;
    expect(close(i95?.lower ?? null, req(r.lower95_0cl), 1e-9)).toBe(true);
    expect(close(i95?.upper ?? null, req(r.upper95_0cl), 1e-9)).toBe(true);
    if (num(r.lower99_8cl) !== null) {
      expect(close(i998?.lower ?? null, req(r.lower99_8cl), 1e-9)).toBe(true);
      expect(close(i998?.upper ?? null, req(r.upper99_8cl), 1e-9)).toBe(true);
    }
  });

  it("rejects negative counts and mismatched lengths", () => {
    const base = inputs("testdata_big");
    expect(() =>
      indirectlyStandardisedRatio({ ...base, counts: base.counts.map((c, i) => (i === 2 ? -1 : c)) }),
    ).toThrow(/counts\[2\]/);
    expect(() => indirectlyStandardisedRatio({ ...base, populations: base.populations.slice(1) })).toThrow(
      /elements/,
    );
  });
});
