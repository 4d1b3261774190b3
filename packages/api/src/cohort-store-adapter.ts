// The cohort language's CohortStore over the application state's saved cohorts, so that
// `saved_cohort` references in a definition resolve to the versions users saved through
// the API. Versions are immutable in both; a stored definition is validated when read, so
// one saved before a language change fails with the node that no longer fits.
import {
  type CohortDefinition,
  type CohortStore,
  canonicalJson,
  SavedCohortNotFoundError,
  type SavedCohortVersion,
  validateCohort,
} from "@bevan/query";
import type { SavedCohortStore, SavedCohortVersion as StateVersion } from "@bevan/state";

function fromState(v: StateVersion): SavedCohortVersion {
  return {
    id: v.cohortId,
    version: v.version,
    definition: validateCohort(v.definition, `saved cohort ${v.cohortId} version ${v.version}`),
    savedAt: v.createdAt,
    savedBy: v.createdBy,
    ...(v.note === null ? {} : { note: v.note }),
  };
}

export function stateCohortStore(store: SavedCohortStore): CohortStore {
  return {
    async create(definition: CohortDefinition, meta) {
      const def = validateCohort(definition);
      return fromState(
        await store.create({
          name: def.name,
          definition: def,
          by: meta.savedBy,
          ...(meta.note === undefined ? {} : { note: meta.note }),
        }),
      );
    },
    async update(id, definition, meta) {
      const latest = await store.version(id);
      if (!latest) throw new SavedCohortNotFoundError(id);
      if (canonicalJson(latest.definition) === canonicalJson(definition)) return fromState(latest);
      const saved = await store.addVersion(id, {
        definition: validateCohort(definition),
        by: meta.savedBy,
        ...(meta.note === undefined ? {} : { note: meta.note }),
      });
      if (!saved) throw new SavedCohortNotFoundError(id);
      return fromState(saved);
    },
    async get(id, version) {
      const v = await store.version(id, version);
      return v ? fromState(v) : undefined;
    },
    async history(id) {
      return (await store.versions(id)).map(fromState);
    },
    async list() {
      const out: SavedCohortVersion[] = [];
      for (const c of await store.list()) {
        const v = await store.version(c.id, c.latestVersion);
        if (v) out.push(fromState(v));
      }
      return out;
    },
  };
}
