// What `bevan ingest` reports: per file, rowsRead = rowsLoaded + rowsQuarantined.
import type { LsoaReport } from "./records/lsoa.ts";

export type InputFormat = "bevan-csv" | "fhir-bundle" | "fhir-ndjson" | "synthea-csv";

export interface Counts {
  readonly rowsRead: number;
  readonly rowsLoaded: number;
  readonly rowsQuarantined: number;
}

export interface FileReport extends Counts {
  readonly file: string;
  readonly format: InputFormat;
  /** Warehouse table (CSV extract files). */
  readonly table?: string;
  /** Counts by FHIR resource type (FHIR and Synthea CSV inputs). */
  readonly resourceTypes?: Readonly<Record<string, Counts>>;
}

export interface IngestReport extends Counts {
  readonly path: string;
  readonly extractDate: string;
  readonly files: readonly FileReport[];
  /** Files in the input folder that are not input (e.g. a Bulk export's log.ndjson). */
  readonly ignoredFiles: readonly string[];
  /** People in the warehouse after the load. */
  readonly persons: number;
  /** FHIR and Synthea inputs: how the people loaded got their LSOA, and how many have none. */
  readonly lsoa?: LsoaReport;
  readonly quarantineReasons: readonly {
    readonly file: string;
    readonly reasonCode: string;
    readonly count: number;
  }[];
}

export function totals(files: readonly Counts[]): Counts {
  let rowsRead = 0;
  let rowsLoaded = 0;
  let rowsQuarantined = 0;
  for (const f of files) {
    rowsRead += f.rowsRead;
    rowsLoaded += f.rowsLoaded;
    rowsQuarantined += f.rowsQuarantined;
  }
  return { rowsRead, rowsLoaded, rowsQuarantined };
}

/** The last load's bookkeeping, kept in build_info for the data-status page (no patient values). */
export function loadInfo(files: readonly Counts[], at: Date = new Date()): Record<string, string> {
  const t = totals(files);
  return {
    last_load_at: at.toISOString(),
    last_load_files: String(files.length),
    last_load_rows_loaded: String(t.rowsLoaded),
    last_load_rows_quarantined: String(t.rowsQuarantined),
  };
}
