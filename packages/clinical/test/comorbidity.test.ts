// Charlson (Quan 2005 ICD-10 coding, Quan 2011 weights) and the Hospital Frailty Risk Score
// against the published maps in ../shared/data/vectors/comorbidity and vectors/frailty:
// every prefix reproduced, every prefix flags its own domain and only it, hierarchy applied,
// the comorbidity package's README cases, and every HFRS code's points from Gilbert 2018.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "@bevan/domain";
import { describe, expect, it } from "vitest";
import {
  CHARLSON_DOMAINS,
  type CharlsonDomain,
  charlson,
  charlsonDomains,
  charlsonScoreOf,
} from "../src/scores/charlson.ts";
import { CHARLSON_QUAN } from "../src/scores/charlson-map.ts";
import { hfrs, hfrsBand } from "../src/scores/hfrs.ts";

const vectors = join(import.meta.dirname, "../../../../shared/data/vectors");
const maps = JSON.parse(
  readFileSync(join(vectors, "comorbidity/comorbidity_maps_icd_prefixes.json"), "utf8"),
);
const weights = JSON.parse(readFileSync(join(vectors, "comorbidity/comorbidity_weights.json"), "utf8"));
const cases = JSON.parse(readFileSync(join(vectors, "comorbidity/comorbidity_score_cases.json"), "utf8"));
const quanMap = maps.charlson_icd10_quan as Record<string, string[]>;

describe("Charlson (Quan)", () => {
  it("reproduces the published ICD-10 map and Quan 2011 weights exactly", () => {
    expect(Object.fromEntries(CHARLSON_QUAN.map((d) => [d.domain, [...d.prefixes]]))).toEqual(quanMap);
    expect(Object.fromEntries(CHARLSON_QUAN.map((d) => [d.domain, d.weight]))).toEqual(
      weights.charlson_icd10_quan.quan,
    );
    expect(CHARLSON_QUAN.map((d) => d.domain)).toEqual([...CHARLSON_DOMAINS]);
  });
  it("flags each prefix's own domain and no other", () => {
    for (const [domain, prefixes] of Object.entries(quanMap)) {
      for (const p of prefixes) expect([...charlsonDomains([p])], p).toEqual([domain]);
    }
  });
  it("matches codes written with a dot and in lower case", () => {
    expect([...charlsonDomains(["e11.4", "i21.0"])].sort()).toEqual(["diabwc", "mi"]);
  });
  it("applies the hierarchy: severe liver, complicated diabetes and metastases replace the milder forms", () => {
    expect(charlson(["K703", "I850"]).value).toBe(4); // mld 2 replaced by msld 4
    expect(charlson(["E119", "E112"]).value).toBe(1); // diab 0 replaced by diabwc 1
    expect(charlson(["C50", "C78"]).value).toBe(6); // canc 2 replaced by metacanc 6
  });
  it("scores the comorbidity package's README cases", () => {
    for (const c of cases.readme_domain_to_score_cases) {
      const flags = new Set(Object.keys(c.flags) as CharlsonDomain[]);
      expect(charlsonScoreOf(flags)).toBe(c.expected.quan);
      expect(flags.size).toBe(c.expected.unweighted);
    }
  });
  it("does not count a urinary tract infection (N390)", () => {
    expect(charlsonDomains(["N390"]).size).toBe(0);
    expect(charlson(["N390"]).value).toBe(0);
  });
});

describe("Hospital Frailty Risk Score", () => {
  // The original supplementary table (tab-separated, trailing spaces in the codes).
  const table = parseCsv(readFileSync(join(vectors, "frailty/hfrs_points_gilbert2018.tsv"), "utf8"), "\t")
    .slice(1)
    .filter((r) => (r[0] ?? "").trim() !== "")
    .map((r) => [(r[0] ?? "").trim(), Number(r[6])] as const);

  it("has the 109 codes of Gilbert 2018", () => expect(table).toHaveLength(109));
  it.each(table)("%s scores %d points", (code, points) => {
    expect(hfrs([`${code}9`]).value).toBe(points);
  });
  it("counts each three-character code once and sums distinct codes", () => {
    expect(hfrs(["F00", "F001", "F00.9"]).value).toBe(7.1);
    expect(hfrs(["F00", "G81", "R104"]).value).toBe(11.5);
  });
  it("bands below 5 low, 5 to 15 intermediate, above 15 high", () => {
    expect([hfrsBand(4.9), hfrsBand(5), hfrsBand(15), hfrsBand(15.1)]).toEqual([
      "low",
      "intermediate",
      "intermediate",
      "high",
    ]);
  });
});
