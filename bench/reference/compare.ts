// Identity checks, run inside DuckDB: each ref_* table against Bevan's table (EXCEPT ALL both
// ways over the reference's columns, NULLs equal), and each reference cohort's members against
// the compiled cohort's. Counts of rows only; no patient-level values leave the warehouse.
import type { Warehouse } from "@bevan/engine";
import { compileCohort } from "@bevan/query";
import { BEVAN_TABLES, loadExample, REFERENCE_COHORTS } from "./cohorts.ts";
import { COMPARED_TABLES } from "./derived.ts";

export interface TableCheck {
  readonly table: string;
  readonly rows: number;
  /** Rows in the reference's result and not in Bevan's, and the other way round. */
  readonly onlyReference: number;
  readonly onlyBevan: number;
}

export async function columnsOf(wh: Warehouse, table: string): Promise<string[]> {
  const rows = await wh.all<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position",
    { t: table },
  );
  return rows.map((r) => r.column_name);
}

async function diff(wh: Warehouse, ref: string, bevan: string, cols: string): Promise<TableCheck> {
  const r = await wh.one<{ n: bigint; a: bigint; b: bigint }>(
    `SELECT (SELECT count(*) FROM ${ref}) AS n,
      (SELECT count(*) FROM (SELECT ${cols} FROM ${ref} EXCEPT ALL SELECT ${cols} FROM ${bevan}) AS x) AS a,
      (SELECT count(*) FROM (SELECT ${cols} FROM ${bevan} EXCEPT ALL SELECT ${cols} FROM ${ref}) AS y) AS b`,
  );
  return { table: bevan, rows: Number(r.n), onlyReference: Number(r.a), onlyBevan: Number(r.b) };
}

/** Compares the reference's derived tables (named `${prefix}ref_…`) with Bevan's. */
export async function compareDerived(wh: Warehouse, prefix = ""): Promise<TableCheck[]> {
  const out: TableCheck[] = [];
  for (const [ref, bevan] of Object.entries(COMPARED_TABLES)) {
    const cols = (await columnsOf(wh, `${prefix}${ref}`)).join(", ");
    out.push(await diff(wh, `${prefix}${ref}`, bevan, cols));
  }
  return out;
}

/** Each reference cohort against the compiled example at the build's as-of date. */
export async function compareCohorts(wh: Warehouse, asOf: string): Promise<TableCheck[]> {
  const out: TableCheck[] = [];
  for (const [name, query] of Object.entries(REFERENCE_COHORTS)) {
    const def = loadExample(name);
    const q = compileCohort(def, { dialect: wh.dialect, asOf, buildAsOf: asOf });
    await wh.exec(`CREATE OR REPLACE TEMP TABLE _compiled AS SELECT person_id FROM (${q.sql}) AS m`, [
      ...q.params,
    ]);
    await wh.exec(
      `CREATE OR REPLACE TEMP TABLE _reference AS SELECT person_id FROM (${query(def, asOf, BEVAN_TABLES)}) AS m`,
    );
    const check = await diff(wh, "_reference", "_compiled", "person_id");
    out.push({ ...check, table: name });
  }
  await wh.exec("DROP TABLE IF EXISTS _compiled; DROP TABLE IF EXISTS _reference");
  return out;
}

export const identical = (checks: readonly TableCheck[]) =>
  checks.every((c) => c.onlyBevan === 0 && c.onlyReference === 0);
