// How the compiler orders a cohort's work: the top-level conjuncts that are cheap — columns of
// the person row (age, sex, geography, organisation, flags) and register membership (one small
// table, one row per person and register) — are evaluated first, as the candidate set; the
// conjuncts that read the large record tables (events, values, medicines, activity, social
// care, scores) then read only the candidates' rows.
import type { Criterion } from "./ir.ts";

/** True when the criterion reads only the person row `b` and the register table. */
export function isCheap(node: Criterion): boolean {
  switch (node.kind) {
    case "and":
    case "or":
      return node.of.every(isCheap);
    case "not":
      return isCheap(node.of);
    case "everyone":
    case "age":
    case "sex":
    case "ethnicity":
    case "lsoa":
    case "imd":
    case "organisation":
    case "flag":
    case "register":
    case "register_count":
      return true;
    default:
      return false;
  }
}

/** The top-level conjuncts of a criterion (nested `and`s flattened), in document order. */
export function conjuncts(node: Criterion): readonly Criterion[] {
  return node.kind === "and" ? node.of.flatMap(conjuncts) : [node];
}

/** True when the criterion reads one of the large record tables (events, issues, activity). */
export function readsLargeTable(node: Criterion): boolean {
  switch (node.kind) {
    case "and":
    case "or":
      return node.of.some(readsLargeTable);
    case "not":
      return readsLargeTable(node.of);
    case "events":
    case "latest_value":
    case "distinct_medicines":
    case "hospital_activity":
    case "social_care":
      return true;
    default:
      return false;
  }
}

export interface ConjunctSplit {
  /** Cheap conjuncts (person row, registers): they define the candidates. */
  readonly cheap: readonly Criterion[];
  /** The other conjuncts: evaluated for the candidates only. */
  readonly records: readonly Criterion[];
}

/**
 * The split, when it is worth making: some conjunct reads a large record table, and some
 * cheap conjunct can narrow the people (a `not` alone rarely does: most people are not on
 * a given register). Otherwise null, and the cohort is compiled as one filter over people.
 * The candidate set costs a CTE (tens of milliseconds at 1M people), so it is not made for
 * cohorts whose record conjuncts are themselves cheap (registers, scores).
 */
export function splitConjuncts(node: Criterion): ConjunctSplit | null {
  const all = conjuncts(node);
  const cheap = all.filter(isCheap);
  const records = all.filter((c) => !isCheap(c));
  const narrows = cheap.some((c) => c.kind !== "not" && c.kind !== "everyone");
  return narrows && records.some(readsLargeTable) ? { cheap, records } : null;
}
