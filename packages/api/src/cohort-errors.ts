// The cohort language's user-fixable errors as HTTP answers: an invalid definition is 400
// with every offending node's path and what is allowed; a saved-cohort reference that does
// not resolve is 400; scores the build has not made are 409 with the fix. Messages carry
// no warehouse values; anything else stays an internal error.
import type { CohortValidationError, ScoresNotBuiltError } from "@bevan/query";
import { HttpError } from "./http-error.ts";

function named<T extends Error>(error: unknown, name: string): error is T {
  return error instanceof Error && error.name === name;
}

export function cohortHttpError(error: unknown): unknown {
  if (named<CohortValidationError>(error, "CohortValidationError"))
    return new HttpError(
      400,
      "invalid_cohort",
      `the cohort definition is not valid: ${error.issues
        .slice(0, 5)
        .map((i) => `at ${i.path || "/"}: ${i.message}`)
        .join("; ")}`,
      error.issues.slice(0, 50),
    );
  if (named(error, "SavedCohortNotFoundError") || named(error, "SavedCohortPopulationError"))
    return new HttpError(
      400,
      "invalid_cohort",
      named(error, "SavedCohortNotFoundError")
        ? 'a "saved_cohort" node names a cohort or version that does not exist: use an id and version listed by GET /api/cohorts'
        : 'a "saved_cohort" node names a cohort over a different population (registered vs everyone): combine cohorts over the same population',
    );
  if (named<ScoresNotBuiltError>(error, "ScoresNotBuiltError"))
    return new HttpError(409, "scores_not_built", error.message);
  return error;
}

/** Runs cohort work, turning the language's user errors into HTTP errors. */
export async function cohortCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw cohortHttpError(error);
  }
}
