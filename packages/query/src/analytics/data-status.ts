// The data-status page: the last load (from build_info), every warehouse table's row count,
// and quarantine by source and reason. Row counts are bookkeeping about whole tables, not
// patient data, so they are counted on the Warehouse itself for the roles that may see data
// quality (the caller decides who); nothing here reads a row's values.
import {
  BOOKKEEPING_TABLES,
  DERIVED_TABLES,
  INGESTED_TABLES,
  REFERENCE_TABLES,
  RESOURCE_TABLES,
  RISK_TABLES,
} from "@bevan/domain";
import type { Engine } from "@bevan/engine";
import type { ScopedWarehouse } from "../scope.ts";

export interface LastLoad {
  readonly at: string | null;
  readonly extractDate: string | null;
  readonly files: number | null;
  readonly rowsLoaded: number | null;
  readonly rowsQuarantined: number;
}

const num = (s: string | undefined) => (s === undefined ? null : Number(s));

export async function lastLoad(sw: ScopedWarehouse): Promise<LastLoad> {
  const info = new Map(
    (await sw.all<{ key: string; value: string }>("SELECT key, value FROM build_info")).map((r) => [
      r.key,
      r.value,
    ]),
  );
  const q = await sw.one<{ n: bigint }>("SELECT count(*) AS n FROM quarantine");
  return {
    at: info.get("last_load_at") ?? null,
    extractDate: info.get("extract_date") ?? null,
    files: num(info.get("last_load_files")),
    rowsLoaded: num(info.get("last_load_rows_loaded")),
    rowsQuarantined: Number(q.n),
  };
}

export async function quarantineBySource(
  sw: ScopedWarehouse,
): Promise<{ source: string; reason: string; rows: number }[]> {
  const rows = await sw.all<{ source_file: string; reason_code: string; n: bigint }>(
    "SELECT source_file, reason_code, count(*) AS n FROM quarantine GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2",
  );
  return rows.map((r) => ({ source: r.source_file, reason: r.reason_code, rows: Number(r.n) }));
}

/** Row counts of every table the warehouse defines and holds (absent optional tables are left out). */
export async function tableRowCounts(wh: Engine): Promise<{ name: string; rows: number }[]> {
  const names = [
    ...REFERENCE_TABLES,
    ...INGESTED_TABLES,
    ...DERIVED_TABLES,
    ...RISK_TABLES,
    ...RESOURCE_TABLES,
    ...BOOKKEEPING_TABLES,
  ]
    .map((t) => t.name)
    .sort();
  const present = [];
  for (const name of names) if (await wh.tableExists(name)) present.push(name);
  if (present.length === 0) return [];
  // Names come from the table definitions, never from requests.
  const rows = await wh.all<{ name: string; n: bigint }>(
    present.map((n) => `SELECT '${n}' AS name, count(*) AS n FROM ${n}`).join(" UNION ALL "),
  );
  const byName = new Map(rows.map((r) => [r.name, Number(r.n)]));
  return present.map((name) => ({ name, rows: byName.get(name) ?? 0 }));
}

/** How many people opted out (never who): whole-table bookkeeping for the data-status page. */
export interface OptOutCounts {
  readonly type1: number;
  readonly national: number;
  /** Either opt-out: left out of everything used for planning. */
  readonly either: number;
}

export async function optOutCounts(wh: Engine): Promise<OptOutCounts> {
  if (!(await wh.tableExists("opt_out"))) return { type1: 0, national: 0, either: 0 };
  const r = await wh.one<{ t: bigint | null; n: bigint | null; e: bigint }>(
    `SELECT count(*) FILTER (WHERE type1_opt_out) AS t, count(*) FILTER (WHERE national_data_opt_out) AS n,
            count(*) FILTER (WHERE type1_opt_out OR national_data_opt_out) AS e FROM opt_out`,
  );
  return { type1: Number(r.t ?? 0), national: Number(r.n ?? 0), either: Number(r.e) };
}
