// The waiting-list model against closed forms: the idle-slot distribution against brute
// enumeration of every order of arrivals and slots, and the long-run mean list against the
// queue formulas (for Poisson flows, M/M/1: ρ / (1 − ρ)) at three loads.
import { describe, expect, it } from "vitest";
import { meanListAtCapacity, meanWaitAtCapacity, planList } from "../src/queue-planning.ts";
import { Random } from "../src/random.ts";
import { census, emptyList, idleSlots, listFrom, stepWeek } from "../src/waiting-list-model.ts";

/** P(lost = j) by listing every ordering of a arrivals and s slots. */
function enumerateIdle(ready: number, a: number, s: number): number[] {
  const counts: number[] = [];
  let total = 0;
  const n = a + s;
  for (let mask = 0; mask < 1 << n; mask++) {
    let ones = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) ones++;
    if (ones !== s) continue;
    let queue = ready;
    let lost = 0;
    for (let i = 0; i < n; i++) {
      if (mask & (1 << i)) {
        if (queue > 0) queue--;
        else lost++;
      } else queue++;
    }
    counts[lost] = (counts[lost] ?? 0) + 1;
    total++;
  }
  return [...counts].map((c) => (c ?? 0) / total);
}

describe("idle slots", () => {
  it.each([
    [0, 3, 4],
    [1, 4, 5],
    [2, 6, 6],
    [0, 0, 5],
    [3, 2, 7],
  ])("ready %i, %i arrivals, %i slots: the distribution of lost slots matches enumeration", (ready, a, s) => {
    const exact = enumerateIdle(ready, a, s);
    const rng = new Random(11);
    const draws = 40_000;
    const seen: number[] = [];
    for (let i = 0; i < draws; i++) {
      const j = idleSlots(ready, a, s, rng);
      seen[j] = (seen[j] ?? 0) + 1;
    }
    exact.forEach((p, j) => {
      const q = (seen[j] ?? 0) / draws;
      expect(Math.abs(q - p), `P(lost = ${j})`).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / draws) + 1e-9);
    });
    expect(seen.length).toBeLessThanOrEqual(exact.length);
  });
});

describe("the simulator against the queue formulas", () => {
  it("the inverse of target capacity is the M/M/1 mean time in system", () => {
    expect(meanWaitAtCapacity(8, 10)).toBeCloseTo(1 / (10 - 8), 14);
    expect(meanListAtCapacity(9, 10)).toBeCloseTo(0.9 / (1 - 0.9), 12);
    expect(meanWaitAtCapacity(10, 10)).toBe(Number.POSITIVE_INFINITY);
  });

  it.each([0.5, 0.8, 0.9])("load %f: the long-run mean list is within 5% of the formula's", (load) => {
    const capacity = 20;
    const demand = load * capacity;
    const rng = new Random(2026, Math.round(load * 100));
    const list = emptyList();
    const weeks = 200_000;
    let sum = 0;
    for (let w = 0; w < weeks + 500; w++) {
      stepWeek(
        list,
        { urgentArrivals: 0, routineArrivals: rng.poisson(demand), capacity: rng.poisson(capacity) },
        0,
        rng,
      );
      if (w >= 500) sum += census(list).waiting;
    }
    const simulated = sum / weeks;
    const formula = meanListAtCapacity(demand, capacity);
    expect(Math.abs(simulated - formula) / formula).toBeLessThan(0.05);
  });
});

describe("one week of a list", () => {
  it("sees urgent patients first and routine ones longest-waiting first, after their lead time", () => {
    const list = listFrom([2], [5, 5, 5, 5, 0, 0, 0, 4]);
    const seen = stepWeek(list, { urgentArrivals: 3, routineArrivals: 10, capacity: 12 }, 2, null);
    expect(seen).toBe(12);
    // 5 urgent; then 7 routine: the 4 at 7 weeks, 3 of the 5 at 3 weeks. After ageing:
    const c = census(list);
    expect(c.waiting).toBe(2 + 3 + 4 * 5 + 4 + 10 - 12);
    expect(list.routine[8]).toBe(0);
    expect(list.routine[4]).toBe(2);
    expect(list.routine[0]).toBe(10);
    expect(list.urgent.reduce((a, b) => a + b, 0)).toBe(0);
  });

  it("counts 6+ and 13+ weeks by completed weeks", () => {
    const c = census(listFrom([], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
    expect(c).toEqual({ waiting: 15, over6: 9, over13: 2 });
  });
});

describe("planning a list", () => {
  it("gives the target size, capacity and relief for a 6-week target at 1%", () => {
    const p = planList({
      demandPerWeek: 100,
      capacityPerWeek: 98,
      waiting: 900,
      targetWeeks: 6,
      breachProbability: 0.01,
      clearWeeks: 26,
    });
    const factor = -Math.log(0.01);
    expect(p.targetMeanWaitWeeks).toBeCloseTo(6 / factor, 12);
    expect(p.targetListSize).toBeCloseTo((100 * 6) / factor, 10);
    expect(p.targetCapacityPerWeek).toBeCloseTo(100 + factor / 6, 10);
    expect(p.reliefCapacityPerWeek).toBeCloseTo(100 + (900 - p.targetListSize) / 26, 10);
    expect(p.weeksToTargetAtCurrentCapacity).toBeNull();
  });
});
