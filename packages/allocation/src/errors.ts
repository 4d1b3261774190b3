// Invalid input to an allocation calculation: a caller's mistake, naming the argument at fault.

export class AllocationInputError extends Error {
  /** The argument at fault, e.g. "budget". */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = "AllocationInputError";
    this.field = field;
  }
}
