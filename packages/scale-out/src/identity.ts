// Are two builds the same? Each table compared in Trino as multisets, EXCEPT ALL both ways:
// the rows one engine made that the other did not, duplicates counted. The DuckDB build's
// tables reach Trino as an export of their own (exportParquet with those tables, then
// registerExport into a second schema), so both sides are read by one engine.
import type { TableDef } from "@bevan/domain";
import { type TrinoWarehouse, trino } from "@bevan/engine";

export interface TableIdentity {
  readonly table: string;
  readonly rows: number;
  readonly referenceRows: number;
  /** Rows of this schema's table missing from the reference's (EXCEPT ALL). */
  readonly onlyHere: number;
  /** Rows of the reference's table missing from this schema's. */
  readonly onlyInReference: number;
  /** With a tolerance: rows matched by key whose DOUBLE columns differ by more than it. */
  readonly doublesApart: number;
  /** The largest relative difference of any DOUBLE value matched by key (0 when exact). */
  readonly largestRelativeDifference: number;
}

export interface CompareOptions {
  /**
   * Relative tolerance for DOUBLE columns (e.g. 1e-12): they are then left out of the
   * EXCEPT ALL and compared row by row on the table's key instead. Java's and C's exp and log
   * may differ in the last bit, so equations can differ at 1e-15.
   */
  readonly tolerance?: number;
  /** Columns not compared (e.g. an import timestamp). */
  readonly ignore?: readonly string[];
}

export async function compareTable(
  wh: TrinoWarehouse,
  referenceSchema: string,
  def: TableDef,
  options: CompareOptions = {},
): Promise<TableIdentity> {
  const q = trino.quoteIdent;
  const compared = def.columns.filter((c) => !(options.ignore ?? []).includes(c.name));
  const doubles = options.tolerance === undefined ? [] : compared.filter((c) => c.type === "double");
  const exact = compared.filter((c) => !doubles.includes(c));
  const cols = exact.map((c) => q(c.name)).join(", ");
  const here = `${q(wh.address.schema)}.${q(def.name)}`;
  const there = `${q(referenceSchema)}.${q(def.name)}`;
  const [r] = await wh.all<{ rows: bigint; reference_rows: bigint; only_here: bigint; only_there: bigint }>(
    `SELECT (SELECT count(*) FROM ${here}) AS rows, (SELECT count(*) FROM ${there}) AS reference_rows,
      (SELECT count(*) FROM (SELECT ${cols} FROM ${here} EXCEPT ALL SELECT ${cols} FROM ${there})) AS only_here,
      (SELECT count(*) FROM (SELECT ${cols} FROM ${there} EXCEPT ALL SELECT ${cols} FROM ${here})) AS only_there`,
  );
  let apart = 0;
  let largest = 0;
  if (doubles.length > 0) {
    const key = def.primaryKey;
    if (!key?.length) throw new Error(`${def.name} has DOUBLE columns but no key to match rows by`);
    const on = key.map((k) => `a.${q(k)} = b.${q(k)}`).join(" AND ");
    const rel = (c: string) =>
      `CASE WHEN a.${c} IS NULL AND b.${c} IS NULL THEN 0e0 WHEN a.${c} IS NULL OR b.${c} IS NULL THEN infinity()
        WHEN a.${c} = b.${c} THEN 0e0 ELSE abs(a.${c} - b.${c}) / greatest(abs(a.${c}), abs(b.${c})) END`;
    const worst = doubles.map((c) => rel(q(c.name)));
    const row = worst.length === 1 ? (worst[0] as string) : `greatest(${worst.join(", ")})`;
    const [d] = await wh.all<{ apart: bigint; largest: number | null }>(
      `SELECT count_if(diff > ${options.tolerance}) AS apart, max(diff) AS largest
        FROM (SELECT ${row} AS diff FROM ${here} AS a JOIN ${there} AS b ON ${on})`,
    );
    apart = Number(d?.apart ?? 0);
    largest = d?.largest ?? 0;
  }
  return {
    table: def.name,
    rows: Number(r?.rows),
    referenceRows: Number(r?.reference_rows),
    onlyHere: Number(r?.only_here),
    onlyInReference: Number(r?.only_there),
    doublesApart: apart,
    largestRelativeDifference: largest,
  };
}
