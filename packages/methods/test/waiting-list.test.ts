// NHSRwaitinglist vectors (shared nhsrwaitinglist/): formula cases to 5e-7 relative (the
// expected values are printed to 8 significant figures; priority targets exactly),
// and the small patient-level cases for queue sizes, removal statistics and mean wait exactly.
import { describe, expect, it } from "vitest";
import {
  meanWait,
  priorityToTarget,
  queueLoad,
  queueSizes,
  reliefCapacity,
  removalStats,
  simulateWaitingList,
  targetCapacity,
  targetMeanWait,
  targetQueueSize,
  waitingListPressure,
} from "../src/index.ts";
import { readCsv, readJson, req, sharedData } from "./vectors.ts";

const formulas = readCsv(sharedData("vectors", "nhsrwaitinglist", "calc_function_cases.csv"));
const small = readJson<{
  cases: {
    fn: string;
    referral?: string[];
    removal?: (string | null)[];
    args?: Record<string, string | number | null>;
    expected: Record<string, number | string>;
    inputs?: Record<string, number>;
  }[];
}>(sharedData("vectors", "nhsrwaitinglist", "waiting_list_small_cases.json"));

const call: Record<string, (a: number[]) => number> = {
  calc_queue_load: ([d, c]) => queueLoad(d as number, c as number),
  calc_relief_capacity: ([d, q, t, tt]) => reliefCapacity(d as number, q as number, t as number, tt),
  calc_target_capacity: ([d, w, f, cd, cc]) => targetCapacity(d as number, w as number, f, cd, cc),
  calc_target_mean_wait: ([w, f]) => targetMeanWait(w as number, f),
  calc_target_queue_size: ([d, w, f]) => targetQueueSize(d as number, w as number, f),
  calc_waiting_list_pressure: ([m, w]) => waitingListPressure(m as number, w as number),
  calc_priority_to_target: ([p]) => priorityToTarget(p as number),
};

describe("waiting-list formulas (NHSRwaitinglist testthat cases)", () => {
  it.each(formulas.map((r, i) => [r.function, i, r] as const))("%s #%i", (fn, _i, r) => {
    const args = [r.arg1, r.arg2, r.arg3, r.arg4, r.arg5]
      .filter((a) => a !== undefined && a !== "")
      .map((a) => req(a));
    const f = call[fn as string];
    if (!f) throw new Error(`no function for ${fn}`);
    const got = f(args);
    const expected = req(r.expected);
    if (fn === "calc_priority_to_target") expect(got).toBe(expected);
    // The vectors print expected values to 8 significant figures (e.g. 1.2962963), so compare to
    // 5e-7 relative; exact inputs such as 390 or 13 are still compared to that tolerance.
    else expect(Math.abs(got - expected)).toBeLessThanOrEqual(5e-7 * Math.abs(expected));
  });

  it("reproduces the white-paper worked example (P4 ENT)", () => {
    const w = small.cases.find((c) => c.fn.startsWith("worked_example"));
    const i = w?.inputs as Record<string, number>;
    const e = w?.expected as Record<string, number>;
    expect(queueLoad(i.demand_per_week as number, i.capacity_per_week as number)).toBeCloseTo(
      e.load as number,
      12,
    );
    expect(targetMeanWait(i.target_wait_weeks as number)).toBe(e.target_mean_wait);
    expect(targetQueueSize(i.demand_per_week as number, i.target_wait_weeks as number)).toBe(
      e.target_queue_size,
    );
    const relief = reliefCapacity(
      i.demand_per_week as number,
      i.queue_size as number,
      e.target_queue_size as number,
      i.time_to_target_weeks,
    );
    expect(relief).toBeCloseTo(e.relief_capacity as number, 12);
    expect(waitingListPressure(i.mean_wait_weeks as number, i.target_wait_weeks as number)).toBeCloseTo(
      e.pressure as number,
      12,
    );
  });

  it("rejects invalid input", () => {
    expect(() => queueLoad(30, 0)).toThrow(/capacity/);
    expect(() => targetQueueSize(-1, 52)).toThrow(/demand/);
    expect(() => priorityToTarget(0)).toThrow(/priority/);
  });
});

describe("patient-level waiting-list statistics (NHSRwaitinglist small cases)", () => {
  const list = (c: (typeof small.cases)[number]) => ({
    referrals: c.referral ?? [],
    removals: c.removal ?? [],
  });
  const opt = (v: string | number | null | undefined) => (typeof v === "string" ? v : undefined);

  it.each(small.cases.filter((c) => c.fn === "wl_queue_size").map((c, i) => [i, c] as const))(
    "queueSizes #%i",
    (_i, c) => {
      const sizes = queueSizes({
        ...list(c),
        startDate: opt(c.args?.start_date),
        endDate: opt(c.args?.end_date),
      });
      for (const [k, v] of Object.entries(c.expected)) {
        const m = /^(queue_size|dates)\[(\d+|last)\]$/.exec(k);
        const idx = m?.[2] === "last" ? sizes.length - 1 : Number(m?.[2]) - 1;
        if (m?.[1] === "queue_size") expect(sizes[idx]?.queueSize).toBe(v);
        else expect(sizes[idx]?.date).toBe(v);
      }
    },
  );

  it.each(small.cases.filter((c) => c.fn === "wl_removal_stats").map((c, i) => [i, c] as const))(
    "removalStats #%i",
    (_i, c) => {
      const s = removalStats(list(c));
      const e = c.expected;
      if (e.removal_count !== undefined) expect(s.removalCount).toBe(e.removal_count);
      if (e.capacity_daily !== undefined) expect(s.capacityDaily).toBeCloseTo(e.capacity_daily as number, 14);
      if (e.capacity_weekly === "NaN") expect(s.capacityWeekly).toBeNaN();
      else if (e.capacity_weekly !== undefined)
        expect(s.capacityWeekly).toBeCloseTo(e.capacity_weekly as number, 14);
    },
  );

  it("meanWait counts only patients still waiting at the end date (wl_stats case)", () => {
    const c = small.cases.find((k) => k.fn === "wl_stats");
    if (!c) throw new Error("missing case");
    expect(meanWait({ ...list(c), endDate: c.args?.end_date as string })).toBe(c.expected.mean_wait);
  });

  it("rejects malformed dates and removals before referral", () => {
    expect(() => queueSizes({ referrals: ["2024-02-30"], removals: [null] })).toThrow(/calendar date/);
    expect(() => queueSizes({ referrals: ["2024-01-05"], removals: ["2024-01-01"] })).toThrow(
      /before its referral/,
    );
    expect(() => queueSizes({ referrals: ["2024-01-05", "2024-01-06"], removals: [null] })).toThrow(
      /elements/,
    );
  });
});

describe("simulateWaitingList", () => {
  const options = {
    startDate: "2024-01-01",
    endDate: "2024-12-31",
    demandPerWeek: 30,
    capacityPerWeek: 27,
    seed: 42,
  };

  it("is reproducible for a seed and differs across seeds", () => {
    expect(simulateWaitingList(options)).toEqual(simulateWaitingList(options));
    expect(simulateWaitingList({ ...options, seed: 43 })).not.toEqual(simulateWaitingList(options));
  });

  it("removes patients first-in first-out, never before referral, and grows when load > 1", () => {
    const wl = simulateWaitingList(options);
    const removed = wl.removals.map((r, i) => [r, wl.referrals[i]] as const).filter(([r]) => r !== null);
    for (const [r, ref] of removed) expect((r as string) >= (ref as string)).toBe(true);
    const sizes = queueSizes({ ...wl, endDate: "2024-12-31" });
    expect(sizes[sizes.length - 1]?.queueSize).toBeGreaterThan(50);
    // Roughly 52 weeks × 30 referrals; Poisson noise is about ±40.
    expect(Math.abs(wl.referrals.length - 52 * 30)).toBeLessThan(200);
  });
});
