// SPC against NHSRplotthedots (shared vectors nhsrplotthedots/): XmR limits to the printed
// precision of the source's snapshots (7 significant figures: 1e-6 relative), the facet case
// to 3 significant figures, rule helpers and precedence exactly, assurance icons exactly.
import { describe, expect, it } from "vitest";
import type { SpecialCauseType } from "../src/index.ts";
import {
  assuranceIcon,
  partOfRun,
  partOfTwoInThree,
  runOnOneSide,
  specialCauseLabel,
  specialCauseTypes,
  trend,
  twoInThree,
  xmrChart,
} from "../src/index.ts";
import { readJson, sharedData } from "./vectors.ts";

interface XmrCases {
  y: number[];
  cases: {
    name: string;
    modify?: { index_1based: number; value: number } | null;
    screen_outliers?: boolean;
    y?: number[];
    expected: Record<string, unknown>;
    expected_3sf?: Record<string, Record<string, number>>;
  }[];
  weak_case_other_implementation: {
    y: number[];
    expected_approx: {
      mean: number;
      lpl_0dp: number;
      upl_0dp: number;
      outside_limits_index_1based: number[];
    };
  };
}
const xmr = readJson<XmrCases>(sharedData("vectors", "nhsrplotthedots", "xmr_limits_cases.json"));
const rules = readJson<Record<string, unknown>>(
  sharedData("vectors", "nhsrplotthedots", "special_cause_rule_unit_cases.json"),
);
const rel = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.abs(b);
const sig3 = (x: number) => Number(x.toPrecision(3));
const byName = (prefix: string) => {
  const c = xmr.cases.find((k) => k.name.startsWith(prefix));
  if (!c) throw new Error(`no case ${prefix}`);
  return c;
};

describe("xmrChart (NHSRplotthedots snapshots)", () => {
  it.each(["r1", "r2", "r3"])("case %s: mean and process limits", (name) => {
    const c = byName(name);
    const y = [...xmr.y];
    if (c.modify) y[c.modify.index_1based - 1] = c.modify.value;
    const chart = xmrChart({ values: y, screenOutliers: c.screen_outliers });
    const p = chart.points[0];
    expect(rel(p?.mean as number, c.expected.mean_col as number, 1e-6)).toBe(true);
    expect(rel(p?.lowerLimit as number, c.expected.lpl as number, 1e-6)).toBe(true);
    expect(rel(p?.upperLimit as number, c.expected.upl as number, 1e-6)).toBe(true);
    const rtm = c.expected.relative_to_mean_first14 as number[] | undefined;
    if (rtm) expect(chart.points.slice(0, 14).map((q) => q.relativeToMean)).toEqual(rtm);
    if (name === "r1") {
      // common_cause: 20 in the ptd_spc snapshot; glimpse() prints only the first 8 close flags.
      expect(chart.points.filter((q) => q.pointType === "common_cause")).toHaveLength(
        c.expected.common_cause as number,
      );
      expect(chart.points.every((q) => !q.outsideLimits)).toBe(true);
      expect(chart.points.slice(0, 8).every((q) => !q.closeToLimits)).toBe(true);
      expect(chart.variation).toBe("common_cause");
    }
  });

  it("facets: each half computed alone (3 significant figures)", () => {
    const c = byName("facet");
    const halves = [xmr.y.slice(0, 10), xmr.y.slice(10)];
    halves.forEach((values, f) => {
      const e = c.expected_3sf?.[`facet${f}`] as Record<string, number>;
      const p = xmrChart({ values }).points;
      expect(sig3(p[0]?.mean as number)).toBe(e.mean_col);
      expect(sig3(p[0]?.lowerLimit as number)).toBe(e.lpl);
      expect(sig3(p[0]?.upperLimit as number)).toBe(e.upl);
      expect(p.filter((q) => q.pointType === "common_cause")).toHaveLength(e.common_cause as number);
    });
  });

  it("a rebase at the first point leaves one segment with the default limits", () => {
    const e = byName("rebase").expected;
    const p = xmrChart({ values: xmr.y, rebaseAt: [0] }).points;
    expect(new Set(p.map((q) => q.segment))).toEqual(new Set([e.rebase_group]));
    expect(sig3(p[0]?.mean as number)).toBe(e.mean_col);
    expect(sig3(p[0]?.lowerLimit as number)).toBe(e.lpl);
    expect(sig3(p[0]?.upperLimit as number)).toBe(e.upl);
  });

  it("target 0.5 with improvement 'increase' is inconsistent assurance", () => {
    expect(xmrChart({ values: xmr.y, target: 0.5, improvement: "increase" }).assurance).toBe("inconsistent");
  });

  it("two close points on opposite sides of the mean do not flag 2-in-3", () => {
    const c = byName("2-of-3");
    const p = xmrChart({ values: c.y as number[] }).points;
    expect(p.slice(-2).map((q) => q.pointType)).toEqual(c.expected.point_type_last2);
  });

  it("nhspy-plotthedots worked example (approximate: mean 2 dp, limits 0 dp)", () => {
    const w = xmr.weak_case_other_implementation;
    const p = xmrChart({ values: w.y }).points;
    const mean = p[0]?.mean ?? Number.NaN;
    expect(Number(mean.toFixed(2))).toBe(w.expected_approx.mean);
    expect(Math.round(p[0]?.lowerLimit as number)).toBe(w.expected_approx.lpl_0dp);
    expect(Math.round(p[0]?.upperLimit as number)).toBe(w.expected_approx.upl_0dp);
    expect(p.filter((q) => q.outsideLimits).map((q) => q.index + 1)).toEqual(
      w.expected_approx.outside_limits_index_1based,
    );
  });

  it("rejects non-finite values and bad options", () => {
    expect(() => xmrChart({ values: [1, Number.NaN, 3] })).toThrow(/values\[1\]/);
    expect(() => xmrChart({ values: [1, 2, 3], runLength: 1 })).toThrow(/runLength/);
    expect(() => xmrChart({ values: [1, 2, 3], rebaseAt: [5] })).toThrow(/rebaseAt/);
  });
});

type InOut = { in: number[]; out: number[] };
type CloseCase = { close: number[]; rtm: number[]; out: number[] };
const key = (prefix: string) => {
  const k = Object.keys(rules).find((name) => name.startsWith(prefix));
  if (!k) throw new Error(`no rule ${prefix}`);
  return rules[k];
};

describe("special-cause rules (NHSRplotthedots unit cases, run length 7)", () => {
  it.each(key("seven_point_one_side_mean") as InOut[])("run on one side %#", (c) =>
    expect(runOnOneSide(c.in, 7)).toEqual(c.out),
  );
  it.each(key("part_of_seven_trend") as InOut[])("part of run %#", (c) =>
    expect(partOfRun(c.in, 7)).toEqual(c.out),
  );
  it.each(key("seven_point_trend") as InOut[])("trend %#", (c) => expect(trend(c.in, 7)).toEqual(c.out));
  it.each(key("two_in_three(") as CloseCase[])("two in three %#", (c) =>
    expect(twoInThree(c.close, c.rtm)).toEqual(c.out),
  );
  it.each(key("part_of_two_in_three") as CloseCase[])("part of two in three %#", (c) =>
    expect(partOfTwoInThree(twoInThree(c.close, c.rtm), c.close)).toEqual(c.out),
  );

  it("applies the rules in precedence order with NHSRplotthedots' labels", () => {
    const c = key("special_cause_type precedence") as Record<string, (number | string)[]>;
    const types = specialCauseTypes({
      values: c.y as number[],
      relativeToMean: c.relative_to_mean as number[],
      outsideLimits: c.outside_limits as number[],
      partOfTrend: c.mocked_part_of_seven_trend as number[],
      partOfTwoInThree: c.mocked_part_of_two_in_three as number[],
      partOfShift: c.mocked_part_of_seven_one_side as number[],
    });
    expect(types.map((t: SpecialCauseType) => specialCauseLabel(t, 7))).toEqual(c.out);
  });

  it("assigns assurance as the source does", () => {
    const lim = { lower: 0, upper: 10 };
    const cases = key("assurance") as Record<string, string | null>[];
    for (const c of cases) {
      const dir = c.improvement as "increase" | "decrease" | "neutral";
      if (dir === "neutral") {
        expect(assuranceIcon(20, lim, dir)).toBeNull();
        continue;
      }
      expect(assuranceIcon(20, lim, dir)).toBe(c["target>upl"]);
      expect(assuranceIcon(-5, lim, dir)).toBe(c["target<lpl"]);
      expect(assuranceIcon(5, lim, dir)).toBe(c.else);
    }
  });

  it("makes the run length a parameter (6 as in some MDC guidance)", () => {
    expect(trend([1, 2, 3, 4, 5, 6], 6)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(runOnOneSide([1, 1, 1, 1, 1, 1], 6)).toEqual([0, 0, 0, 0, 0, 1]);
  });
});
