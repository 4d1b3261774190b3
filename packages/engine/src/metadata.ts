// Key-value facts about the warehouse (extract date, as-of date, build time), kept in build_info.
import { buildInfo } from "@bevan/domain";
import type { Warehouse } from "./warehouse.ts";

export async function getBuildInfo(wh: Warehouse): Promise<Record<string, string>> {
  if (!(await wh.tableExists(buildInfo.name))) return {};
  const rows = await wh.all<{ key: string; value: string }>(`SELECT key, value FROM ${buildInfo.name}`);
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function setBuildInfo(wh: Warehouse, values: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    await wh.exec(`DELETE FROM ${buildInfo.name} WHERE key = $key`, { key });
    await wh.exec(`INSERT INTO ${buildInfo.name} (key, value) VALUES ($key, $value)`, { key, value });
  }
}
