// DuckDB rendering of the dialect seam: the embedded engine.
import {
  ANSI_COLUMN_TYPES,
  assertIsoDate,
  type Dialect,
  quoteIdentAnsi,
  stringLiteralAnsi,
} from "./dialect.ts";

export const duckdb: Dialect = {
  name: "duckdb",
  capabilities: { readCsv: true, createOrReplace: true, upsert: true },
  columnType: (type) => ANSI_COLUMN_TYPES[type],
  quoteIdent: quoteIdentAnsi,
  stringLiteral: stringLiteralAnsi,
  dateLiteral: (iso) => `DATE '${assertIsoDate(iso)}'`,
  addMonths: (expr, months) => `CAST((${expr}) + INTERVAL (${Math.trunc(months)}) MONTH AS DATE)`,
  addDays: (expr, days) => `CAST((${expr}) + INTERVAL (${Math.trunc(days)}) DAY AS DATE)`,
  daysBetween: (start, end) => `date_diff('day', ${start}, ${end})`,
  monthStart: (expr) => `CAST(date_trunc('month', ${expr}) AS DATE)`,
  csvScan: (path, columns) => {
    const cols = columns.map((c) => `${stringLiteralAnsi(c.name)}: 'VARCHAR'`).join(", ");
    return `read_csv(${stringLiteralAnsi(path)}, header = true, delim = ',', quote = '"', escape = '"', columns = {${cols}}, auto_detect = false, null_padding = false, strict_mode = true, store_rejects = false)`;
  },
  tryCast: (expr, sqlType) => `TRY_CAST(${expr} AS ${sqlType})`,
  fullMatch: (expr, pattern) => `regexp_full_match(${expr}, ${stringLiteralAnsi(pattern)})`,
};
