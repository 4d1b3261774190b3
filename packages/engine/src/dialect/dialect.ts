// The dialect seam: every piece of engine-specific SQL is rendered here. Analytic SQL
// elsewhere is written in the portable subset (ANSI joins, CASE, window functions,
// year()/month()/day(), DATE literals) and calls the dialect for anything else.
import type { ColumnType } from "@bevan/domain";

export interface DialectCapabilities {
  /** Can scan a CSV file directly in a query (DuckDB's read_csv). */
  readonly readCsv: boolean;
  /** Supports CREATE OR REPLACE TABLE. */
  readonly createOrReplace: boolean;
  /** Supports `INSERT … ON CONFLICT`. */
  readonly upsert: boolean;
  /** Enforces NOT NULL column constraints (Trino's Hive connector refuses them). */
  readonly notNull: boolean;
}

export interface CsvScanColumn {
  readonly name: string;
  readonly sqlType: string;
}

export interface Dialect {
  readonly name: "duckdb" | "trino";
  readonly capabilities: DialectCapabilities;
  columnType(type: ColumnType): string;
  quoteIdent(name: string): string;
  stringLiteral(value: string): string;
  dateLiteral(isoDate: string): string;
  /**
   * A DOUBLE constant equal to `value` bit for bit (a plain decimal literal is DECIMAL on both
   * engines, and converting it can round differently from JavaScript's parse).
   */
  doubleLiteral(value: number): string;
  /** `expr` plus `months` calendar months (negative to go back). */
  addMonths(expr: string, months: number): string;
  /** `expr` plus `days` days (negative to go back). */
  addDays(expr: string, days: number): string;
  /** Whole days from `start` to `end`. */
  daysBetween(start: string, end: string): string;
  /** First day of the month of `expr`. */
  monthStart(expr: string): string;
  /** A table-valued scan of a headed CSV file, every column read as text. */
  csvScan(path: string, columns: readonly CsvScanColumn[]): string;
  /**
   * A headed CSV scan that does not stop at malformed lines (wrong column count, invalid
   * UTF-8): they are skipped here and listed by `csvRejectsQuery` with their line numbers.
   */
  csvScanWithRejects(path: string, columns: readonly CsvScanColumn[]): string;
  /** Lines rejected by the last `csvScanWithRejects`: (line BIGINT, error_type VARCHAR). */
  csvRejectsQuery(): string;
  /** A table `g(line)` of the whole numbers from `from` to `to`. */
  seriesTable(from: string, to: string): string;
  /** A text file one line per row: (line VARCHAR), in file order; gzip by extension. */
  linesScan(path: string): string;
  /** One row per JSON document in the files: (filename VARCHAR, doc JSON); gzip by extension. */
  jsonDocumentsScan(paths: readonly string[]): string;
  /** The JSON text `expr` parsed, null when it is not valid JSON. */
  tryParseJson(expr: string): string;
  /** The scalar at JSONPath `path` (e.g. `$.code.text`) as text, null when absent. */
  jsonText(expr: string, path: string): string;
  /** The JSON values matched by a wildcard JSONPath (e.g. `$.code.coding[*]`), as a list. */
  jsonList(expr: string, path: string): string;
  /** The first element of a list, null when empty. */
  listFirst(expr: string): string;
  /** Number of elements of a list. */
  listLength(expr: string): string;
  /**
   * The first element of a list of codings (JSON) whose `system` (or another key, such as an
   * extension's `url`) is in `systems`, as JSON; null if none.
   */
  firstCodingIn(codings: string, systems: readonly string[], key?: string): string;
  /** The part of a reference after its last `/`, `:` or `|` (`urn:uuid:x`, `Patient/x`, `…|x`). */
  referenceId(expr: string): string;
  /** Hex MD5 of text. */
  md5(expr: string): string;
  /** Parse text as a value of `sqlType`, null when it does not parse. */
  tryCast(expr: string, sqlType: string): string;
  /** True when the whole of `expr` matches the regular expression. */
  fullMatch(expr: string, pattern: string): string;
  /**
   * A keyed hash of a person key into [0, 2^bits): the first 64 bits of MD5(secret ‖ id) as
   * text, masked. The disclosure record key (docs/disclosure-control.md); computed at build.
   */
  keyedBits(personIdExpr: string, secretHex: string, bits: number): string;
  /**
   * One WITH-list entry that the planner inlines at each reference (never computed once and
   * stored), so filters on the outer query reach the base tables: `name AS (select)`.
   */
  inlineCte(name: string, select: string): string;
  /** One WITH-list entry computed once per query however often it is referenced. */
  onceCte(name: string, select: string): string;
}

/** Column types both engines spell the same way. */
export const ANSI_COLUMN_TYPES: Readonly<Record<ColumnType, string>> = {
  person_id: "BIGINT",
  varchar: "VARCHAR",
  integer: "INTEGER",
  bigint: "BIGINT",
  double: "DOUBLE",
  date: "DATE",
  boolean: "BOOLEAN",
};

export function quoteIdentAnsi(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function stringLiteralAnsi(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The shortest decimal text that reads back as `value` (JavaScript's), refusing NaN and ±Infinity. */
export function doubleText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} is not a finite number`);
  return Object.is(value, -0) ? "-0.0" : String(value);
}

export function assertIsoDate(value: string): string {
  const t = Date.parse(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(t) ||
    new Date(t).toISOString().slice(0, 10) !== value
  ) {
    throw new Error(`'${value}' is not a date in the form YYYY-MM-DD`);
  }
  return value;
}

/** A secret given as hex, checked (it is inlined into build SQL): hex digits only, 32 or more. */
export function hexLiteral(secretHex: string): string {
  if (!/^[0-9a-f]{32,}$/i.test(secretHex))
    throw new Error("the secret must be at least 32 hexadecimal characters");
  return `'${secretHex.toLowerCase()}'`;
}

/** 2^bits − 1, for 1 ≤ bits ≤ 30. */
export function mask(bits: number): string {
  if (!Number.isInteger(bits) || bits < 1 || bits > 30)
    throw new Error("bits must be a whole number from 1 to 30");
  return String(2 ** bits - 1);
}
