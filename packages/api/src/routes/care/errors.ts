// The care package's errors as HTTP answers: a stale save is 409 with what changed on both
// sides (nothing is overwritten), a pathway rule or an invalid plan is 422 with what is
// missing, an unknown episode 404.
import {
  CareNotFoundError,
  CareRuleError,
  ConflictError,
  FhirImportError,
  MeasureInvalidError,
  PlanInvalidError,
} from "@bevan/care";
import { Type } from "typebox";
import { HttpError } from "../../http-error.ts";
import { ErrorBody } from "../../schemas.ts";

/** A 409's body: the error and, for a stale save, the record as it is now and what changed on each side. */
export const ConflictBody = Type.Object({
  error: ErrorBody.properties.error,
  conflict: Type.Optional(Type.Unknown()),
});

/** A 409 whose body also carries the record as it is now and what changed. */
export class ConflictHttpError extends HttpError {
  readonly conflict: unknown;
  constructor(message: string, conflict: unknown) {
    super(409, "conflict", message);
    this.conflict = conflict;
  }
  override body() {
    return { ...super.body(), conflict: this.conflict as Record<string, unknown> } as ReturnType<
      HttpError["body"]
    >;
  }
}

export async function careCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConflictError) throw new ConflictHttpError(error.message, error.current);
    if (error instanceof CareRuleError)
      throw new HttpError(
        422,
        "pathway_rule",
        error.message,
        error.missing.map((m) => ({ path: "checklist", message: m })),
      );
    if (error instanceof PlanInvalidError)
      throw new HttpError(422, "invalid_plan", error.message, [...error.issues]);
    if (error instanceof MeasureInvalidError) throw new HttpError(422, "invalid_measure", error.message);
    if (error instanceof FhirImportError)
      throw new HttpError(422, "invalid_fhir", error.message, [{ path: error.path, message: error.message }]);
    if (error instanceof CareNotFoundError)
      throw new HttpError(404, "not_found", `${error.message} in your scope`);
    throw error;
  }
}
