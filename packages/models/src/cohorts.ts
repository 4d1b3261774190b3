// "The cohorts that make up half of admissions": the smallest set of needs profiles whose
// admissions reach a share of the total. Taking profiles largest first is optimal for the
// smallest number of profiles (ties broken by name, so the answer is deterministic).
import { ModelInputError } from "./errors.ts";

export interface ProfileCount {
  readonly profile: string;
  readonly persons: number;
  readonly admissions: number;
}

export interface CoveringProfile extends ProfileCount {
  readonly admissionShare: number;
  readonly cumulativeShare: number;
  readonly populationShare: number;
}

export function smallestCovering(counts: readonly ProfileCount[], share = 0.5): CoveringProfile[] {
  if (!(share > 0 && share <= 1)) throw new ModelInputError("share", "must be a fraction in (0, 1]");
  const total = counts.reduce((s, c) => s + c.admissions, 0);
  const persons = counts.reduce((s, c) => s + c.persons, 0);
  if (total <= 0) return [];
  const sorted = [...counts].sort(
    (a, b) => b.admissions - a.admissions || (a.profile < b.profile ? -1 : a.profile > b.profile ? 1 : 0),
  );
  const out: CoveringProfile[] = [];
  let cumulative = 0;
  for (const c of sorted) {
    if (cumulative >= share * total) break;
    cumulative += c.admissions;
    out.push({
      ...c,
      admissionShare: c.admissions / total,
      cumulativeShare: cumulative / total,
      populationShare: persons > 0 ? c.persons / persons : 0,
    });
  }
  return out;
}
