// Forecasts against outturn, worked by hand: which weeks are scored and which fall inside.
import { describe, expect, it } from "vitest";
import { scoreOutturn } from "../src/outturn.ts";

describe("kept forecasts against outturn", () => {
  it("scores only the weeks that have arrived, both interval ends included", () => {
    const kept = [
      {
        asOf: "2025-09-30",
        trust: "RM3",
        modality: "MR",
        forecast: {
          weeks: ["2025-10-06", "2025-10-13", "2025-10-20", "2025-10-27"],
          p10: [2, 2, 2, 2],
          p90: [6, 6, 6, 6],
          p025: [1, 1, 1, 1],
          p975: [8, 8, 8, 8],
        },
      },
      // A list the actual data do not hold is not scored.
      {
        asOf: "2025-09-30",
        trust: "RM3",
        modality: "CT",
        forecast: { weeks: ["2025-10-06"], p10: [0], p90: [9], p025: [0], p975: [9] },
      },
      // Nor is a forecast whose weeks have not arrived.
      {
        asOf: "2025-12-31",
        trust: "RM3",
        modality: "MR",
        forecast: { weeks: ["2026-01-05"], p10: [0], p90: [9], p025: [0], p975: [9] },
      },
    ];
    const actual = {
      weeks: ["2025-09-29", "2025-10-06", "2025-10-13", "2025-10-20"],
      lists: [{ trust: "RM3", modality: "MR", counts: [4, 6, 7, 1] }],
    };
    // Weeks scored: 10-06 (6: inside both), 10-13 (7: outside 80%, inside 95%), 10-20 (1: outside 80%, inside 95%).
    expect(scoreOutturn(kept, actual)).toEqual({
      origins: ["2025-09-30"],
      weeks: 3,
      inside80: 1 / 3,
      inside95: 1,
    });
  });

  it("says null, not 0%, when nothing can be scored yet", () => {
    expect(scoreOutturn([], { weeks: [], lists: [] })).toEqual({
      origins: [],
      weeks: 0,
      inside80: null,
      inside95: null,
    });
  });
});
