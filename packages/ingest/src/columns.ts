// SQL for checking and converting one extract column from text. Every check names the
// column and what was expected, and never quotes the value (it may identify a person).
import type { ExtractColumn } from "@bevan/domain";
import type { Dialect } from "@bevan/engine";

export interface ColumnSql {
  /** The typed value (null when empty or unparseable). */
  readonly value: string;
  /** True when the raw text is acceptable for this column. */
  readonly valid: string;
  readonly reasonCode: string;
  readonly reason: string;
}

const BOOLEAN = (raw: string) =>
  `CASE lower(${raw}) WHEN 'true' THEN TRUE WHEN 't' THEN TRUE WHEN '1' THEN TRUE WHEN 'yes' THEN TRUE WHEN 'false' THEN FALSE WHEN 'f' THEN FALSE WHEN '0' THEN FALSE WHEN 'no' THEN FALSE END`;

export function columnSql(col: ExtractColumn, alias: string, d: Dialect): ColumnSql {
  const raw = `NULLIF(trim(${alias}.${d.quoteIdent(col.name)}), '')`;
  const missing = `${raw} IS NULL`;
  const typed = (value: string, expected: string, code: string): ColumnSql => ({
    value,
    valid: col.required ? `(${value}) IS NOT NULL` : `(${missing} OR (${value}) IS NOT NULL)`,
    reasonCode: code,
    reason: `column ${col.name}: ${col.required ? "required, " : ""}${expected}`,
  });
  switch (col.type) {
    case "string":
      return typed(raw, "text expected", "missing_value");
    case "nhs_number":
      return typed(raw, "a 10-digit NHS number expected", "missing_value");
    case "date":
      return typed(d.tryCast(raw, "DATE"), "a date in the form YYYY-MM-DD expected", "invalid_date");
    case "integer":
      return typed(d.tryCast(raw, "BIGINT"), "a whole number expected", "invalid_number");
    case "double":
      return typed(d.tryCast(raw, "DOUBLE"), "a number expected", "invalid_number");
    case "boolean":
      return typed(BOOLEAN(raw), "true or false expected", "invalid_boolean");
  }
}

/** Portable SQL: is `expr` a ten-digit NHS number with a correct modulus-11 check digit? */
export function nhsNumberValidSql(expr: string, d: Dialect): string {
  const digit = (i: number) => d.tryCast(`substr(${expr}, ${i}, 1)`, "INTEGER");
  const sum = Array.from({ length: 9 }, (_, i) => `${digit(i + 1)} * ${10 - i}`).join(" + ");
  const check = `(11 - ((${sum}) % 11))`;
  return `(${d.fullMatch(expr, "[0-9]{10}")} AND CASE WHEN ${check} = 11 THEN 0 WHEN ${check} = 10 THEN -1 ELSE ${check} END = ${digit(10)})`;
}
