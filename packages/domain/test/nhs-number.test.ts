import { describe, expect, it } from "vitest";
import { isValidNhsNumber, nhsCheckDigit } from "../src/nhs-number.ts";

describe("NHS number modulus-11 check", () => {
  it("accepts the NHS Data Dictionary's worked example 943 476 5919", () => {
    expect(isValidNhsNumber("9434765919")).toBe(true);
    expect(nhsCheckDigit("943476591")).toBe(9);
  });

  it("rejects a wrong check digit, wrong length and non-digits", () => {
    expect(isValidNhsNumber("9434765918")).toBe(false);
    expect(isValidNhsNumber("943476591")).toBe(false);
    expect(isValidNhsNumber("94347659190")).toBe(false);
    expect(isValidNhsNumber("943476591X")).toBe(false);
    expect(isValidNhsNumber("943 476 5919")).toBe(false);
  });

  it("treats a remainder giving check digit 10 as invalid and 11 as 0", () => {
    // Weights 10…2: "000000001" sums to 2, so 11 - 2 = 9.
    expect(nhsCheckDigit("000000001")).toBe(9);
    // "100000000" sums to 10: 11 - 10 = 1.
    expect(nhsCheckDigit("100000000")).toBe(1);
    // A sum of 0 gives 11, written as 0.
    expect(nhsCheckDigit("000000000")).toBe(0);
    // "000000006" sums to 12: 11 - (12 mod 11) = 10, so no valid number starts with these nine digits.
    expect(nhsCheckDigit("000000006")).toBeNull();
  });
});
