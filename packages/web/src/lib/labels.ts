// Words for what the API returns as codes: where a record came from, risks as natural
// frequencies ("7 in 100 over 12 months"), and other small vocabularies a clinician reads.

/** Where a timeline row came from. */
export const SETTING_NAMES: Readonly<Record<string, string>> = {
  gp_event: "GP record",
  medication: "Prescription",
  admission: "Hospital admission",
  ae: "A&E",
  outpatient: "Outpatients",
  community: "Community health",
  social_care: "Social care",
  imaging: "Imaging",
};

/**
 * A probability as a natural frequency over a period: 0.073 → "7 in 100". Below 1 in 100 and
 * above 99 in 100 it says so rather than round to 0 or 100.
 */
export function inHundred(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "not known";
  if (p < 0.005) return "fewer than 1 in 100";
  if (p > 0.995) return "more than 99 in 100";
  return `${Math.round(100 * p)} in 100`;
}

/** A code with its term: "Pneumonia, unspecified (J189)", or the code alone. */
export const withCode = (term: string | null | undefined, code: string | null | undefined): string =>
  term ? (code ? `${term} (${code})` : term) : (code ?? "");

/** Yes/No for flags. */
export const yesNo = (b: boolean) => (b ? "Yes" : "No");

const SEX: Readonly<Record<string, string>> = { female: "Female", male: "Male", F: "Female", M: "Male" };
export const sexName = (s: string) => SEX[s] ?? s;
