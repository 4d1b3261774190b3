// Suppression of cohort results is a separate, explicit step: small counts withheld, members dropped.
import { expect, it } from "vitest";
import { suppressCohortResult } from "../src/suppression.ts";

it("withholds counts from 1 to 9, keeps 0 and 10+, and drops the member list", () => {
  const raw = {
    cohort: { name: "x" },
    count: 12,
    breakdowns: {
      sex: [
        { value: "F", count: 9 },
        { value: "M", count: 3 },
        { value: "U", count: 0 },
      ],
      pcn: [{ value: "N1", count: 12 }],
    },
    members: ["1", "2"],
  };
  const s = suppressCohortResult(raw);
  expect(s).toEqual({
    cohort: { name: "x" },
    count: { value: 12, suppressed: false },
    breakdowns: {
      sex: [
        { value: "F", count: { value: null, suppressed: true } },
        { value: "M", count: { value: null, suppressed: true } },
        { value: "U", count: { value: 0, suppressed: false } },
      ],
      pcn: [{ value: "N1", count: { value: 12, suppressed: false } }],
    },
  });
  expect("members" in s).toBe(false);
});
