// The generator's rate tables against published totals: ONS's death rates and HES's emergency
// admission rates, applied to England's mid-2023 population (shared/data), give England's
// registered deaths for 2023 and HES's emergency admissions for 2023-24.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvObjects } from "@bevan/domain";
import { describe, expect, it } from "vitest";
import { SHARED_DATA } from "../../../test/paths.ts";
import { hesEmergencyAdmissionRates } from "../src/admissions.ts";
import { FERTILITY_PER_1000 } from "../src/maternity.ts";
import { bandIndex, baseHazard, deathRateBands, onsDeathRates } from "../src/mortality.ts";

/** England's mid-2023 population by sex and single year of age (90 = 90+). */
function england(): { sex: "F" | "M"; age: number; count: number }[] {
  const rows = parseCsvObjects(
    readFileSync(join(SHARED_DATA, "reference", "ons_uk_population_2023.csv"), "utf8"),
  );
  return rows
    .filter((r) => r.Name === "ENGLAND")
    .map((r) => ({
      sex: r.sex === "females" ? ("F" as const) : ("M" as const),
      age: (r.age ?? "").startsWith("90") ? 90 : Number(r.age),
      count: Number(r.count),
    }));
}

describe("ONS death rates (data/ons-death-rates-england-2023.json)", () => {
  it("give England's 2023 registered deaths (about 545,000: 581,363 in England and Wales less Wales's) within 3%", () => {
    let deaths = 0;
    for (const p of england()) {
      const band = onsDeathRates().rates.find((b) => b.sex === p.sex && p.age >= b.from && p.age <= b.to);
      deaths += (p.count * (band?.per1000 ?? 0)) / 1000;
    }
    expect(deaths).toBeGreaterThan(545_000 * 0.97);
    expect(deaths).toBeLessThan(545_000 * 1.03);
  });

  it("cover every age for both sexes, without gaps, and rise with age from 10", () => {
    const bands = deathRateBands();
    expect(bands[0]?.from).toBe(0);
    for (let i = 1; i < bands.length; i++) expect(bands[i]?.from).toBe((bands[i - 1]?.to ?? 0) + 1);
    for (const sex of ["F", "M"] as const) {
      const rates = onsDeathRates().rates.filter((r) => r.sex === sex);
      expect(rates).toHaveLength(bands.length);
      for (let i = 4; i < rates.length; i++)
        expect(rates[i]?.per1000).toBeGreaterThan(rates[i - 1]?.per1000 ?? 0);
    }
  });

  it("shape within a band without leaving it: each band's hazard stays between its neighbours' rates", () => {
    for (const sex of ["F", "M"] as const) {
      const rates = onsDeathRates().rates.filter((r) => r.sex === sex);
      for (let age = 10; age < 90; age++) {
        const i = bandIndex(age);
        const lo = Math.min(rates[i - 1]?.per1000 ?? 0, rates[i]?.per1000 ?? 0) / 1000;
        const hi = Math.max(rates[i + 1]?.per1000 ?? 0, rates[i]?.per1000 ?? 0) / 1000;
        expect(baseHazard(sex, age + 0.5)).toBeGreaterThanOrEqual(lo);
        expect(baseHazard(sex, age + 0.5)).toBeLessThanOrEqual(hi);
      }
    }
  });
});

describe("HES emergency admission rates (data/hes-emergency-admissions-england-2024.json)", () => {
  it("give 6 to 6.5 million emergency admissions a year on England's population (HES 2023-24)", () => {
    let admissions = 0;
    for (const p of england()) {
      const band = hesEmergencyAdmissionRates().rates.find((b) => p.age >= b.from && p.age <= b.to);
      admissions += (p.count * (band?.per1000 ?? 0)) / 1000;
    }
    expect(admissions).toBeGreaterThan(6_000_000);
    expect(admissions).toBeLessThan(6_500_000);
  });
});

describe("ONS fertility rates (maternity.ts)", () => {
  it("sum to England and Wales's 2023 total fertility rate, 1.44", () => {
    const tfr = FERTILITY_PER_1000.reduce((s, [lo, hi, rate]) => s + ((hi - lo + 1) * rate) / 1000, 0);
    expect(tfr).toBeCloseTo(1.44, 2);
  });
});
