// Typed errors: every public function validates its input and throws MethodsInputError
// with a stable code, so callers (API, CLI) can turn it into an actionable message.

export type MethodsErrorCode =
  | "negative_count"
  | "non_finite"
  | "not_integer"
  | "numerator_exceeds_denominator"
  | "non_positive_denominator"
  | "length_mismatch"
  | "empty_input"
  | "invalid_confidence"
  | "invalid_option"
  | "invalid_date"
  | "too_few_points";

export class MethodsInputError extends Error {
  readonly code: MethodsErrorCode;
  /** The argument (and element index, when there is one) at fault, e.g. "denominators[3]". */
  readonly field: string;

  constructor(code: MethodsErrorCode, field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = "MethodsInputError";
    this.code = code;
    this.field = field;
  }
}
