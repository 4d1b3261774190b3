// How a warehouse table is described: its columns, grain and provenance. The engine
// renders DDL from these definitions and the data dictionary is generated from them,
// so the documentation cannot drift from the schema.

export type ColumnType = "person_id" | "varchar" | "integer" | "bigint" | "double" | "date" | "boolean";

export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
  readonly description: string;
  /** Columns are NOT NULL unless marked nullable. */
  readonly nullable?: boolean;
  /** For code columns: the coding system, or the column holding it. */
  readonly codingSystem?: string;
}

export type TableLayer = "reference" | "ingested" | "derived";

export interface TableDef {
  readonly name: string;
  readonly layer: TableLayer;
  readonly description: string;
  /** What one row represents. */
  readonly grain: string;
  /** Where the rows come from. */
  readonly source: string;
  /** Known gaps, lags and caveats an analyst must know. */
  readonly knownGaps: readonly string[];
  readonly columns: readonly ColumnDef[];
  readonly primaryKey?: readonly string[];
}

export function table(def: TableDef): TableDef {
  return Object.freeze({ ...def, columns: Object.freeze(def.columns.map((c) => Object.freeze({ ...c }))) });
}

export function column(
  name: string,
  type: ColumnType,
  description: string,
  extra: Partial<Pick<ColumnDef, "nullable" | "codingSystem">> = {},
): ColumnDef {
  return { name, type, description, ...extra };
}
