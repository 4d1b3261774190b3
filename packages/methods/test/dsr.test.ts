// PHEindicatormethods testdata_DSR_ISR: DSRs with Dobson limits per 10,000 and 100,000 for the
// multi-area sheet (ESP2013), the 1976 sheet (ESP1976; its 99.8% limits are wrong ×10 in the
// source and are not tested), and non-independent events; relative tolerance 1e-9 (1e-8 for
// the non-independent results, which the source rounds to 8 decimal places).
import { describe, expect, it } from "vitest";
import {
  directlyStandardisedRate,
  directlyStandardisedRateNonIndependent,
  MethodsInputError,
} from "../src/index.ts";
import { close, num, pheSheet, req } from "./vectors.ts";

const expected = pheSheet("testdata_DSR_ISR__testresults_DSR.csv");
const multiarea = pheSheet("testdata_DSR_ISR__testdata_multiarea.csv");
const std1976 = pheSheet("testdata_DSR_ISR__testdata_1976.csv");
const nonindep = pheSheet("testdata_DSR_ISR__testdata_nonindepe.csv");
const zero = (c: string | undefined) => num(c) ?? 0;

function check(
  result: ReturnType<typeof directlyStandardisedRate>,
  r: Record<string, string>,
  rel: number,
  skip998 = false,
) {
  expect(result.totalCount).toBe(req(r.total_count));
  expect(result.totalPopulation).toBe(req(r.total_pop));
  expect(close(result.value, num(r.value), rel)).toBe(true);
  const [i95, i998] = result.intervals;
  expect(close(i95?.lower ?? null, num(r.lower95_0cl), rel)).toBe(true);
  expect(close(i95?.upper ?? null, num(r.upper95_0cl), rel)).toBe(true);
  if (!skip998) {
    expect(close(i998?.lower ?? null, num(r.lower99_8cl), rel)).toBe(true);
    expect(close(i998?.upper ?? null, num(r.upper99_8cl), rel)).toBe(true);
  }
}

describe("directly standardised rate (Dobson)", () => {
  const independent = expected.filter((r) => r.method === "Dobson");
  it.each(independent.map((r) => [r.area, r.statistic, r] as const))("%s: %s", (area, statistic, r) => {
    const multiplier = statistic?.includes("10000") && !statistic.includes("100000") ? 10_000 : 100_000;
    if (area === "testdata_1976") {
      const res = directlyStandardisedRate({
        counts: std1976.map((x) => req(x.count)),
        populations: std1976.map((x) => req(x.pop)),
        standardPopulation: std1976.map((x) => req(x.esp1976)),
        multiplier,
      });
      check(res, r, 1e-9, true);
      return;
    }
    const rows = multiarea.filter((x) => x.area === area);
    const res = directlyStandardisedRate({
      counts: rows.map((x) => zero(x.count)),
      populations: rows.map((x) => req(x.pop)),
      multiplier,
    });
    check(res, r, 1e-9);
    if (num(r.value) === null) expect(res.lower).toBeNull();
  });

  const adjusted = expected.filter((r) => r.method?.startsWith("Dobson, with"));
  it.each(adjusted.map((r) => [r.area, r] as const))("non-independent events: %s", (area, r) => {
    const rows = nonindep.filter((x) => x.area === area);
    const personsByEventCount = rows.map((x) => {
      const byCount: Record<number, number> = {};
      for (const k of [1, 2, 3, 4]) {
        const v = num(x[`f${k}`]);
        if (v !== null) byCount[k] = v;
      }
      return byCount;
    });
    const res = directlyStandardisedRateNonIndependent({
      populations: rows.map((x) => req(x.pop)),
      personsByEventCount,
    });
    check(res, r, 1e-8);
    expect(res.method).toBe(r.method);
  });

  it("rejects the source's invalid inputs (err1 negative count, err2 zero population, err3 negative population, err4 negative standard)", () => {
    const sheet = (n: number) => pheSheet(`testdata_DSR_ISR__testdata_err${n}.csv`);
    const run = (rows: Record<string, string>[]) =>
      directlyStandardisedRate({
        counts: rows.map((x) => req(x.count)),
        populations: rows.map((x) => req(x.pop)),
        standardPopulation: rows.map((x) => req(x.stdpop)),
      });
    expect(() => run(sheet(1))).toThrow(/counts\[5\]/);
    expect(() => run(sheet(3))).toThrow(/populations\[1\]/);
    expect(() => run(sheet(4))).toThrow(/standardPopulation\[5\]/);
    const err2 = sheet(2).filter((x) => x.area === "Area1");
    expect(() =>
      directlyStandardisedRate({
        counts: err2.map((x) => req(x.count)),
        populations: err2.map((x) => req(x.pop)),
      }),
    ).toThrow(MethodsInputError);
    expect(() => directlyStandardisedRate({ counts: [1, 2], populations: [10, 10] })).toThrow(
      /length|elements/,
    );
  });
});
