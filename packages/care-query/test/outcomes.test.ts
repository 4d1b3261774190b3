// The quarters around a join date: 13 weeks each, four before and four since, cut at the
// warehouse's as-of date (closed-form dates).
import { describe, expect, it } from "vitest";
import { outcomeQuarters } from "../src/outcomes.ts";

describe("outcome quarters", () => {
  it("gives four 91-day quarters before and four since a join date well inside the data", () => {
    const q = outcomeQuarters("2025-01-01", "2026-03-31");
    expect(q.map((x) => x.quarter)).toEqual([-4, -3, -2, -1, 0, 1, 2, 3]);
    expect(q[0]).toEqual({ quarter: -4, from: "2024-01-03", to: "2024-04-03", complete: true });
    expect(q[4]).toEqual({ quarter: 0, from: "2025-01-01", to: "2025-04-02", complete: true });
    expect(q[7]).toEqual({ quarter: 3, from: "2025-10-01", to: "2025-12-31", complete: true });
  });

  it("leaves out quarters after the data and marks the one the data end in", () => {
    const q = outcomeQuarters("2026-03-01", "2026-03-31");
    expect(q.map((x) => x.quarter)).toEqual([-4, -3, -2, -1, 0]);
    expect(q.at(-1)).toEqual({ quarter: 0, from: "2026-03-01", to: "2026-05-31", complete: false });
    expect(outcomeQuarters("2027-03-01", "2026-03-31").map((x) => x.quarter)).toEqual([-4]);
    expect(outcomeQuarters("2027-06-01", "2026-03-31")).toEqual([]);
  });
});
