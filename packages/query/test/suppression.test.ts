// Disclosure control: primary suppression below the threshold, rounding, and secondary
// suppression so a margin never gives a withheld cell away. Expected values are worked by hand.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_DISCLOSURE,
  discloseBreakdown,
  discloseCells,
  type Margin,
  suppressCount,
} from "../src/suppression.ts";

describe("suppressCount (default: below 8 withheld, others rounded to 5)", () => {
  it("withholds 1 to 7, shows 0, rounds the rest to the nearest 5", () => {
    expect(suppressCount(0)).toEqual({ value: 0, suppressed: false });
    expect(suppressCount(1)).toEqual({ value: null, suppressed: true });
    expect(suppressCount(7)).toEqual({ value: null, suppressed: true });
    expect(suppressCount(8)).toEqual({ value: 10, suppressed: false });
    expect(suppressCount(12)).toEqual({ value: 10, suppressed: false });
    expect(suppressCount(13)).toEqual({ value: 15, suppressed: false });
    expect(suppressCount(1234)).toEqual({ value: 1235, suppressed: false });
  });
  it("follows a configured policy", () => {
    expect(suppressCount(9, { threshold: 10, rounding: 1 })).toEqual({ value: null, suppressed: true });
    expect(suppressCount(11, { threshold: 10, rounding: 1 })).toEqual({ value: 11, suppressed: false });
  });
});

describe("secondary suppression", () => {
  it("withholds the next smallest cell when one cell is withheld and the total is shown", () => {
    // 3 is withheld; without a second cell, 123 - 100 - 20 = 3 would give it away.
    const d = discloseBreakdown([100, 3, 20]);
    expect(d.cells.map((c) => c.value)).toEqual([100, null, null]);
    expect(d.total).toEqual({ value: 125, suppressed: false });
  });
  it("withholds the total when every other cell is zero", () => {
    const d = discloseBreakdown([0, 5, 0]);
    expect(d.cells.map((c) => c.value)).toEqual([0, null, 0]);
    expect(d.total.suppressed).toBe(true);
  });
  it("needs nothing more when two cells are already withheld", () => {
    const d = discloseBreakdown([50, 2, 4]);
    expect(d.cells.map((c) => c.value)).toEqual([50, null, null]);
    expect(d.total.value).toBe(55);
  });
});

/** A random r × c table with row totals, column totals and a grand total, as margins. */
const table = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
  .chain(([r, c]) =>
    fc.tuple(
      fc.constant([r, c] as const),
      fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 500 })), {
        minLength: r * c,
        maxLength: r * c,
      }),
    ),
  )
  .map(([[r, c], cells]) => {
    const values = [...cells];
    const margins: Margin[] = [];
    const rowTotals: number[] = [];
    for (let i = 0; i < r; i++) {
      const members = Array.from({ length: c }, (_, j) => i * c + j);
      values.push(members.reduce((s, k) => s + (cells[k] ?? 0), 0));
      rowTotals.push(values.length - 1);
      margins.push({ cells: members, total: values.length - 1 });
    }
    for (let j = 0; j < c; j++) {
      const members = Array.from({ length: r }, (_, i) => i * c + j);
      values.push(members.reduce((s, k) => s + (cells[k] ?? 0), 0));
      margins.push({ cells: members, total: values.length - 1 });
    }
    values.push(cells.reduce((s, v) => s + v, 0));
    margins.push({ cells: rowTotals, total: values.length - 1 });
    return { values, margins };
  });

describe("property: no small cell reaches a non-direct-care audience", () => {
  it("no shown value is between 1 and threshold − 1, every shown value is a multiple of 5", () => {
    fc.assert(
      fc.property(table, ({ values, margins }) => {
        const out = discloseCells(values, margins, DEFAULT_DISCLOSURE);
        for (const [i, o] of out.entries()) {
          if (o.suppressed) continue;
          expect(o.value).not.toBeNull();
          expect((o.value as number) % 5).toBe(0);
          const raw = values[i] as number;
          expect(raw === 0 || raw >= DEFAULT_DISCLOSURE.threshold).toBe(true);
        }
      }),
      { numRuns: 500, seed: 8 },
    );
  });
  it("no margin with a shown total has exactly one withheld cell", () => {
    fc.assert(
      fc.property(table, ({ values, margins }) => {
        const out = discloseCells(values, margins, DEFAULT_DISCLOSURE);
        for (const m of margins) {
          if (out[m.total]?.suppressed) continue;
          expect(m.cells.filter((i) => out[i]?.suppressed).length).not.toBe(1);
        }
      }),
      { numRuns: 500, seed: 9 },
    );
  });
});

describe("suppressCohortResult", () => {
  it("discloses each breakdown with secondary suppression, rounds, and drops the member list", async () => {
    const { suppressCohortResult } = await import("../src/suppression.ts");
    const raw = {
      cohort: { name: "x" },
      count: 112,
      breakdowns: {
        // 3 is withheld; 9 must go too or 112 - 100 = 12 would reveal it with the other cells.
        sex: [
          { value: "F", count: 100 },
          { value: "M", count: 9 },
          { value: "U", count: 3 },
        ],
        pcn: [{ value: "N1", count: 112 }],
      },
      members: ["1", "2"],
    };
    const s = suppressCohortResult(raw);
    expect(s.count).toEqual({ value: 110, suppressed: false });
    expect(s.breakdowns.sex?.map((r) => r.count.value)).toEqual([100, null, null]);
    expect(s.breakdowns.pcn?.[0]?.count).toEqual({ value: 110, suppressed: false });
    expect("members" in s).toBe(false);
  });

  it("withholds the cohort count when a breakdown must withhold its total", async () => {
    const { suppressCohortResult } = await import("../src/suppression.ts");
    const s = suppressCohortResult({ count: 5, breakdowns: { sex: [{ value: "F", count: 5 }] } });
    expect(s.count.suppressed).toBe(true);
    expect(s.breakdowns.sex?.[0]?.count.suppressed).toBe(true);
  });
});
