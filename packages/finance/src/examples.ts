// The worked examples shipped with Bevan (packages/finance/examples/*.json), read from the
// package's own files; a cohort named by file is inlined as a definition, so the web app and
// the API can show and run them as one document.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const EXAMPLE_IDS = [
  "structured-education",
  "hospital-at-home",
  "proactive-care-very-high-risk",
  "minimal",
] as const;
export type ExampleId = (typeof EXAMPLE_IDS)[number];

const ROOT = join(import.meta.dirname, "..", "examples");

/** An example case as JSON, its cohort file (if any) inlined as `cohort.definition`. */
export function exampleCase(id: ExampleId): Record<string, unknown> {
  const file = join(ROOT, `${id}.json`);
  const c = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const cohort = c.cohort as { file?: string } | undefined;
  if (cohort?.file) {
    const definition = JSON.parse(readFileSync(join(dirname(file), cohort.file), "utf8"));
    return { ...c, cohort: { definition } };
  }
  return c;
}

/** The example outcome-based contract (packages/finance/examples/diabetes-outcomes-contract.json). */
export function exampleContract(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, "diabetes-outcomes-contract.json"), "utf8")) as Record<
    string,
    unknown
  >;
}
