// What is in quarantine: counts by file and reason, and the rows (file, line, record id,
// reason). Quarantine never holds input values, so this is safe to show to whoever loads data.
import { quarantine } from "@bevan/domain";
import type { Warehouse } from "@bevan/engine";

export interface QuarantineReport {
  readonly total: number;
  readonly byReason: readonly { file: string; reasonCode: string; count: number }[];
  readonly rows: readonly {
    file: string;
    line: number;
    recordId: string | null;
    reasonCode: string;
    reason: string;
  }[];
}

export async function readQuarantine(
  wh: Warehouse,
  options: { file?: string; reason?: string; limit: number },
): Promise<QuarantineReport> {
  if (!(await wh.tableExists(quarantine.name))) return { total: 0, byReason: [], rows: [] };
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (options.file) {
    where.push("source_file = $file");
    params.file = options.file;
  }
  if (options.reason) {
    where.push("reason_code = $reason");
    params.reason = options.reason;
  }
  const filter = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const byReason = await wh.all<{ file: string; reasonCode: string; count: bigint }>(
    `SELECT source_file AS file, reason_code AS "reasonCode", count(*) AS count FROM ${quarantine.name} ${filter} GROUP BY 1, 2 ORDER BY 1, 2`,
    params,
  );
  const rows = await wh.all<{
    file: string;
    line: bigint;
    recordId: string | null;
    reasonCode: string;
    reason: string;
  }>(
    `SELECT source_file AS file, line_number AS line, record_id AS "recordId", reason_code AS "reasonCode", reason
     FROM ${quarantine.name} ${filter} ORDER BY source_file, line_number LIMIT ${Math.max(0, Math.trunc(options.limit))}`,
    params,
  );
  return {
    total: byReason.reduce((s, r) => s + Number(r.count), 0),
    byReason: byReason.map((r) => ({ ...r, count: Number(r.count) })),
    rows: rows.map((r) => ({ ...r, line: Number(r.line) })),
  };
}
