// PHEindicatormethods testdata_Byars_Wilson: Byars count limits and Wilson proportion limits
// at 95% and 99.8%; relative tolerance 1e-9.
import { describe, expect, it } from "vitest";
import { byarsLower, byarsUpper, wilsonLower, wilsonUpper } from "../src/index.ts";
import { close, num, pheSheet, req } from "./vectors.ts";

const rows = pheSheet("testdata_Byars_Wilson__testdata_B_W.csv");
const level = (c: string) => req(c.replace("%", "")) / 100;

describe("Byars and Wilson limits (testdata_Byars_Wilson)", () => {
  it("has the rows the source tests", () => expect(rows.length).toBe(13));

  it.each(rows.map((r) => [r.method, r.x, r.n, r.confidence, r] as const))(
    "%s x=%s n=%s at %s",
    (method, _x, _n, _c, r) => {
      const x = req(r.x);
      const c = level(r.confidence as string);
      if (method === "Byars") {
        expect(close(byarsLower(x, c), num(r.lowercl), 1e-9)).toBe(true);
        expect(close(byarsUpper(x, c), num(r.uppercl), 1e-9)).toBe(true);
      } else {
        const n = req(r.n);
        expect(close(wilsonLower(x, n, c), num(r.lowercl), 1e-9)).toBe(true);
        expect(close(wilsonUpper(x, n, c), num(r.uppercl), 1e-9)).toBe(true);
      }
    },
  );
});
