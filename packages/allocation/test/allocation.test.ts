// The allocation arithmetic against closed forms and hand-worked cases.
import { describe, expect, it } from "vitest";
import {
  AllocationInputError,
  allocatePence,
  bestQuartileRatio,
  budgetBands,
  budgetRange,
  fairShares,
  fitCostModel,
  fitLeastSquares,
  groupRSquared,
  groupTotals,
  opportunities,
  type PersonTable,
  paceOfChange,
  predictAll,
  quantileSorted,
  rSquared,
  scaleToTotal,
  spendFunnel,
  spendRatio,
  toPence,
} from "../src/index.ts";

describe("least squares", () => {
  it("gives the textbook estimates and standard errors of a three-point line", () => {
    // x = 0, 1, 2; y = 1, 3, 2: slope 0.5, intercept 1.5, RSS 1.5, σ² = 1.5 / (3 − 2),
    // Var(slope) = σ²/Sxx = 0.75, Var(intercept) = σ²(1/n + x̄²/Sxx) = 1.25.
    const x = [0, 1, 2];
    const fit = fitLeastSquares(["x"], 3, (i, out) => (out[0] = x[i] ?? 0), [1, 3, 2]);
    expect(fit.coefficients[0]).toBeCloseTo(1.5, 8);
    expect(fit.coefficients[1]).toBeCloseTo(0.5, 8);
    expect(fit.residualVariance).toBeCloseTo(1.5, 8);
    expect(fit.standardErrors[1]).toBeCloseTo(Math.sqrt(0.75), 7);
    expect(fit.standardErrors[0]).toBeCloseTo(Math.sqrt(1.25), 7);
  });

  it("recovers an exact linear relation whatever the scale of the columns", () => {
    const n = 200;
    const a = Array.from({ length: n }, (_, i) => (i * 7919) % 13);
    const b = Array.from({ length: n }, (_, i) => ((i * 104729) % 1000) * 250.5);
    const y = a.map((v, i) => 3 - 2 * v + 0.004 * (b[i] ?? 0));
    const fit = fitLeastSquares(
      ["a", "b"],
      n,
      (i, out) => {
        out[0] = a[i] ?? 0;
        out[1] = b[i] ?? 0;
      },
      y,
    );
    expect(fit.coefficients[0]).toBeCloseTo(3, 6);
    expect(fit.coefficients[1]).toBeCloseTo(-2, 6);
    expect(fit.coefficients[2]).toBeCloseTo(0.004, 9);
  });

  it("survives a column that never varies (a register nobody is on)", () => {
    const fit = fitLeastSquares(["x", "never"], 4, (i, out) => (out[0] = i), [1, 2, 3, 4]);
    expect(fit.coefficients[1]).toBeCloseTo(1, 6);
    expect(fit.coefficients[2]).toBeCloseTo(0, 6);
  });
});

function table(
  rows: { age: number; female: number; imd: number; reg: number; prior: number }[],
): PersonTable {
  return {
    n: rows.length,
    age: rows.map((r) => r.age),
    female: rows.map((r) => r.female),
    imdQuintile: rows.map((r) => r.imd),
    registers: { HYP: rows.map((r) => r.reg) },
    multimorbidity: rows.map((r) => r.reg),
    priorCost: rows.map((r) => r.prior),
  };
}

describe("cost models", () => {
  const people = Array.from({ length: 400 }, (_, i) => ({
    age: (i * 37) % 95,
    female: i % 2,
    // Patterns with coprime periods, so no column is a function of the others.
    imd: i % 7 > 5 ? 0 : ((i % 7) as number),
    reg: i % 5 === 0 ? 1 : 0,
    prior: (i % 11) * 100,
  }));
  const t = table(people);

  it("age–sex weighting predicts each cell's mean cost", () => {
    const y = people.map((p, i) => (p.age >= 85 ? 5000 : 100) + (i % 2) * 10);
    const m = fitCostModel("age_sex", t, y);
    const old = people.findIndex((p) => p.age >= 85 && p.female === 1);
    const cell = people.map((p, i) => ({ p, y: y[i] ?? 0 })).filter((r) => r.p.age >= 85 && r.p.female === 1);
    expect(m.predict(t, old)).toBeCloseTo(cell.reduce((s, r) => s + r.y, 0) / cell.length, 9);
  });

  it("capitation predicts the mean for everyone", () => {
    const y = people.map((_, i) => i);
    const m = fitCostModel("capitation", t, y);
    expect(m.predict(t, 3)).toBeCloseTo(199.5, 9);
  });

  it("the needs model recovers the effects a noiseless population was made with", () => {
    const y = people.map((p) => 200 + 900 * p.reg + (p.imd === 1 ? 150 : 0) + (p.age >= 85 ? 2000 : 0));
    const m = fitCostModel("need", t, y);
    const term = (name: string) => m.terms.find((x) => x.term === name)?.coefficient;
    expect(term("register HYP")).toBeCloseTo(900, 5);
    expect(term("IMD quintile 1")).toBeCloseTo(150, 5);
    const pred = predictAll(m, t);
    for (let i = 0; i < people.length; i++) expect(pred[i]).toBeCloseTo(y[i] ?? 0, 3);
  });

  it("the needs-with-supply model adds last year's cost", () => {
    const y = people.map((p) => 100 + 0.5 * p.prior);
    const m = fitCostModel("need_supply", t, y);
    expect(m.terms.find((x) => x.term === "last year's cost")?.coefficient).toBeCloseTo(0.5, 6);
  });
});

describe("validation measures", () => {
  it("R² is 1 for a perfect prediction and 0 for the mean", () => {
    const y = [0, 100, 300, 600];
    expect(
      rSquared(
        y,
        scaleToTotal(
          y,
          y.map((v) => 2 * v),
        ),
      ),
    ).toBeCloseTo(1, 12);
    expect(rSquared(y, scaleToTotal(y, [1, 1, 1, 1]))).toBeCloseTo(0, 12);
  });

  it("per-head R² across practices, worked by hand", () => {
    // A: 2 people, actual 300 (150 a head), predicted 280 (140); B: 1 person, actual 0, predicted 20.
    // Mean 100 a head. SSres = 2·10² + 1·20² = 600; SStot = 2·50² + 1·100² = 15,000. R² = 0.96.
    const totals = groupTotals([0, 0, 1], [100, 200, 0], [140, 140, 20]);
    expect(groupRSquared(totals)).toBeCloseTo(0.96, 12);
  });
});

describe("dividing a budget", () => {
  it("gives the odd penny to the largest remainder, ties to the earlier code", () => {
    const p = allocatePence(100, [
      { code: "B", weight: 1 },
      { code: "A", weight: 1 },
      { code: "C", weight: 1 },
    ]);
    expect([p.get("A"), p.get("B"), p.get("C")]).toEqual([34, 33, 33]);
  });

  it("always adds up to the budget exactly", () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let k = 0; k < 200; k++) {
      const units = Array.from({ length: 1 + Math.floor(rand() * 60) }, (_, i) => ({
        code: `P${i}`,
        weight: rand() * 1e6 * (rand() < 0.1 ? 0 : 1),
      }));
      if (!units.some((u) => u.weight > 0)) continue;
      const total = Math.floor(rand() * 1e11);
      const p = allocatePence(total, units);
      expect([...p.values()].reduce((s, v) => s + v, 0)).toBe(total);
      for (const v of p.values()) expect(Number.isInteger(v) && v >= 0).toBe(true);
    }
  });

  it("refuses a budget it cannot divide", () => {
    expect(() => toPence(-1)).toThrow(AllocationInputError);
    expect(() => allocatePence(100, [{ code: "A", weight: 0 }])).toThrow(/no basis/);
  });

  it("distance from target and a pace-of-change path, worked by hand", () => {
    // £1,000: A's fair share is 30%, £300; it spent half of last year's total, £500 at this budget.
    const rows = fairShares(toPence(1000), [
      { code: "A", expected: 300, actual: 5000 },
      { code: "B", expected: 700, actual: 5000 },
    ]);
    const a = rows.find((r) => r.code === "A");
    expect(a?.targetPence).toBe(30000);
    expect(a?.currentPence).toBe(50000);
    expect(a?.distanceFromTarget).toBeCloseTo((100 * (50000 - 30000)) / 30000, 12);
    const path = paceOfChange(toPence(1000), rows, 2);
    expect(path[0]?.pence.get("A")).toBe(40000);
    expect(path[0]?.pence.get("B")).toBe(60000);
    expect(path[1]?.pence.get("A")).toBe(30000);
  });
});

describe("budget ranges", () => {
  it("quantiles match R's type 7", () => {
    const x = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantileSorted(x, 0.1)).toBeCloseTo(1.9, 12);
    expect(quantileSorted(x, 0.9)).toBeCloseTo(9.1, 12);
  });

  it("scales the band's range to the person's expected cost", () => {
    const predicted = Array.from({ length: 40 }, (_, i) => (i < 20 ? 100 : 1000));
    const actual = predicted.map((p, i) => p * ((i % 20) / 10));
    const bands = budgetBands(predicted, actual, 2);
    const r = budgetRange(bands, 2000);
    // Top band: actual = 1000·(0…1.9), its 10th–90th percentiles 190 and 1710, scaled ×2.
    expect(r.low).toBeCloseTo(
      2 *
        quantileSorted(
          actual.slice(20).sort((a, b) => a - b),
          0.1,
        ),
      9,
    );
    expect(r.high).toBeCloseTo(2 * 1710, 9);
  });
});

describe("spend against expected", () => {
  it("ratio and interval from the band means and variances", () => {
    // E = 10·10 + 20·50 = 1,100; V = 10·100 + 20·400 = 9,000.
    const r = spendRatio(
      1200,
      [10, 20],
      [
        { mean: 10, variance: 100 },
        { mean: 50, variance: 400 },
      ],
    );
    expect(r.expected).toBe(1100);
    expect(r.ratio).toBeCloseTo(1200 / 1100, 12);
    expect(r.lower).toBeCloseTo((1200 - 1.959963984540054 * Math.sqrt(9000)) / 1100, 9);
    expect(r.upper).toBeCloseTo((1200 + 1.959963984540054 * Math.sqrt(9000)) / 1100, 9);
  });

  it("funnel limits narrow as 1/√E", () => {
    const f = spendFunnel(400, 100, 10000, 3);
    // k = 400: sd(O/E) = √(kE)/E = 2 at E = 100 and 0.2 at E = 10,000.
    expect(f[0]?.upper95).toBeCloseTo(1 + 1.959963984540054 * 2, 9);
    expect(f[2]?.expected).toBeCloseTo(10000, 6);
    expect(f[2]?.upper95).toBeCloseTo(1 + 1.959963984540054 * 0.2, 9);
  });
});

describe("opportunity", () => {
  it("prices the excess over the benchmark", () => {
    const [a, b] = opportunities(
      [
        { code: "A", observed: 30, expected: 20 },
        { code: "B", observed: 10, expected: 20 },
      ],
      100,
    );
    expect(a?.excess).toBe(10);
    expect(a?.prize).toBe(1000);
    expect(b?.excess).toBe(0);
  });

  it("best quartile is the lower quartile of the ratios", () => {
    const units = [0.5, 1, 1.5, 2, 2.5].map((r, i) => ({ code: `${i}`, observed: r * 10, expected: 10 }));
    expect(bestQuartileRatio(units)).toBeCloseTo(1, 12);
  });
});
