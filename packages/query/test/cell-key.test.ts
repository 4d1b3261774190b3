// The cell-key method against closed-form properties: the ptable's constraints (probabilities
// summing to 1, zero mean, variance V, nothing below the floor) and the maximum-entropy form
// (log p(d) is a quadratic in d, so its second differences are equal); the method's promises
// (same people → same value; one person more or less → an independent draw from the row).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCells,
  type Cell,
  cellOf,
  derivedCount,
  perturbedCount,
  perturbedMagnitude,
  RECORD_KEY_RANGE,
} from "../src/disclosure/cell-key.ts";
import { buildPtable, lookup, maxEntropy } from "../src/disclosure/ptable.ts";
import { DEFAULT_DISCLOSURE, discloseBreakdown, suppressCount } from "../src/suppression.ts";

const PARAMS = { threshold: 8, maxPerturbation: 5, variance: 3 };
const M = RECORD_KEY_RANGE;

/** A deterministic stream of record keys (xorshift32): stands in for people's keys. */
function keys(seed: number, n: number): number[] {
  let x = seed >>> 0 || 1;
  return Array.from({ length: n }, () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % M;
  });
}
const cellOfKeys = (ks: readonly number[]): Cell => ({
  n: ks.length,
  key: ks.reduce((a, k) => (a + k) % M, 0),
});

describe("ptable (maximum entropy, D = 5, V = 3, floor 8)", () => {
  const t = buildPtable({ maxPerturbation: 5, variance: 3, floor: 8, tableSize: M });
  it("has rows from the floor to floor + D, each a distribution laid on whole keys", () => {
    expect(t.rows.map((r) => r.n)).toEqual([8, 9, 10, 11, 12, 13]);
    for (const r of t.rows) {
      expect(r.probabilities.reduce((a, p) => a + p, 0)).toBeCloseTo(1, 12);
      for (const p of r.probabilities) expect(Number.isInteger(p * M)).toBe(true);
      expect(r.bounds.at(-1)).toBe(M);
      // Never below the floor, never beyond D.
      expect(r.n + Math.min(...r.perturbations)).toBeGreaterThanOrEqual(8);
      expect(Math.max(...r.perturbations.map(Math.abs))).toBeLessThanOrEqual(5);
    }
  });
  it("is unbiased with variance V wherever the floor leaves room (to the key grid's precision)", () => {
    for (const r of t.rows.slice(1)) {
      expect(Math.abs(r.mean)).toBeLessThan(1e-4);
      expect(r.variance).toBeCloseTo(3, 3);
    }
    // A count of exactly 8 cannot move down, so with zero mean it cannot move at all.
    expect(t.rows[0]?.perturbations).toContain(0);
    expect(t.rows[0]?.variance).toBe(0);
  });
  it("has the maximum-entropy form: log p(d) quadratic in d (equal second differences)", () => {
    const p = maxEntropy([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5], 0, 3);
    const second = p
      .slice(2)
      .map((_, i) => Math.log(p[i + 2] ?? 0) - 2 * Math.log(p[i + 1] ?? 0) + Math.log(p[i] ?? 0));
    for (const s of second) expect(s).toBeCloseTo(second[0] ?? 0, 9);
    // Symmetric support and zero mean: a symmetric distribution.
    for (let i = 0; i < 5; i++) expect(p[i]).toBeCloseTo(p[10 - i] ?? 0, 12);
  });
  it("looks a key up by the row's cumulative bounds", () => {
    const row = t.rows.at(-1);
    if (!row) throw new Error("no rows");
    expect(lookup(t, 500, 0)).toBe(-5);
    expect(lookup(t, 500, M - 1)).toBe(5);
    // Every key in [0, M) maps into the row, with the row's probabilities.
    const seen = new Map<number, number>();
    for (let k = 0; k < M; k++) seen.set(lookup(t, 500, k), (seen.get(lookup(t, 500, k)) ?? 0) + 1);
    row.perturbations.forEach((d, i) => {
      expect((seen.get(d) ?? 0) / M).toBeCloseTo(row.probabilities[i] ?? 0, 12);
    });
  });
  it("refuses parameters it cannot honour", () => {
    expect(() => buildPtable({ maxPerturbation: 2, variance: 5, floor: 8, tableSize: M })).toThrow(
      /variance/,
    );
    expect(() => buildPtable({ maxPerturbation: 0, variance: 1, floor: 8, tableSize: M })).toThrow(/maximum/);
  });
});

describe("cell-key perturbation", () => {
  it("withholds 1–7 people, shows 0 as 0, never publishes below 8 or more than D away", () => {
    expect(perturbedCount({ n: 0, key: 0 }, PARAMS)).toBe(0);
    for (let n = 1; n < 8; n++) expect(perturbedCount({ n, key: 123 }, PARAMS)).toBeNull();
    for (const n of [8, 9, 10, 13, 50, 5000])
      for (const key of keys(n, 200)) {
        const v = perturbedCount({ n, key }, PARAMS) as number;
        expect(v).toBeGreaterThanOrEqual(8);
        expect(Math.abs(v - n)).toBeLessThanOrEqual(5);
      }
  });
  it("gives the same people the same value, whatever order or split they are counted in", () => {
    const ks = keys(7, 40);
    const whole = cellOfKeys(ks);
    const parts = addCells(
      cellOfKeys(ks.slice(0, 13)),
      cellOfKeys(ks.slice(13, 30)),
      cellOfKeys(ks.slice(30)),
    );
    expect(parts).toEqual(whole);
    expect(perturbedCount(parts, PARAMS)).toBe(perturbedCount(cellOfKeys([...ks].reverse()), PARAMS));
  });
  it("reads SQL sums of any size into a key mod M", () => {
    expect(cellOf(12n, BigInt(M) * 1000n + 17n)).toEqual({ n: 12, key: 17 });
    expect(cellOf(0, null)).toEqual({ n: 0, key: 0 });
  });
  it("gives cells one person apart independent perturbations (differencing leaves the noise of two cells)", () => {
    // 4,000 random sets of 100 people and the same sets with one more person: the difference
    // of their published values minus 1 is the difference of two draws from the same row.
    const diffs: number[] = [];
    const a: number[] = [];
    const b: number[] = [];
    for (let s = 1; s <= 4000; s++) {
      const ks = keys(s * 7919, 101);
      const small = cellOfKeys(ks.slice(0, 100));
      const big = cellOfKeys(ks);
      const da = (perturbedCount(small, PARAMS) as number) - 100;
      const db = (perturbedCount(big, PARAMS) as number) - 101;
      a.push(da);
      b.push(db);
      diffs.push(db - da);
    }
    const mean = (x: number[]) => x.reduce((p, q) => p + q, 0) / x.length;
    const ma = mean(a);
    const mb = mean(b);
    const cov = mean(a.map((x, i) => (x - ma) * ((b[i] ?? 0) - mb)));
    const varA = mean(a.map((x) => (x - ma) ** 2));
    // Independent draws: correlation near 0 (|r| < 0.05 at n = 4,000), difference variance ≈ 2V.
    expect(Math.abs(cov / varA)).toBeLessThan(0.05);
    expect(mean(diffs.map((d) => d * d))).toBeGreaterThan(2 * 3 * 0.9);
    expect(mean(diffs.map((d) => d * d))).toBeLessThan(2 * 3 * 1.1);
    // And the differences are exact (0) only as often as two independent draws agree.
    const exact = diffs.filter((d) => d === 0).length / diffs.length;
    expect(exact).toBeLessThan(0.25);
  });
  it("perturbs counts inside a derived statistic without a floor, never below 0", () => {
    expect(derivedCount({ n: 0, key: 5 }, PARAMS)).toBe(0);
    for (const key of keys(3, 500)) {
      const v = derivedCount({ n: 2, key }, PARAMS);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(Math.abs(v - 2)).toBeLessThanOrEqual(5);
    }
  });
});

describe("money over people", () => {
  it("withholds fewer than 8 people or one person above half; otherwise moves at least 10% of the top", () => {
    const cell = (people: number, total: number, top: number, key = 99) => ({
      n: people,
      people,
      key,
      total,
      top,
    });
    expect(perturbedMagnitude(cell(7, 7000, 1000), PARAMS)).toBeNull();
    expect(perturbedMagnitude(cell(20, 10_000, 6000), PARAMS)).toBeNull();
    for (const key of keys(11, 500)) {
      const v = perturbedMagnitude(cell(20, 100_000, 10_000, key), PARAMS) as number;
      expect(Math.abs(v - 100_000)).toBeGreaterThanOrEqual(1000 - 1);
      expect(Math.abs(v - 100_000)).toBeLessThanOrEqual(2000 + 1);
    }
  });
});

describe("the policy over cells (primary, secondary suppression, perturbation)", () => {
  it("perturbs cells with keys and rounds plain numbers (the floor)", () => {
    expect(suppressCount(12)).toEqual({ value: 10, suppressed: false });
    const c = suppressCount({ n: 12, key: 4242 });
    expect(c.suppressed).toBe(false);
    expect(c.value).toBe(perturbedCount({ n: 12, key: 4242 }, PARAMS));
  });
  it("withholds a second cell so the total cannot give a withheld one away, and perturbs the total on its own", () => {
    const cells = [cellOfKeys(keys(1, 100)), cellOfKeys(keys(2, 3)), cellOfKeys(keys(3, 20))];
    const d = discloseBreakdown(cells, DEFAULT_DISCLOSURE);
    expect(d.cells.map((x) => x.suppressed)).toEqual([false, true, true]);
    expect(d.total.value).toBe(perturbedCount(addCells(...cells), PARAMS));
  });
  it("property: no cell of 1–7 people is ever shown, and every shown cell is within D of the truth", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 1e6 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (spec) => {
          const cells = spec.map(([n, seed]) => cellOfKeys(keys(seed, n)));
          const d = discloseBreakdown(cells, DEFAULT_DISCLOSURE);
          const total = addCells(...cells);
          [...cells, total].forEach((c, i) => {
            const out = i < cells.length ? d.cells[i] : d.total;
            if (c.n > 0 && c.n < 8) expect(out?.suppressed).toBe(true);
            if (!out?.suppressed) expect(Math.abs((out?.value as number) - c.n)).toBeLessThanOrEqual(5);
          });
          // Never exactly one withheld cell beside a shown total.
          const withheld = d.cells.filter((x) => x.suppressed).length;
          if (!d.total.suppressed) expect(withheld).not.toBe(1);
        },
      ),
    );
  });
});
