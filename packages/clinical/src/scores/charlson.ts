// Charlson comorbidity index from ICD-10 codes: Quan 2005 coding, Quan 2011 weights, with the
// hierarchy rules (a more severe form of a condition replaces the milder one). Pure: no I/O.
import { CHARLSON_QUAN } from "./charlson-map.ts";
import type { ScoreResult } from "./score-result.ts";

export const CHARLSON_DOMAINS = [
  "mi",
  "chf",
  "pvd",
  "cevd",
  "dementia",
  "cpd",
  "rheumd",
  "pud",
  "mld",
  "diab",
  "diabwc",
  "hp",
  "rend",
  "canc",
  "msld",
  "metacanc",
  "aids",
] as const;
export type CharlsonDomain = (typeof CHARLSON_DOMAINS)[number];

/** More severe domain → the milder one it replaces. */
export const CHARLSON_HIERARCHY: readonly (readonly [CharlsonDomain, CharlsonDomain])[] = [
  ["msld", "mld"],
  ["diabwc", "diab"],
  ["metacanc", "canc"],
];

/** Upper case, letters and digits only: "e11.4" → "E114". */
export function tidyIcd10(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** The domains the codes flag, before the hierarchy. */
export function charlsonDomains(codes: Iterable<string>): Set<CharlsonDomain> {
  const found = new Set<CharlsonDomain>();
  for (const raw of codes) {
    const code = tidyIcd10(raw);
    if (code === "") continue;
    for (const d of CHARLSON_QUAN) {
      if (!found.has(d.domain) && d.prefixes.some((p) => code.startsWith(p))) found.add(d.domain);
    }
  }
  return found;
}

/** Applies the hierarchy: removes a milder domain when its severe form is present. */
export function applyCharlsonHierarchy(domains: ReadonlySet<CharlsonDomain>): Set<CharlsonDomain> {
  const out = new Set(domains);
  for (const [severe, mild] of CHARLSON_HIERARCHY) if (out.has(severe)) out.delete(mild);
  return out;
}

const WEIGHT = new Map(CHARLSON_QUAN.map((d) => [d.domain, d.weight]));

/** Quan 2011 weighted score of a set of domains (hierarchy applied first). */
export function charlsonScoreOf(domains: ReadonlySet<CharlsonDomain>): number {
  let score = 0;
  for (const d of applyCharlsonHierarchy(domains)) score += WEIGHT.get(d) ?? 0;
  return score;
}

/** Charlson index (Quan 2011 weights) of a person's ICD-10 diagnoses. */
export function charlson(codes: Iterable<string>): ScoreResult {
  return { value: charlsonScoreOf(charlsonDomains(codes)) };
}
