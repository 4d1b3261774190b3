// Contracts against arithmetic worked by hand and the beta distribution: the payment earned on
// a sliding scale and a threshold, the value divided by list size, and the chance the true
// achievement meets the bar (Jeffreys' posterior, checked against the regularised incomplete
// beta function within sampling error).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { betaCdf } from "@bevan/methods";
import { describe, expect, it } from "vitest";
import {
  CONTRACT_SCHEMA,
  type Contract,
  earnedShare,
  evaluateContract,
  validateContract,
} from "../src/index.ts";

const cohort = {
  kind: "cohort",
  language: 1,
  name: "x",
  population: "registered",
  criteria: { kind: "age", min: 0 },
};
const CONTRACT: Contract = {
  name: "Test",
  parties: { level: "pcn" },
  value: 1_000_000,
  contingentShare: 0.3,
  runs: 20_000,
  seed: 3,
  indicators: [
    {
      id: "a",
      name: "A",
      denominator: cohort,
      numerator: cohort,
      scale: { from: 0.4, to: 0.7 },
      weight: 0.6,
    },
    { id: "b", name: "B", denominator: cohort, numerator: cohort, threshold: 0.6, weight: 0.4 },
  ],
};

describe("contracts", () => {
  it("earns on a scale and at a threshold", () => {
    expect(earnedShare({ scale: { from: 0.4, to: 0.7 } }, 0.55)).toBeCloseTo(0.5, 12);
    expect(earnedShare({ scale: { from: 0.4, to: 0.7 } }, 0.3)).toBe(0);
    expect(earnedShare({ scale: { from: 0.4, to: 0.7 } }, 0.9)).toBe(1);
    expect(earnedShare({ threshold: 0.6 }, 0.6)).toBe(1);
    expect(earnedShare({ threshold: 0.6 }, 0.5999)).toBe(0);
  });

  it("payments worked by hand", () => {
    // Lists 3,000 and 1,000: values £750,000 and £250,000; contingent 30%: £225,000 and £75,000.
    // Party X: A 60/100 → (0.6 − 0.4)/0.3 = 2/3 of A's 60%; B 70/100 ≥ 60% → all of B's 40%.
    // Earned 225,000 × (0.6 × 2/3 + 0.4) = 225,000 × 0.8 = £180,000.
    // Party Y: A 30/100 → 0; B 50/100 → 0: earned £0.
    const r = evaluateContract(validateContract(CONTRACT), [
      {
        code: "X",
        name: "X",
        listSize: 3000,
        counts: { a: { numerator: 60, denominator: 100 }, b: { numerator: 70, denominator: 100 } },
      },
      {
        code: "Y",
        name: "Y",
        listSize: 1000,
        counts: { a: { numerator: 30, denominator: 100 }, b: { numerator: 50, denominator: 100 } },
      },
    ]);
    const [x, y] = r.parties;
    expect(x?.value).toBe(750_000);
    expect(x?.contingent).toBe(225_000);
    expect(x?.earned).toBeCloseTo(180_000, 6);
    expect(y?.earned).toBe(0);
    expect(r.totalEarned).toBeCloseTo(180_000, 6);
    // The chance that X's true B achievement is at least 60%: 1 − I_0.6(70.5, 30.5).
    const p = 1 - betaCdf(0.6, 70.5, 30.5);
    expect(Math.abs((x?.indicators[1]?.probabilityMet ?? 0) - p)).toBeLessThan(
      4 * Math.sqrt((p * (1 - p)) / 20_000),
    );
    // Wilson 95% interval of 60/100: 0.5020 to 0.6906 (Newcombe 1998, method 3).
    expect(x?.indicators[0]?.lower).toBeCloseTo(0.502, 3);
    expect(x?.indicators[0]?.upper).toBeCloseTo(0.6906, 3);
    // Noise: X's expected payment spans its earned figure; with a million people it would not.
    expect(x?.expected?.p10).toBeLessThan(180_000);
    expect(x?.expected?.p90).toBeGreaterThanOrEqual(x?.expected?.p50 ?? 0);
    const big = evaluateContract(validateContract(CONTRACT), [
      {
        code: "X",
        name: "X",
        listSize: 1,
        counts: {
          a: { numerator: 600_000, denominator: 1_000_000 },
          b: { numerator: 700_000, denominator: 1_000_000 },
        },
      },
    ]);
    expect(big.parties[0]?.expected?.p10).toBeCloseTo(big.parties[0]?.earned ?? 0, -3);
  });

  it("a withheld count leaves the party's payment unknown, not zero", () => {
    const r = evaluateContract(validateContract(CONTRACT), [
      {
        code: "X",
        name: "X",
        listSize: 3000,
        counts: { a: { numerator: null, denominator: 100 }, b: { numerator: 70, denominator: 100 } },
      },
    ]);
    expect(r.parties[0]?.earned).toBeNull();
    expect(r.parties[0]?.expected).toBeNull();
  });

  it("validation: weights add to 1, threshold or scale", () => {
    expect(() =>
      validateContract({ ...CONTRACT, indicators: [{ ...CONTRACT.indicators[0], weight: 0.5 }] }),
    ).toThrow(/add to 0.5/);
    const { scale: _, ...noRule } = CONTRACT.indicators[0] as Contract["indicators"][number];
    expect(() => validateContract({ ...CONTRACT, indicators: [{ ...noRule, weight: 1 }] })).toThrow(
      /threshold' or 'scale/,
    );
  });

  it("contract.schema.json is the validator's schema; the example contract is valid", () => {
    const root = join(import.meta.dirname, "..");
    expect(readFileSync(join(root, "contract.schema.json"), "utf8")).toBe(
      `${JSON.stringify(CONTRACT_SCHEMA, null, 2)}\n`,
    );
    expect(() =>
      validateContract(
        JSON.parse(readFileSync(join(root, "examples", "diabetes-outcomes-contract.json"), "utf8")),
      ),
    ).not.toThrow();
  });
});
