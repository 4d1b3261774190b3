// Electronic Frailty Index against Clegg et al. 2016: 36 deficits, eFI = deficits / 36, bands
// fit 0–0.12, mild >0.12–0.24, moderate >0.24–0.36, severe >0.36; polypharmacy (deficit 26)
// at 5+ distinct medicines in 12 months. Expected values are worked by hand below.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCodelist } from "../src/codelists.ts";
import { efiCodelistSources } from "../src/efi-codelists.ts";
import { efi } from "../src/scores/efi.ts";
import { ScoreInputError } from "../src/scores/score-result.ts";

const shared = join(import.meta.dirname, "../../../../shared/data");
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("eFI", () => {
  it.each([
    [0, 0, "fit"],
    [4, 4 / 36, "fit"], // 0.111
    [5, 5 / 36, "mild"], // 0.139
    [8, 8 / 36, "mild"], // 0.222
    [9, 9 / 36, "moderate"], // 0.25
    [12, 12 / 36, "moderate"], // 0.333
    [13, 13 / 36, "severe"], // 0.361
  ])("%i deficits give %f (%s)", (n, value, band) => {
    expect(
      efi(
        range(n)
          .filter((d) => d !== 26)
          .concat(n >= 26 ? [27] : []),
        0,
      ),
    ).toEqual({ value, band });
  });
  it("counts polypharmacy from five distinct medicines, once", () => {
    expect(efi([1, 2, 3, 4], 4).value).toBe(4 / 36);
    expect(efi([1, 2, 3, 4], 5)).toEqual({ value: 5 / 36, band: "mild" });
    expect(efi([1, 2, 3, 4, 26], 9).value).toBe(5 / 36);
  });
  it("counts a deficit once however many codes show it", () =>
    expect(efi([10, 10, 10], 0).value).toBe(1 / 36));
  it("rejects deficit numbers outside 1–36", () => expect(() => efi([37], 0)).toThrow(ScoreInputError));
  it("has a code set for each of the 35 coded deficits, all readable", () => {
    const sources = efiCodelistSources(shared);
    expect(sources.map((s) => s.deficit)).toEqual(range(36).filter((d) => d !== 26));
    for (const s of sources) expect(readCodelist(shared, s).codes.length, s.id).toBeGreaterThan(0);
  });
});
