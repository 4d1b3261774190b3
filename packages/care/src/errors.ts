// The care package's user-facing errors: each says what happened and what to do. The API
// turns them into 404, 409 and 422 answers.

/** Someone else saved first: the caller's version is stale. Carries what changed meanwhile. */
export class ConflictError<T = unknown> extends Error {
  readonly current: T;
  readonly details: Record<string, unknown>;
  constructor(message: string, current: T, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "ConflictError";
    this.current = current;
    this.details = details;
  }
}

/** The request cannot be carried out in the episode's present state (e.g. a checklist is incomplete). */
export class CareRuleError extends Error {
  readonly missing: readonly string[];
  constructor(message: string, missing: readonly string[] = []) {
    super(message);
    this.name = "CareRuleError";
    this.missing = missing;
  }
}

export class CareNotFoundError extends Error {
  constructor(what: string) {
    super(`${what} was not found`);
    this.name = "CareNotFoundError";
  }
}
