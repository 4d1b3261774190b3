// DuckDB rendering of the dialect seam: the embedded engine.
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

export const duckdb: Dialect = {
  name: "duckdb",
  capabilities: { readCsv: true, createOrReplace: true, upsert: true, notNull: true },
  columnType: (type) => ANSI_COLUMN_TYPES[type],
  quoteIdent: quoteIdentAnsi,
  stringLiteral: stringLiteralAnsi,
  dateLiteral: (iso) => `DATE '${assertIsoDate(iso)}'`,
  doubleLiteral: (value) => `CAST('${doubleText(value)}' AS DOUBLE)`,
  addMonths: (expr, months) => `CAST((${expr}) + INTERVAL (${Math.trunc(months)}) MONTH AS DATE)`,
  addDays: (expr, days) => `CAST((${expr}) + INTERVAL (${Math.trunc(days)}) DAY AS DATE)`,
  daysBetween: (start, end) => `date_diff('day', ${start}, ${end})`,
  monthStart: (expr) => `CAST(date_trunc('month', ${expr}) AS DATE)`,
  csvScan: (path, columns) => {
    const cols = columns.map((c) => `${stringLiteralAnsi(c.name)}: 'VARCHAR'`).join(", ");
    return `read_csv(${stringLiteralAnsi(path)}, header = true, delim = ',', quote = '"', escape = '"', columns = {${cols}}, auto_detect = false, null_padding = false, strict_mode = true, store_rejects = false)`;
  },
  csvScanWithRejects: (path, columns) => {
    const cols = columns.map((c) => `${stringLiteralAnsi(c.name)}: 'VARCHAR'`).join(", ");
    return `read_csv(${stringLiteralAnsi(path)}, header = true, delim = ',', quote = '"', escape = '"', columns = {${cols}}, auto_detect = false, null_padding = false, strict_mode = true, ignore_errors = true, store_rejects = true, rejects_scan = '_reject_scans', rejects_table = '_reject_errors')`;
  },
  csvRejectsQuery: () =>
    "SELECT DISTINCT line, min(error_type) OVER (PARTITION BY line) AS error_type FROM _reject_errors",
  seriesTable: (from, to) => `generate_series(${from}, ${to}) AS g(line)`,
  // The unit separator (0x1F) never occurs unescaped in JSON, so each line is one column.
  linesScan: (path) =>
    `read_csv(${stringLiteralAnsi(path)}, columns = {'line': 'VARCHAR'}, header = false, delim = '\x1f', quote = '', escape = '', auto_detect = false, max_line_size = 33554432, ignore_errors = true, store_rejects = true, rejects_scan = '_reject_scans', rejects_table = '_reject_errors')`,
  jsonDocumentsScan: (paths) =>
    `(SELECT filename, json AS doc FROM read_json_objects([${paths.map(stringLiteralAnsi).join(", ")}], format = 'auto', filename = true, maximum_object_size = 268435456))`,
  tryParseJson: (expr) => `CASE WHEN json_valid(${expr}) THEN CAST(${expr} AS JSON) END`,
  jsonText: (expr, path) => `json_extract_string(${expr}, ${stringLiteralAnsi(path)})`,
  jsonList: (expr, path) => `json_extract(${expr}, ${stringLiteralAnsi(path)})`,
  listFirst: (expr) => `(${expr})[1]`,
  listLength: (expr) => `len(${expr})`,
  firstCodingIn: (codings, systems, key = "system") =>
    `list_filter(${codings}, x -> json_extract_string(x, '$.${key}') IN (${systems.map(stringLiteralAnsi).join(", ")}))[1]`,
  referenceId: (expr) => `regexp_extract(${expr}, '([^/:|]*)$', 1)`,
  md5: (expr) => `md5(${expr})`,
  tryCast: (expr, sqlType) => `TRY_CAST(${expr} AS ${sqlType})`,
  fullMatch: (expr, pattern) => `regexp_full_match(${expr}, ${stringLiteralAnsi(pattern)})`,
  keyedBits: (expr, secretHex, bits) =>
    `CAST(md5_number_upper(${hexLiteral(secretHex)} || CAST(${expr} AS VARCHAR)) & ${mask(bits)} AS INTEGER)`,
  // DuckDB materialises a CTE referenced more than once unless told not to.
  inlineCte: (name, select) => `${name} AS NOT MATERIALIZED (${select})`,
  onceCte: (name, select) => `${name} AS MATERIALIZED (${select})`,
};
