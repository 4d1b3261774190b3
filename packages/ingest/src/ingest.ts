// `bevan ingest PATH`: recognises what PATH holds (a Bevan CSV extract, a Synthea CSV
// export, FHIR Bundles or Bulk NDJSON) and loads it in one transaction, so a crash or
// Ctrl-C mid-load leaves the warehouse as it was. People are then added to the
// re-identification store outside the warehouse.
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { setBuildInfo, type Warehouse } from "@bevan/engine";
import { ExtractError } from "./errors.ts";
import { findFhirFiles, stageFhir } from "./fhir/stage.ts";
import { ensureSchema, ingestExtract } from "./load.ts";
import type { PseudonymKey } from "./pseudonymise.ts";
import { linkPatients } from "./records/link.ts";
import { loadRecords } from "./records/load-records.ts";
import { lsoaReport, stagePostcodeLookup } from "./records/lsoa.ts";
import { createRecordTable } from "./records/record.ts";
import { writeReidentification } from "./reidentification.ts";
import type { FileReport, IngestReport, InputFormat } from "./report.ts";
import { loadInfo, totals } from "./report.ts";
import { isSyntheaCsv, stageSyntheaCsv } from "./synthea-csv.ts";

export interface IngestPathOptions {
  readonly key: PseudonymKey;
  /** Where to add the loaded people's identifiers; omit to skip (tests of the warehouse only). */
  readonly reidentificationPath?: string;
  /** Extract date for FHIR and Synthea inputs (they carry none Bevan can rely on); default `today`. */
  readonly extractDate?: string;
  /** Today's date (YYYY-MM-DD), a parameter so tests pin the clock. */
  readonly today: string;
  /**
   * A postcode → LSOA 2021 lookup (CSV, e.g. ONS's postcode directory) for FHIR and Synthea
   * people whose address has a postcode and no LSOA extension.
   */
  readonly postcodeLookup?: string;
  readonly onProgress?: (step: string, index: number, total: number) => void;
}

export type DetectedInput = "bevan-csv" | "synthea-csv" | "fhir";

export function detectInput(path: string): DetectedInput {
  if (!existsSync(path)) throw new ExtractError(`${path} does not exist`);
  const dir = statSync(path).isDirectory();
  if (dir && existsSync(join(path, "manifest.json"))) return "bevan-csv";
  if (dir && isSyntheaCsv(path)) return "synthea-csv";
  const fhir = findFhirFiles(path);
  if (fhir.bundles.length + fhir.ndjson.length > 0) return "fhir";
  throw new ExtractError(
    `${path} is not something Bevan can load: expected a CSV extract folder with manifest.json, a Synthea CSV export, FHIR Bundles (.json, .json.gz) or Bulk NDJSON files (Patient.ndjson, ...)`,
  );
}

export async function ingestPath(
  wh: Warehouse,
  path: string,
  options: IngestPathOptions,
): Promise<IngestReport> {
  const root = resolve(path);
  const kind = detectInput(root);
  if (kind === "bevan-csv") {
    return ingestExtract(wh, root, {
      key: options.key,
      ...(options.reidentificationPath ? { reidentificationPath: options.reidentificationPath } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  }
  const extractDate = options.extractDate ?? bulkTransactionDate(root) ?? options.today;
  const fhirFiles = kind === "fhir" ? findFhirFiles(root) : undefined;
  await ensureSchema(wh);
  const progress = (step: string, i: number) => options.onProgress?.(step, i, 4);
  // Reading and parsing fill temporary tables only, outside the transaction: a file DuckDB
  // cannot parse must not abort the load, it becomes a quarantined record.
  await createRecordTable(wh);
  await stagePostcodeLookup(wh, options.postcodeLookup);
  progress("reading", 0);
  if (fhirFiles) await stageFhir(wh, fhirFiles, (f) => progress(f, 0));
  else await stageSyntheaCsv(wh, root, (f) => progress(f, 0));
  const files = await wh.transaction(async () => {
    progress("pseudonymising", 1);
    await linkPatients(wh, options.key);
    progress("checking and loading", 2);
    const reports = await loadRecords(wh, {
      extractDate,
      format: kind === "fhir" ? "fhir-ndjson" : "synthea-csv",
    });
    await setBuildInfo(wh, {
      extract_date: extractDate,
      extract_generated_by: `${kind} ${basename(root)}`,
      ...loadInfo(reports),
    });
    return { reports, lsoa: await lsoaReport(wh, options.postcodeLookup !== undefined) };
  });
  progress("done", 4);
  try {
    if (options.reidentificationPath)
      await writeReidentification(
        wh,
        options.reidentificationPath,
        "SELECT person_id, identifier FROM _patient WHERE identifier IS NOT NULL AND person_id IN (SELECT person_id FROM person)",
      );
  } finally {
    // The staging tables hold source identifiers (and NHS numbers): gone before anything else runs.
    for (const t of [
      "_rec",
      "_r1",
      "_chk",
      "_patient",
      "_org",
      "_enc",
      "_birth",
      "_practice",
      "_line_numbers",
      "_postcode_lsoa",
    ])
      await wh.exec(`DROP TABLE IF EXISTS ${t}`);
  }
  const bundleNames = new Set((fhirFiles?.bundles ?? []).map((f) => basename(f)));
  const withFormat: FileReport[] = files.reports.map((f) => ({
    ...f,
    format: (kind === "synthea-csv"
      ? "synthea-csv"
      : bundleNames.has(f.file)
        ? "fhir-bundle"
        : "fhir-ndjson") as InputFormat,
  }));
  return {
    path: root,
    extractDate,
    ...totals(withFormat),
    persons: Number((await wh.one<{ n: bigint }>("SELECT count(*) AS n FROM person")).n),
    files: withFormat,
    ignoredFiles: (fhirFiles?.ignored ?? []).map((f) => basename(f)),
    lsoa: files.lsoa,
    quarantineReasons: (
      await wh.json<{ file: string; reasonCode: string; count: string }>(
        `SELECT source_file AS file, reason_code AS "reasonCode", count(*) AS count FROM quarantine
         WHERE source_file IN (${withFormat.map((f) => wh.dialect.stringLiteral(f.file)).join(", ") || "NULL"})
         GROUP BY 1, 2 ORDER BY 1, 2`,
      )
    ).map((r) => ({ ...r, count: Number(r.count) })),
  };
}

/** A Bulk Data export's transactionTime (from its log.ndjson), as the extract date. */
function bulkTransactionDate(root: string): string | undefined {
  const log = join(root, "log.ndjson");
  if (!statSync(root).isDirectory() || !existsSync(log)) return undefined;
  const match = /"transactionTime"\s*:\s*"(\d{4}-\d{2}-\d{2})/.exec(readFileSync(log, "utf8"));
  return match?.[1];
}
