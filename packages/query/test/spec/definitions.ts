// Turns spec cases into full, resolved cohort definitions (saved cohorts in a store).
import { cohort } from "../../src/cohort/builder.ts";
import type { CohortDefinition } from "../../src/cohort/ir.ts";
import { resolveSavedCohorts } from "../../src/cohort/resolve.ts";
import { MemoryCohortStore } from "../../src/cohort/store.ts";
import type { Spec, SpecCase } from "./spec.ts";

export function caseDefinition(c: SpecCase): CohortDefinition {
  return cohort(c.name, c.criteria, { population: c.population ?? "registered" });
}

export async function resolvedDefinition(spec: Spec, c: SpecCase): Promise<CohortDefinition> {
  const ids = Object.keys(spec.saved ?? {});
  let next = 0;
  const store = new MemoryCohortStore({
    now: () => new Date("2026-01-01T00:00:00Z"),
    newId: () => ids[next++] ?? "?",
  });
  for (const [id, criteria] of Object.entries(spec.saved ?? {}))
    await store.create(cohort(id, criteria), { savedBy: "spec" });
  return resolveSavedCohorts(caseDefinition(c), store);
}
