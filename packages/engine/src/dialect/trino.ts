// Trino rendering of the dialect seam: the planned scale-out engine. Rendered and
// reviewed in golden tests; not executed until the scale-out work lands.
import {
  ANSI_COLUMN_TYPES,
  assertIsoDate,
  type Dialect,
  quoteIdentAnsi,
  stringLiteralAnsi,
} from "./dialect.ts";

export const trino: Dialect = {
  name: "trino",
  capabilities: { readCsv: false, createOrReplace: true, upsert: false },
  columnType: (type) => ANSI_COLUMN_TYPES[type],
  quoteIdent: quoteIdentAnsi,
  stringLiteral: stringLiteralAnsi,
  dateLiteral: (iso) => `DATE '${assertIsoDate(iso)}'`,
  addMonths: (expr, months) => `date_add('month', ${Math.trunc(months)}, ${expr})`,
  addDays: (expr, days) => `date_add('day', ${Math.trunc(days)}, ${expr})`,
  daysBetween: (start, end) => `date_diff('day', ${start}, ${end})`,
  monthStart: (expr) => `date_trunc('month', ${expr})`,
  csvScan: () => {
    throw new Error("Trino reads extracts through a Hive/Iceberg table, not a CSV scan; ingest with DuckDB");
  },
  tryCast: (expr, sqlType) => `TRY_CAST(${expr} AS ${sqlType})`,
  fullMatch: (expr, pattern) => `regexp_like(${expr}, ${stringLiteralAnsi(`^(?:${pattern})$`)})`,
};
