// Key-value facts about the warehouse (extract date, as-of date, build time), kept in build_info.
import { buildInfo } from "@bevan/domain";
import type { Engine } from "./engine.ts";

export async function getBuildInfo(wh: Engine): Promise<Record<string, string>> {
  if (!(await wh.tableExists(buildInfo.name))) return {};
  const rows = await wh.all<{ key: string; value: string }>(`SELECT key, value FROM ${buildInfo.name}`);
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/**
 * Sets these keys (null removes one), keeping the others: the table is rewritten whole
 * (Trino's Hive tables have no row-level DELETE).
 */
export async function setBuildInfo(wh: Engine, values: Record<string, string | null>): Promise<void> {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...(await getBuildInfo(wh)), ...values }))
    if (v !== null) merged[k] = v;
  await wh.replaceTable(buildInfo);
  await wh.insertRows(
    buildInfo.name,
    ["key", "value"],
    Object.entries(merged).map(([k, v]) => [k, v]),
  );
}
