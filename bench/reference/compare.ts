// Identity checks, run inside DuckDB: each ref_* table against Bevan's table (EXCEPT ALL both
// ways over the reference's columns, NULLs equal; the two risk scores to a stated tolerance), and each reference cohort's members against
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

/**
 * Columns compared to a relative tolerance instead of bit for bit. QRISK3 and QDiabetes read the
 * SD of the systolic readings, whose last bits depend on the order in which DuckDB's threads
 * feed the readings to stddev_samp, in Bevan's build and in the reference alike (two builds of
 * the same warehouse differ there too); both evaluate the same generated equations, so beyond
 * that they agree exactly. Every other column of the table is still compared bit for bit.
 */
export const TOLERANT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  person_clinical: ["qrisk3_10y_percent", "qdiabetes_10y_percent"],
};
/** Relative difference allowed in TOLERANT_COLUMNS (the scores are shown to 1 decimal place). */
export const RELATIVE_TOLERANCE = 1e-12;

async function diff(wh: Warehouse, ref: string, bevan: string, cols: readonly string[]): Promise<TableCheck> {
  const tolerant = TOLERANT_COLUMNS[bevan] ?? [];
  const exact = cols.filter((c) => !tolerant.includes(c)).join(", ");
  const r = await wh.one<{ n: bigint; a: bigint; b: bigint }>(
    `SELECT (SELECT count(*) FROM ${ref}) AS n,
      (SELECT count(*) FROM (SELECT ${exact} FROM ${ref} EXCEPT ALL SELECT ${exact} FROM ${bevan}) AS x) AS a,
      (SELECT count(*) FROM (SELECT ${exact} FROM ${bevan} EXCEPT ALL SELECT ${exact} FROM ${ref}) AS y) AS b`,
  );
  // A person whose tolerant value is missing on one side only, or differs by more than the
  // tolerance, counts as a row only in the reference and a row only in Bevan's table.
  const checked = tolerant.filter((c) => cols.includes(c));
  const far = checked.length
    ? Number(
        (
          await wh.one<{ n: bigint }>(
            `SELECT count(*) AS n FROM ${ref} AS x JOIN ${bevan} AS y ON y.person_id = x.person_id
            WHERE ${checked
              .map(
                (c) =>
                  `(x.${c} IS NULL) <> (y.${c} IS NULL) OR abs(x.${c} - y.${c}) > ${RELATIVE_TOLERANCE} * greatest(abs(x.${c}), abs(y.${c}))`,
              )
              .join(" OR ")}`,
          )
        ).n,
      )
    : 0;
  return { table: bevan, rows: Number(r.n), onlyReference: Number(r.a) + far, onlyBevan: Number(r.b) + far };
}

/** Compares the reference's derived tables (named `${prefix}ref_…`) with Bevan's. */
export async function compareDerived(wh: Warehouse, prefix = ""): Promise<TableCheck[]> {
  const out: TableCheck[] = [];
  for (const [ref, bevan] of Object.entries(COMPARED_TABLES)) {
    out.push(await diff(wh, `${prefix}${ref}`, bevan, await columnsOf(wh, `${prefix}${ref}`)));
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
    const check = await diff(wh, "_reference", "_compiled", ["person_id"]);
    out.push({ ...check, table: name });
  }
  await wh.exec("DROP TABLE IF EXISTS _compiled; DROP TABLE IF EXISTS _reference");
  return out;
}

export const identical = (checks: readonly TableCheck[]) =>
  checks.every((c) => c.onlyBevan === 0 && c.onlyReference === 0);
