import { describe, expect, it } from "vitest";
import { ESP2013, ESP2013_BANDS } from "../src/index.ts";
import { readCsv, req, sharedData } from "./vectors.ts";

describe("ESP2013 constant", () => {
  const rows = readCsv(sharedData("reference", "esp2013.csv"));

  it("matches ../shared/data/reference/esp2013.csv exactly, band by band", () => {
    expect(rows).toHaveLength(19);
    expect(ESP2013).toEqual(rows.map((r) => req(r.esp2013_population)));
    expect(ESP2013_BANDS.map((b) => b.label)).toEqual(rows.map((r) => r.age_band));
    expect(ESP2013_BANDS.map((b) => b.ageMin)).toEqual(rows.map((r) => req(r.age_min)));
    expect(ESP2013_BANDS.map((b) => b.ageMax)).toEqual(
      rows.map((r) => (r.age_max === "" ? null : req(r.age_max))),
    );
  });

  it("sums to 100,000 and cannot be mutated", () => {
    expect(ESP2013.reduce((a, b) => a + b, 0)).toBe(100_000);
    expect(Object.isFrozen(ESP2013)).toBe(true);
  });
});
