// Invalid input to a model or an evaluation: a caller's mistake, with the argument at fault.

export class ModelInputError extends Error {
  /** The argument at fault, e.g. "labels". */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = "ModelInputError";
    this.field = field;
  }
}

export function sameLength(n: number, length: number, field: string): void {
  if (length !== n) throw new ModelInputError(field, `has ${length} values, expected ${n}`);
}

export function binaryLabels(labels: ArrayLike<number>, field = "labels"): void {
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new ModelInputError(field, `value ${i} is ${y}; labels must be 0 or 1`);
  }
}
