// Emergency admissions by age from Hospital Episode Statistics (data/hes-emergency-admissions-
// england-2024.json). A person's yearly rate is their age band's rate times their own modifiers
// (conditions, frailty, latent ill-health, deprivation, smoking, care home) over the band's
// mean of the same (calibrate.ts), so each band matches HES while who is admitted follows health.
import { readFileSync } from "node:fs";

export interface AdmissionRateTable {
  readonly title: string;
  readonly source: string;
  readonly year: number;
  readonly note: string;
  readonly rates: readonly { readonly from: number; readonly to: number; readonly per1000: number }[];
}

let table: AdmissionRateTable | undefined;
let bandOfAge: Uint8Array | undefined;

/** HES emergency admissions per 1,000 a year by age band, England (the generator's input). */
export function hesEmergencyAdmissionRates(): AdmissionRateTable {
  table ??= JSON.parse(
    readFileSync(new URL("../data/hes-emergency-admissions-england-2024.json", import.meta.url), "utf8"),
  ) as AdmissionRateTable;
  return table;
}

export function admissionBandCount(): number {
  return hesEmergencyAdmissionRates().rates.length;
}

export function admissionBandIndex(age: number): number {
  if (!bandOfAge) {
    const b = new Uint8Array(121);
    hesEmergencyAdmissionRates().rates.forEach((r, i) => {
      for (let a = r.from; a <= Math.min(120, r.to); a++) b[a] = i;
    });
    bandOfAge = b;
  }
  return bandOfAge[Math.max(0, Math.min(120, Math.floor(age)))] ?? 0;
}

/** Emergency admissions per person-year at an age (the band's HES rate). */
export function admissionBandRate(age: number): number {
  return (hesEmergencyAdmissionRates().rates[admissionBandIndex(age)]?.per1000 ?? 0) / 1000;
}
