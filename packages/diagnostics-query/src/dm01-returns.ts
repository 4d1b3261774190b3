// Published DM01 returns as a data source: NHS England's monthly diagnostics waiting-times
// provider files, in the shapes they reach us (counts with percentages; counts only;
// percentages only; monthly totals), loaded into `dm01_return` so the dashboard shows real
// trusts' published figures beside the records' own census. Percentages are kept as
// published, never worked out again; counts are kept whole.
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { dm01Return, parseCsvObjects } from "@bevan/domain";
import { createTableSql, type Warehouse } from "@bevan/engine";
import type { ScopedWarehouse } from "@bevan/query";

export class Dm01FileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Dm01FileError";
  }
}

/**
 * The periods of the shared copies, from the scripts that made them (docs/diagnostics.md):
 * the May 2021 provider file (britishredcrosssociety/nhs-capacity); a file of counts its
 * script labels March 2021; and one of percentages its script labels December 2020 — the
 * last two hold the same figures, so one label is wrong; both are loaded as labelled.
 */
export const KNOWN_PERIODS: Readonly<Record<string, string>> = {
  "england_diagnostic_wait_times.csv": "2021-05",
  "nhs_diagnostic_waiting_times_2021-03.csv": "2021-03",
  "nhs_eng_diagnostics_processed_2021-02.csv": "2020-12",
};

export const DM01_FOLDER = join("activity", "dm01-and-trust-snapshots");
export const SHARED_DM01_FILES = [
  "england_diagnostic_wait_times.csv",
  "nhs_diagnostic_waiting_times_2021-03.csv",
  "nhs_eng_diagnostics_processed_2021-02.csv",
  "nhs_eng_diagnostics_raw_2021-01.csv",
];

export interface Dm01Row {
  readonly period: string;
  readonly providerCode: string;
  readonly providerName: string;
  readonly waitingTotal: number | null;
  readonly waiting6Plus: number | null;
  readonly waiting13Plus: number | null;
  readonly share6Plus: number | null;
  readonly sourceFile: string;
}

const count = (v: string | undefined): number | null => {
  const t = (v ?? "").trim();
  if (t === "" || t === "NA") return null;
  const n = Number(t);
  return Number.isInteger(n) && n >= 0 ? n : null;
};
const share = (v: string | undefined): number | null => {
  const t = (v ?? "").trim();
  if (t === "" || t === "NA") return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : null;
};

/** Reads one provider file in any of the known shapes; `period` (YYYY-MM) where the file does not say. */
export function readDm01File(path: string, period?: string): Dm01Row[] {
  const file = basename(path);
  const rows = parseCsvObjects(readFileSync(path, "utf8"));
  const header = Object.keys(rows[0] ?? {});
  const has = (...cols: string[]) => cols.every((c) => header.includes(c));
  const periodOf = () => {
    const p = period ?? KNOWN_PERIODS[file];
    if (!p || !/^\d{4}-\d{2}$/.test(p))
      throw new Dm01FileError(
        `${file}: the file does not say which month it describes; give it with --period YYYY-MM`,
      );
    return `${p}-01`;
  };
  if (has("Trust Code", "Waiting List Total", "Waiting 6+ weeks", "% waiting 6+ weeks")) {
    const p = periodOf();
    return rows.map((r) => ({
      period: p,
      providerCode: r["Trust Code"] ?? "",
      providerName: r["Trust Name"] ?? "",
      waitingTotal: count(r["Waiting List Total"]),
      waiting6Plus: count(r["Waiting 6+ weeks"]),
      waiting13Plus: count(r["Waiting 13+ weeks"]),
      share6Plus: share(r["% waiting 6+ weeks"]),
      sourceFile: file,
    }));
  }
  if (has("org_code", "count_total_waiting_list", "count_waiting_6_plus_weeks")) {
    const p = periodOf();
    return rows.map((r) => ({
      period: p,
      providerCode: r.org_code ?? "",
      providerName: r.name ?? "",
      waitingTotal: count(r.count_total_waiting_list),
      waiting6Plus: count(r.count_waiting_6_plus_weeks),
      waiting13Plus: count(r.count_waiting_13_plus_weeks),
      share6Plus: null,
      sourceFile: file,
    }));
  }
  if (has("code", "total_waiting_list", "perc_waiting_6_plus_weeks")) {
    const p = periodOf();
    return rows.map((r) => ({
      period: p,
      providerCode: r.code ?? "",
      providerName: r.trust_name ?? "",
      waitingTotal: count(r.total_waiting_list),
      waiting6Plus: null,
      waiting13Plus: null,
      share6Plus: share(r.perc_waiting_6_plus_weeks),
      sourceFile: file,
    }));
  }
  if (has("code", "total_waiting_list", "Date")) {
    return rows.map((r) => ({
      period: `${(r.Date ?? "").slice(0, 7)}-01`,
      providerCode: r.code ?? "",
      providerName: r.trust_name ?? "",
      waitingTotal: count(r.total_waiting_list),
      waiting6Plus: null,
      waiting13Plus: null,
      share6Plus: null,
      sourceFile: file,
    }));
  }
  throw new Dm01FileError(
    `${file}: not a DM01 provider file Bevan knows (expected the columns of the NHS England provider file: provider code, total waiting list, and the 6+ week count or percentage)`,
  );
}

/**
 * Loads DM01 files into `dm01_return` in one transaction. A month and provider already there
 * is merged: a file's empty columns keep what an earlier file gave. Returns rows per file.
 */
export async function loadDm01Returns(
  wh: Warehouse,
  files: readonly { readonly path: string; readonly period?: string }[],
): Promise<{ file: string; rows: number }[]> {
  const read = files.map((f) => ({ file: basename(f.path), rows: readDm01File(f.path, f.period) }));
  for (const f of read)
    for (const r of f.rows)
      if (!/^[A-Za-z0-9]{3,10}$/.test(r.providerCode) || !/^\d{4}-\d{2}-01$/.test(r.period))
        throw new Dm01FileError(`${f.file}: a row has no provider code or month`);
  await wh.transaction(async () => {
    if (!(await wh.tableExists(dm01Return.name))) await wh.exec(createTableSql(dm01Return, wh.dialect));
    const existing = await wh.all<Record<string, string | number | bigint | null>>(
      "SELECT CAST(period AS VARCHAR) AS period, provider_code, provider_name, waiting_total, waiting_6_plus, waiting_13_plus, share_6_plus, source_file FROM dm01_return WHERE test = 'all'",
    );
    const merged = new Map<string, Dm01Row>();
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    for (const e of existing)
      merged.set(`${String(e.period).slice(0, 10)}|${e.provider_code}`, {
        period: String(e.period).slice(0, 10),
        providerCode: String(e.provider_code),
        providerName: String(e.provider_name),
        waitingTotal: num(e.waiting_total),
        waiting6Plus: num(e.waiting_6_plus),
        waiting13Plus: num(e.waiting_13_plus),
        share6Plus: num(e.share_6_plus),
        sourceFile: String(e.source_file),
      });
    for (const f of read)
      for (const r of f.rows) {
        const key = `${r.period}|${r.providerCode}`;
        const old = merged.get(key);
        const files = new Set([...(old?.sourceFile.split("; ") ?? []), r.sourceFile]);
        merged.set(key, {
          ...r,
          providerName: r.providerName || old?.providerName || r.providerCode,
          waitingTotal: r.waitingTotal ?? old?.waitingTotal ?? null,
          waiting6Plus: r.waiting6Plus ?? old?.waiting6Plus ?? null,
          waiting13Plus: r.waiting13Plus ?? old?.waiting13Plus ?? null,
          share6Plus: r.share6Plus ?? old?.share6Plus ?? null,
          sourceFile: [...files].join("; "),
        });
      }
    await wh.exec("DELETE FROM dm01_return WHERE test = 'all'");
    const d = wh.dialect;
    const lit = (v: number | null, double = false) =>
      v === null ? "NULL" : double ? d.doubleLiteral(v) : String(Math.trunc(v));
    const values = [...merged.values()].map(
      (r) =>
        `(${d.dateLiteral(r.period)}, ${d.stringLiteral(r.providerCode)}, ${d.stringLiteral(r.providerName)}, 'all', ${lit(r.waitingTotal)}, ${lit(r.waiting6Plus)}, ${lit(r.waiting13Plus)}, ${lit(r.share6Plus, true)}, ${d.stringLiteral(r.sourceFile)})`,
    );
    for (let i = 0; i < values.length; i += 500)
      await wh.exec(
        `INSERT INTO dm01_return (period, provider_code, provider_name, test, waiting_total, waiting_6_plus, waiting_13_plus, share_6_plus, source_file) VALUES ${values.slice(i, i + 500).join(", ")}`,
      );
  });
  return read.map((f) => ({ file: f.file, rows: f.rows.length }));
}

export interface PublishedReturn {
  readonly period: string;
  readonly providerCode: string;
  readonly providerName: string;
  readonly waitingTotal: number | null;
  readonly waiting6Plus: number | null;
  readonly waiting13Plus: number | null;
  /** As published: never recomputed. */
  readonly share6Plus: number | null;
  readonly sourceFile: string;
}

/** The loaded returns (published aggregates, not person-level); optionally only some providers. */
export async function publishedReturns(
  sw: ScopedWarehouse,
  providers?: readonly string[],
): Promise<PublishedReturn[]> {
  const [exists] = await sw.aggregate<{ n: bigint }>(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'dm01_return'",
  );
  if (!exists || Number(exists.n) === 0) return [];
  const rows = await sw.aggregate<Record<string, string | number | bigint | null>>(
    "SELECT CAST(period AS VARCHAR) AS period, provider_code, provider_name, waiting_total, waiting_6_plus, waiting_13_plus, share_6_plus, source_file FROM dm01_return WHERE test = 'all' ORDER BY period, provider_code",
  );
  const want = providers ? new Set(providers) : null;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows
    .filter((r) => !want || want.has(String(r.provider_code)))
    .map((r) => ({
      period: String(r.period).slice(0, 7),
      providerCode: String(r.provider_code),
      providerName: String(r.provider_name),
      waitingTotal: num(r.waiting_total),
      waiting6Plus: num(r.waiting_6_plus),
      waiting13Plus: num(r.waiting_13_plus),
      share6Plus: num(r.share_6_plus),
      sourceFile: String(r.source_file),
    }));
}

/** Loads the shared copies of the DM01 provider files (`../shared/data/activity/…`) when they are there. */
export async function loadSharedDm01Returns(
  wh: Warehouse,
  sharedDataDir: string,
): Promise<{ file: string; rows: number }[]> {
  const paths = SHARED_DM01_FILES.map((f) => join(sharedDataDir, DM01_FOLDER, f)).filter((p) =>
    existsSync(p),
  );
  return paths.length
    ? loadDm01Returns(
        wh,
        paths.map((path) => ({ path })),
      )
    : [];
}
