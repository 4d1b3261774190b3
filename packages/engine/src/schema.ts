// Renders warehouse DDL from the domain's table definitions.
import type { TableDef } from "@bevan/domain";
import type { Dialect } from "./dialect/dialect.ts";

export function createTableSql(def: TableDef, dialect: Dialect, options: { replace?: boolean } = {}): string {
  const cols = def.columns.map(
    (c) =>
      `  ${dialect.quoteIdent(c.name)} ${dialect.columnType(c.type)}${c.nullable || !dialect.capabilities.notNull ? "" : " NOT NULL"}`,
  );
  const verb =
    options.replace && dialect.capabilities.createOrReplace ? "CREATE OR REPLACE TABLE" : "CREATE TABLE";
  return `${verb} ${dialect.quoteIdent(def.name)} (\n${cols.join(",\n")}\n)`;
}
