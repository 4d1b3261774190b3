// Deaths by age and sex from ONS's age-specific death rates for England (data/ons-death-rates-
// england-2023.json). A person's yearly hazard is the rate of their sex and age band, shaped
// within the band (log-linearly between the neighbouring bands' rates) and multiplied by
// their own modifiers (the latent ill-health factor, deprivation, smoking, conditions),
// divided by the average of shape × modifiers in that sex and band. So each band's mean
// hazard is the ONS rate while who dies within it follows the person's health.
import { readFileSync } from "node:fs";
import type { Baseline } from "./features.ts";

export interface DeathRateBand {
  readonly sex: "F" | "M";
  readonly from: number;
  readonly to: number;
  readonly per1000: number;
}

export interface DeathRateTable {
  readonly title: string;
  readonly source: string;
  readonly year: number;
  readonly note: string;
  readonly rates: readonly DeathRateBand[];
}

let table: DeathRateTable | undefined;

/** ONS deaths per 1,000 a year by sex and age band, England (the generator's mortality input). */
export function onsDeathRates(): DeathRateTable {
  table ??= JSON.parse(
    readFileSync(new URL("../data/ons-death-rates-england-2023.json", import.meta.url), "utf8"),
  ) as DeathRateTable;
  return table;
}

interface Prepared {
  readonly bands: readonly { readonly from: number; readonly to: number }[];
  /** Band of each whole age 0…120. */
  readonly bandOfAge: Uint8Array;
  /** Per sex (F, M): rate per person-year, band midpoint, and log-rate slopes below and above it. */
  readonly rate: readonly [Float64Array, Float64Array];
  readonly mid: Float64Array;
  readonly slopeDown: readonly [Float64Array, Float64Array];
  readonly slopeUp: readonly [Float64Array, Float64Array];
}

let prepared: Prepared | undefined;

function prepare(): Prepared {
  if (prepared) return prepared;
  const rates = onsDeathRates().rates;
  const bands = rates.filter((r) => r.sex === "F").map((r) => ({ from: r.from, to: r.to }));
  const n = bands.length;
  const bandOfAge = new Uint8Array(121);
  bands.forEach((b, i) => {
    for (let a = b.from; a <= Math.min(120, b.to); a++) bandOfAge[a] = i;
  });
  // The open top band is centred three years in.
  const mid = Float64Array.from(bands, (b) => (b.to >= 110 ? b.from + 3 : (b.from + b.to + 1) / 2));
  const perSex = (sex: "F" | "M") =>
    Float64Array.from(
      bands,
      (b) => (rates.find((r) => r.sex === sex && r.from === b.from)?.per1000 ?? 0) / 1000,
    );
  const rate = [perSex("F"), perSex("M")] as const;
  // Slope of log rate towards the neighbouring band on each side (none for ages 0 and 1–4;
  // the open top band continues the slope from the band below).
  const slopes = (r: Float64Array, up: boolean) =>
    Float64Array.from(bands, (_, i) => {
      const j = up && i < n - 1 ? i + 1 : i - 1;
      if (i <= 1 || j <= 1) return 0;
      return Math.log((r[j] ?? 1) / (r[i] ?? 1)) / ((mid[j] ?? 0) - (mid[i] ?? 0));
    });
  prepared = {
    bands,
    bandOfAge,
    rate,
    mid,
    slopeDown: [slopes(rate[0], false), slopes(rate[1], false)],
    slopeUp: [slopes(rate[0], true), slopes(rate[1], true)],
  };
  return prepared;
}

/** Band boundaries (the same for both sexes), youngest first. */
export function deathRateBands(): readonly { readonly from: number; readonly to: number }[] {
  return prepare().bands;
}

export function bandIndex(age: number): number {
  return prepare().bandOfAge[Math.max(0, Math.min(120, Math.floor(age)))] ?? 0;
}

/** Yearly hazard before person modifiers and the band's normalisation: ONS rate × shape. */
export function baseHazard(sex: "F" | "M", age: number): number {
  const t = prepare();
  const i = bandIndex(age);
  const s = sex === "F" ? 0 : 1;
  const m = t.mid[i] ?? 0;
  const slope = (age >= m ? t.slopeUp[s][i] : t.slopeDown[s][i]) ?? 0;
  return (t.rate[s][i] ?? 0) * Math.exp(slope * (age - m));
}

/** Log hazard ratio of a person's baseline (not their conditions). */
export function mortalityModifier(b: Baseline): number {
  return 0.35 * b.h + 0.2 * b.dep + (b.smoking === 2 ? 0.3 : 0);
}
