// Shared input checks. Each throws MethodsInputError naming the argument and index at fault.
import { MethodsInputError } from "./errors.ts";

export function finite(value: number, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new MethodsInputError("non_finite", field, `must be a finite number, got ${String(value)}`);
  }
  return value;
}

export function nonNegative(value: number, field: string): number {
  finite(value, field);
  if (value < 0) throw new MethodsInputError("negative_count", field, `must be zero or more, got ${value}`);
  return value;
}

export function positive(value: number, field: string): number {
  finite(value, field);
  if (value <= 0) {
    throw new MethodsInputError("non_positive_denominator", field, `must be greater than zero, got ${value}`);
  }
  return value;
}

export function integer(value: number, field: string): number {
  finite(value, field);
  if (!Number.isInteger(value))
    throw new MethodsInputError("not_integer", field, `must be a whole number, got ${value}`);
  return value;
}

export function sameLength(arrays: Record<string, readonly unknown[]>): number {
  const entries = Object.entries(arrays);
  const first = entries[0];
  if (first === undefined) return 0;
  const n = first[1].length;
  for (const [name, arr] of entries) {
    if (arr.length !== n) {
      throw new MethodsInputError(
        "length_mismatch",
        name,
        `has ${arr.length} elements but ${first[0]} has ${n}; they must line up one-to-one`,
      );
    }
  }
  return n;
}

export function nonEmpty(arr: readonly unknown[], field: string): void {
  if (arr.length === 0) throw new MethodsInputError("empty_input", field, "must not be empty");
}

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** Apply a check to every element, naming each as field[i]. */
export function checkEach(
  values: readonly number[],
  field: string,
  check: (value: number, field: string) => unknown,
): void {
  for (let i = 0; i < values.length; i++) check(values[i] as number, `${field}[${i}]`);
}
