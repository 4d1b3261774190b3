// Set operations between saved cohorts: a `saved_cohort` node stands for the criteria of a
// pinned version, so union, intersection and difference are or/and/not over them. Resolving
// inlines those criteria before compiling, so the compiler and the evaluator never see a
// reference. Versions are immutable and can only refer to versions that already existed,
// so references cannot form a cycle.
import { type CohortDefinition, type Criterion, deepFreeze } from "./ir.ts";
import { type CohortStore, SavedCohortNotFoundError } from "./store.ts";

export class SavedCohortPopulationError extends Error {
  constructor(id: string, version: number) {
    super(
      `saved cohort ${id} version ${version} is over a different population (registered vs everyone); combine cohorts over the same population`,
    );
    this.name = "SavedCohortPopulationError";
  }
}

export async function resolveSavedCohorts(
  def: CohortDefinition,
  store: CohortStore,
): Promise<CohortDefinition> {
  const resolve = async (node: Criterion): Promise<Criterion> => {
    switch (node.kind) {
      case "and":
      case "or":
        return { kind: node.kind, of: await Promise.all(node.of.map(resolve)) };
      case "not":
        return { kind: "not", of: await resolve(node.of) };
      case "saved_cohort": {
        const saved = await store.get(node.id, node.version);
        if (!saved) throw new SavedCohortNotFoundError(node.id, node.version);
        if (saved.definition.population !== def.population)
          throw new SavedCohortPopulationError(node.id, node.version);
        return resolve(saved.definition.criteria);
      }
      default:
        return node;
    }
  };
  return deepFreeze({ ...def, criteria: await resolve(def.criteria) });
}
