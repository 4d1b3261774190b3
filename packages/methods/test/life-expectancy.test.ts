// Life expectancy (Chiang II, Silcocks limits) against PHEindicatormethods' own expected
// values (fixture phe-life-expectancy.json, copied from testLifeExpectancy.R). Precision:
// values to 1e-7 absolute; limits to 4 decimal places, as the source tests them (its
// expected limits were computed with z = 1.96 rather than qnorm(0.975)).
import { describe, expect, it } from "vitest";
import { LIFE_TABLE_START_AGES, lifeExpectancy, MethodsInputError } from "../src/index.ts";
import { fixture, readJson } from "./vectors.ts";

interface Case {
  populations: number[];
  deaths: number[];
  value: (number | null)[];
  lowercl: number[];
  uppercl: number[];
}
const f = readJson<{ startAges: number[]; df1: Case; widecis: Case; widecisArea1Deaths90: number }>(
  fixture("phe-life-expectancy.json"),
);
const dp4 = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 5e-5;

function expectCase(c: Case, startAges = f.startAges) {
  const rows = lifeExpectancy({ startAges, populations: c.populations, deaths: c.deaths, confidence: 0.95 });
  expect(rows.map((r) => r.startAge)).toEqual(LIFE_TABLE_START_AGES);
  rows.forEach((r, i) => {
    const v = c.value[i] ?? null;
    if (v === null) expect(r.value).toBeNull();
    else expect(Math.abs((r.value as number) - v)).toBeLessThan(1e-7);
    expect(dp4(r.lower, c.lowercl[i] ?? null)).toBe(true);
    expect(dp4(r.upper, c.uppercl[i] ?? null)).toBe(true);
  });
  return rows;
}

describe("lifeExpectancy", () => {
  it("matches PHE's expected table (df1 / answer1)", () => {
    expectCase(f.df1);
  });

  it("sorts bands given in any order (the source's df2 case)", () => {
    const order = [...f.startAges.keys()].reverse();
    const c = f.df1;
    const rows = lifeExpectancy({
      startAges: order.map((i) => f.startAges[i] as number),
      populations: order.map((i) => c.populations[i] as number),
      deaths: order.map((i) => c.deaths[i] as number),
    });
    expect(rows[0]?.startAge).toBe(0);
    expect(Math.abs((rows[0]?.value as number) - (c.value[0] as number))).toBeLessThan(1e-7);
  });

  it("suppresses values whose 95% interval is wider than 20 years, keeping the limits (answer_widecis)", () => {
    const rows = expectCase(f.widecis);
    expect(rows[9]?.suppressed).toMatch(/20 years/);
  });

  it("suppresses the whole table when deaths exceed population (answer_widecis, Area 1)", () => {
    const deaths = [...f.widecis.deaths];
    deaths[19] = f.widecisArea1Deaths90;
    const rows = lifeExpectancy({ startAges: f.startAges, populations: f.widecis.populations, deaths });
    expect(rows.every((r) => r.value === null && r.lower === null && r.upper === null)).toBe(true);
    expect(rows[0]?.suppressed).toMatch(/more deaths than population/);
  });

  it("applies PHE's other suppression rules: negative deaths, zero population, total population <= 5,000", () => {
    const c = f.df1;
    const neg = [...c.deaths];
    neg[3] = -5;
    expect(
      lifeExpectancy({ startAges: f.startAges, populations: c.populations, deaths: neg })[0]?.suppressed,
    ).toMatch(/negative deaths/);
    const zeroPop = [...c.populations];
    zeroPop[5] = 0;
    expect(
      lifeExpectancy({ startAges: f.startAges, populations: zeroPop, deaths: c.deaths })[0]?.value,
    ).toBeNull();
    const small = lifeExpectancy({
      startAges: f.startAges,
      populations: c.populations.map(() => 200),
      deaths: c.deaths.map(() => 5),
    });
    expect(small[0]?.suppressed).toMatch(/5,000/);
  });

  it("gives the same 99.8% limits whichever way they are asked for, wider than 95%", () => {
    const a = lifeExpectancy({
      startAges: f.startAges,
      populations: f.df1.populations,
      deaths: f.df1.deaths,
      confidence: 0.998,
    });
    expect((a[0]?.lower as number) < (f.df1.lowercl[0] as number)).toBe(true);
  });

  it("rejects a missing age band, mismatched lengths and a bad confidence", () => {
    const c = f.df1;
    expect(() =>
      lifeExpectancy({
        startAges: f.startAges.slice(0, 19),
        populations: c.populations.slice(0, 19),
        deaths: c.deaths.slice(0, 19),
      }),
    ).toThrow(MethodsInputError);
    expect(() =>
      lifeExpectancy({ startAges: f.startAges, populations: c.populations.slice(1), deaths: c.deaths }),
    ).toThrow(/elements/);
    expect(() =>
      lifeExpectancy({
        startAges: f.startAges,
        populations: c.populations,
        deaths: c.deaths,
        confidence: 95,
      }),
    ).toThrow(/fraction/);
  });
});
