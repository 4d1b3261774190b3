// How the compiler orders a cohort's work: the top-level conjuncts that are plain columns of
// the person row (age, sex, geography, organisation, flags) are cheap and are evaluated first,
// as the candidate set; the conjuncts that read record tables (registers, events, values,
// medicines, activity, social care, scores) then read only the candidates' rows.
import type { Criterion } from "./ir.ts";

/** True when the criterion reads only the person row `b` (no record table). */
export function isPersonLevel(node: Criterion): boolean {
  switch (node.kind) {
    case "and":
    case "or":
      return node.of.every(isPersonLevel);
    case "not":
      return isPersonLevel(node.of);
    case "everyone":
    case "age":
    case "sex":
    case "ethnicity":
    case "lsoa":
    case "imd":
    case "organisation":
    case "flag":
      return true;
    default:
      return false;
  }
}

/** The top-level conjuncts of a criterion (nested `and`s flattened), in document order. */
export function conjuncts(node: Criterion): readonly Criterion[] {
  return node.kind === "and" ? node.of.flatMap(conjuncts) : [node];
}

export interface ConjunctSplit {
  /** Conjuncts on the person row: they define the candidates. */
  readonly person: readonly Criterion[];
  /** Conjuncts reading record tables: evaluated for the candidates only. */
  readonly records: readonly Criterion[];
}

export function splitConjuncts(node: Criterion): ConjunctSplit {
  const all = conjuncts(node);
  return { person: all.filter(isPersonLevel), records: all.filter((c) => !isPersonLevel(c)) };
}
