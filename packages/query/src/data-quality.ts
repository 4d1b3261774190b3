// Ingest and build status for administrators and analysts: what was built when, and how
// many input rows were quarantined, by file and reason (counts only, never values).
import type { ScopedWarehouse } from "./scope.ts";

export interface DataQuality {
  readonly build: Readonly<Record<string, string>>;
  readonly quarantine: readonly { file: string; reasonCode: string; rows: number }[];
}

export async function dataQuality(sw: ScopedWarehouse): Promise<DataQuality> {
  const info = await sw.all<{ key: string; value: string }>("SELECT key, value FROM build_info ORDER BY key");
  const q = await sw.all<{ source_file: string; reason_code: string; n: bigint }>(
    "SELECT source_file, reason_code, count(*) AS n FROM quarantine GROUP BY 1, 2 ORDER BY 1, 2",
  );
  return {
    build: Object.fromEntries(info.map((r) => [r.key, r.value])),
    quarantine: q.map((r) => ({ file: r.source_file, reasonCode: r.reason_code, rows: Number(r.n) })),
  };
}
