// Trino rendering of the dialect seam: the scale-out engine, executed by TrinoWarehouse on a
// Hive catalog over Parquet (no CREATE OR REPLACE TABLE, no NOT NULL, no row-level DELETE).
import {
  ANSI_COLUMN_TYPES,
  assertIsoDate,
  type Dialect,
  doubleText,
  hexLiteral,
  mask,
  quoteIdentAnsi,
  stringLiteralAnsi,
} from "./dialect.ts";

export const trino: Dialect = {
  name: "trino",
  capabilities: { readCsv: false, createOrReplace: false, upsert: false, notNull: false },
  columnType: (type) => ANSI_COLUMN_TYPES[type],
  quoteIdent: quoteIdentAnsi,
  stringLiteral: stringLiteralAnsi,
  dateLiteral: (iso) => `DATE '${assertIsoDate(iso)}'`,
  doubleLiteral: (value) => `DOUBLE '${doubleText(value)}'`,
  addMonths: (expr, months) => `date_add('month', ${Math.trunc(months)}, ${expr})`,
  addDays: (expr, days) => `date_add('day', ${Math.trunc(days)}, ${expr})`,
  daysBetween: (start, end) => `date_diff('day', ${start}, ${end})`,
  monthStart: (expr) => `date_trunc('month', ${expr})`,
  csvScan: () => {
    throw new Error("Trino reads extracts through a Hive/Iceberg table, not a CSV scan; ingest with DuckDB");
  },
  csvScanWithRejects: () => {
    throw new Error("Trino reads extracts through a Hive/Iceberg table, not a CSV scan; ingest with DuckDB");
  },
  csvRejectsQuery: () => {
    throw new Error("Trino has no CSV reject table; ingest with DuckDB");
  },
  seriesTable: (from, to) => `UNNEST(sequence(${from}, ${to})) AS g(line)`,
  linesScan: () => {
    throw new Error("Trino reads files through a Hive/Iceberg table, not a file scan; ingest with DuckDB");
  },
  jsonDocumentsScan: () => {
    throw new Error("Trino reads files through a Hive/Iceberg table, not a file scan; ingest with DuckDB");
  },
  tryParseJson: (expr) => `try(json_parse(${expr}))`,
  jsonText: (expr, path) => `json_extract_scalar(${expr}, ${stringLiteralAnsi(path)})`,
  jsonList: (expr, path) =>
    `CAST(json_extract(${expr}, ${stringLiteralAnsi(path.replace(/\[\*\]$/, ""))}) AS ARRAY(JSON))`,
  listFirst: (expr) => `element_at(${expr}, 1)`,
  listLength: (expr) => `cardinality(${expr})`,
  firstCodingIn: (codings, systems, key = "system") =>
    `element_at(filter(${codings}, x -> json_extract_scalar(x, '$.${key}') IN (${systems.map(stringLiteralAnsi).join(", ")})), 1)`,
  referenceId: (expr) => `regexp_extract(${expr}, '([^/:|]*)$', 1)`,
  md5: (expr) => `lower(to_hex(md5(to_utf8(${expr}))))`,
  tryCast: (expr, sqlType) => `TRY_CAST(${expr} AS ${sqlType})`,
  fullMatch: (expr, pattern) => `regexp_like(${expr}, ${stringLiteralAnsi(`^(?:${pattern})$`)})`,
  // DuckDB's md5_number_upper reads the digest's first 8 bytes little-endian: reversed here to match.
  keyedBits: (expr, secretHex, bits) =>
    `CAST(bitwise_and(from_big_endian_64(reverse(substr(md5(to_utf8(concat(${hexLiteral(secretHex)}, CAST(${expr} AS VARCHAR)))), 1, 8))), ${mask(bits)}) AS INTEGER)`,
  // Trino always inlines WITH queries; it has no MATERIALIZED keyword.
  inlineCte: (name, select) => `${name} AS (${select})`,
  // No hint exists: Trino plans a WITH query per reference and may reuse the work.
  onceCte: (name, select) => `${name} AS (${select})`,
};
