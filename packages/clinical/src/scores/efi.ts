// Electronic Frailty Index (Clegg et al., Age Ageing 2016;45:353): the share of 36 deficits
// present, banded fit (≤0.12), mild (>0.12–0.24), moderate (>0.24–0.36), severe (>0.36).
// Deficits come from coded entries (the GM-SDE efi-* code sets, see efi-codelists.ts) and,
// for polypharmacy, from 5 or more distinct medicines issued in the last 12 months. Pure.
import { ScoreInputError, type ScoreResult } from "./score-result.ts";

export const EFI_DEFICIT_COUNT = 36;
/** Deficit number of polypharmacy in Clegg's list. */
export const EFI_POLYPHARMACY = 26;
export const POLYPHARMACY_MIN_MEDICINES = 5;

export type EfiBand = "fit" | "mild" | "moderate" | "severe";

/** Upper limits (inclusive) of the bands below "severe", in order: the one statement of the cut-offs. */
export const EFI_BAND_LIMITS: readonly (readonly [EfiBand, number])[] = [
  ["fit", 0.12],
  ["mild", 0.24],
  ["moderate", 0.36],
];
export const EFI_TOP_BAND: EfiBand = "severe";

export function efiBand(efi: number): EfiBand {
  for (const [band, upTo] of EFI_BAND_LIMITS) if (efi <= upTo) return band;
  return EFI_TOP_BAND;
}

/**
 * eFI of a person with these deficits (numbers 1–36; duplicates count once) who was issued
 * `distinctMedicines12m` different medicines in the last 12 months.
 */
export function efi(deficits: Iterable<number>, distinctMedicines12m: number): ScoreResult {
  if (!Number.isInteger(distinctMedicines12m) || distinctMedicines12m < 0)
    throw new ScoreInputError("medicines_12m must be a whole number of 0 or more");
  const present = new Set<number>();
  for (const d of deficits) {
    if (!Number.isInteger(d) || d < 1 || d > EFI_DEFICIT_COUNT)
      throw new ScoreInputError(`eFI deficits are numbered 1–${EFI_DEFICIT_COUNT}`);
    present.add(d);
  }
  if (distinctMedicines12m >= POLYPHARMACY_MIN_MEDICINES) present.add(EFI_POLYPHARMACY);
  const value = present.size / EFI_DEFICIT_COUNT;
  return { value, band: efiBand(value) };
}

/**
 * eFI from a count of distinct coded deficits (polypharmacy, deficit 26, not among them)
 * and distinct medicines issued in 12 months: the warehouse counts in SQL, this scores.
 */
export function efiOfCount(codedDeficits: number, distinctMedicines12m: number): ScoreResult {
  if (!Number.isInteger(codedDeficits) || codedDeficits < 0 || codedDeficits > EFI_DEFICIT_COUNT - 1)
    throw new ScoreInputError(`coded eFI deficits must be 0–${EFI_DEFICIT_COUNT - 1}`);
  const n = codedDeficits + (distinctMedicines12m >= POLYPHARMACY_MIN_MEDICINES ? 1 : 0);
  const value = n / EFI_DEFICIT_COUNT;
  return { value, band: efiBand(value) };
}
