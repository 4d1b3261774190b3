// A scratch warehouse with the real table definitions and hand-written rows: columns a test
// does not give get filler values, so each test states only what it is about.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BOOKKEEPING_TABLES,
  DERIVED_TABLES,
  INGESTED_TABLES,
  REFERENCE_TABLES,
  type TableDef,
} from "@bevan/domain";
import { createTableSql, duckdb, Warehouse } from "@bevan/engine";

const ALL = [...REFERENCE_TABLES, ...INGESTED_TABLES, ...DERIVED_TABLES, ...BOOKKEEPING_TABLES];

const FILLER: Record<string, unknown> = {
  varchar: "x",
  integer: 0,
  bigint: 0,
  double: 0,
  date: "2000-01-01",
  boolean: false,
  person_id: 0,
};

function literal(v: unknown, type: string): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  const s = `'${String(v).replaceAll("'", "''")}'`;
  return type === "date" ? `DATE ${s}` : s;
}

export async function scratchWarehouse(
  path = join(mkdtempSync(join(tmpdir(), "bevan-resources-")), "scratch.duckdb"),
): Promise<Warehouse> {
  const wh = await Warehouse.open(path, { threads: 1, memoryLimit: "1GB" });
  for (const t of ALL) await wh.exec(createTableSql(t, duckdb, { replace: true }));
  return wh;
}

export async function insertRows(
  wh: Warehouse,
  name: string,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const def: TableDef | undefined = ALL.find((t) => t.name === name);
  if (!def) throw new Error(`no table ${name}`);
  if (rows.length === 0) return;
  const values = rows.map(
    (r) =>
      `(${def.columns.map((c) => literal(c.name in r ? r[c.name] : c.nullable ? null : FILLER[c.type], c.type)).join(", ")})`,
  );
  await wh.exec(`INSERT INTO ${def.name} VALUES ${values.join(", ")}`);
}
