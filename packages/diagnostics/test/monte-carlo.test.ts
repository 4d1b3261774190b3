// The Monte Carlo: reproducible by seed, run 0 the deterministic baseline, parameters drawn
// up front, and scenario changes that move the lists the way arithmetic says they must.
import { describe, expect, it } from "vitest";
import { drawParameters, type ListBaseline, runMonteCarlo } from "../src/monte-carlo.ts";
import { ScenarioValidationError, validateScenario } from "../src/scenario.ts";

const WEEKS = 52;
const list = (trust: string, over: Partial<ListBaseline> = {}): ListBaseline => ({
  trust,
  modality: "MR",
  urgent: [5, 2],
  routine: [40, 40, 38, 36, 30, 25, 20, 15, 10, 5],
  demand: Array(WEEKS).fill(50),
  demandLevelSe: 0.03,
  demandDispersion: 1.2,
  urgentShare: 0.2,
  capacity: Array(WEEKS).fill(50),
  leadWeeks: 1,
  ...over,
});

describe("the waiting-list Monte Carlo", () => {
  const input = {
    firstWeek: "2026-04-06",
    lists: [list("AAA"), list("BBB", { capacity: Array(WEEKS).fill(53) })],
    scenario: validateScenario({ name: "base", weeks: WEEKS }),
    runs: 200,
    seed: 42,
  };

  it("gives identical output for the same seed and inputs, and different output for another seed", () => {
    const a = runMonteCarlo(input);
    const b = runMonteCarlo(input);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = runMonteCarlo({ ...input, seed: 43 });
    expect(JSON.stringify(c.series)).not.toBe(JSON.stringify(a.series));
    // Run 0 does not depend on the seed.
    expect(c.series[0]?.points.map((p) => p.baseline)).toEqual(a.series[0]?.points.map((p) => p.baseline));
  });

  it("draws every run's parameters up front: run 0 central, the rest from the seed", () => {
    const p = drawParameters(input);
    expect(p).toHaveLength(201);
    expect(p[0]).toEqual({ run: 0, seed: 0, growth: 0, demandLevel: [1, 1], capacityAchieved: [1, 1] });
    expect(new Set(p.slice(1).map((r) => r.seed)).size).toBe(200);
    const levels = p.slice(1).map((r) => Math.log(r.demandLevel[0] as number));
    const sd = Math.sqrt(levels.reduce((a, x) => a + x * x, 0) / levels.length);
    expect(sd).toBeGreaterThan(0.02);
    expect(sd).toBeLessThan(0.04);
  });

  it("reports monthly censuses with P10 ≤ P50 ≤ P90 for the network, each trust and each list", () => {
    const r = runMonteCarlo(input);
    expect(r.series.map((s) => s.level)).toEqual(["network", "trust", "trust", "list", "list"]);
    const months = r.series[0]?.points.map((p) => p.month) ?? [];
    expect(months[0]).toBe("2026-04");
    expect(months).toHaveLength(12);
    for (const s of r.series)
      for (const p of s.points) {
        expect(p.waiting.p10).toBeLessThanOrEqual(p.waiting.p50);
        expect(p.waiting.p50).toBeLessThanOrEqual(p.waiting.p90);
        expect(p.over6Share.p90).toBeLessThanOrEqual(1);
      }
    // The network is the sum of its lists in run 0.
    const net = r.series[0]?.points[5]?.baseline.waiting ?? 0;
    const sum =
      (r.series[3]?.points[5]?.baseline.waiting ?? 0) + (r.series[4]?.points[5]?.baseline.waiting ?? 0);
    expect(net).toBeCloseTo(sum, 9);
  });

  it("run 0 follows the arithmetic: capacity 3 a week above demand takes 3 a week off the list", () => {
    const r = runMonteCarlo(input);
    const bbb = r.series.find((s) => s.level === "list" && s.trust === "BBB")?.points ?? [];
    const start = 7 + 259;
    // The April census closes the third week (6–12, 13–19 and 20–26 April).
    expect(bbb[0]?.censusDate).toBe("2026-04-26");
    expect(bbb[0]?.baseline.waiting).toBeCloseTo(start - 3 * 3, 9);
  });

  it("extra sessions and mutual aid move the lists as they should", () => {
    const scenario = validateScenario({
      name: "help",
      weeks: WEEKS,
      changes: [
        {
          kind: "extra_sessions",
          trust: "AAA",
          modality: "MR",
          testsPerWeek: 10,
          from: "2026-04-06",
          to: "2026-06-28",
        },
        {
          kind: "mutual_aid",
          fromTrust: "AAA",
          toTrust: "BBB",
          modality: "MR",
          patientsPerWeek: 2,
          from: "2026-07-06",
        },
      ],
    });
    const base = runMonteCarlo(input);
    const help = runMonteCarlo({ ...input, scenario });
    const at = (r: typeof base, trust: string, month: string) =>
      r.series.find((s) => s.level === "list" && s.trust === trust)?.points.find((p) => p.month === month)
        ?.baseline.waiting ?? 0;
    // 12 weeks of 10 extra tests: 120 fewer waiting by the end of June.
    expect(at(base, "AAA", "2026-06") - at(help, "AAA", "2026-06")).toBeCloseTo(120, 6);
    // From July AAA sends 2 a week to BBB.
    expect(at(base, "BBB", "2026-09") - at(help, "BBB", "2026-09")).toBeLessThan(0);
    const pAAA = help.series.find((s) => s.trust === "AAA" && s.level === "list")?.points.at(-1);
    expect(pAAA?.over6Share.p50).toBeLessThan(
      base.series.find((s) => s.trust === "AAA" && s.level === "list")?.points.at(-1)?.over6Share.p50 ?? 0,
    );
  });
});

describe("scenario validation", () => {
  it("names each problem with its path", () => {
    expect(() =>
      validateScenario({
        name: "x",
        weeks: 1000,
        changes: [
          { kind: "new_scanner", trust: "RM3", modality: "XX", from: "2026-01-01" },
          { kind: "teleport" },
        ],
      }),
    ).toThrow(ScenarioValidationError);
    try {
      validateScenario({
        name: "x",
        weeks: 1000,
        changes: [
          { kind: "new_scanner", trust: "RM3", modality: "XX", from: "2026-01-01" },
          { kind: "teleport" },
        ],
      });
    } catch (e) {
      const issues = (e as ScenarioValidationError).issues.map((i) => `${i.path} ${i.message}`);
      expect(issues).toContain("/weeks must be <= 156");
      expect(issues).toContain("/changes/0 'testsPerWeek' is required");
      expect(issues.some((i) => i.startsWith("/changes/0/modality must be one of"))).toBe(true);
      expect(issues.some((i) => i.startsWith("/changes/1/kind must be one of extra_sessions"))).toBe(true);
    }
    expect(() =>
      validateScenario({
        name: "x",
        changes: [
          { kind: "downtime", trust: "A", modality: "CT", share: 0.5, from: "2026-02-01", to: "2026-01-01" },
        ],
      }),
    ).toThrow(/before `from`/);
  });
});
