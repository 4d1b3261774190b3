// Stages FHIR R4 input into `_rec`: transaction/collection Bundles (.json, .json.gz) and
// Bulk Data NDJSON (one file per resource type, .ndjson or .ndjson.gz). DuckDB parses the
// JSON; a file that cannot be parsed becomes one quarantined record instead of a crash.
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Warehouse } from "@bevan/engine";
import { insertRecordsSql, problem } from "../records/record.ts";
import { fhirRecordColumns } from "./extract.ts";

export interface FhirFiles {
  readonly bundles: string[];
  readonly ndjson: string[];
  /** Files in the folder that are not FHIR input (e.g. a Bulk export's log.ndjson). */
  readonly ignored: string[];
}

const BUNDLE = /\.json(\.gz)?$/i;
const NDJSON = /\.ndjson(\.gz)?$/i;
// Bulk Data output files are named after their resource type: Patient.000.ndjson, Patient.ndjson.
const RESOURCE_FILE = /^[A-Z][A-Za-z]+(\.[^.]+)*\.ndjson(\.gz)?$/;

export function findFhirFiles(path: string): FhirFiles {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .sort()
        .map((f) => join(path, f))
        .filter((f) => statSync(f).isFile())
    : [path];
  const result: FhirFiles = { bundles: [], ndjson: [], ignored: [] };
  for (const f of files) {
    const name = basename(f);
    if (NDJSON.test(name)) (RESOURCE_FILE.test(name) ? result.ndjson : result.ignored).push(f);
    else if (BUNDLE.test(name) && name !== "manifest.json") result.bundles.push(f);
    else result.ignored.push(f);
  }
  return result;
}

export function isFhirInput(path: string): boolean {
  const f = findFhirFiles(path);
  return f.bundles.length + f.ndjson.length > 0;
}

/** Stage all FHIR files into `_rec`. Temporary tables only: call it outside a transaction. */
export async function stageFhir(
  wh: Warehouse,
  files: FhirFiles,
  onFile?: (file: string) => void,
): Promise<void> {
  await wh.exec("CREATE OR REPLACE TEMP TABLE _res (file VARCHAR, line BIGINT, res JSON, problem VARCHAR)");
  if (files.bundles.length > 0) await stageBundles(wh, files.bundles);
  for (const f of files.ndjson) {
    onFile?.(basename(f));
    await stageNdjson(wh, f);
  }
  const d = wh.dialect;
  const cols = fhirRecordColumns("res", d);
  await wh.exec(
    insertRecordsSql(
      {
        ...cols,
        file: "file",
        line: "line",
        problem: `coalesce(problem, CASE WHEN ${cols.rtype} IS NULL THEN ${problem("not_a_resource")} END)`,
      },
      "_res",
    ),
  );
  await wh.exec("DROP TABLE _res");
}

/** Bundles (all in one folder) in one scan; when some file is not valid JSON, file by file to find it. */
async function stageBundles(wh: Warehouse, paths: string[]): Promise<void> {
  const d = wh.dialect;
  const entries = (docs: string) => `
    INSERT INTO _res (file, line, res)
    SELECT file, line, CASE WHEN is_bundle THEN ${d.jsonList("e", "$.resource")} ELSE e END
    FROM (
      SELECT file, is_bundle, generate_subscripts(es, 1) AS line, unnest(es) AS e
      FROM (
        SELECT replace(filename, ${d.stringLiteral(`${dirname(paths[0] ?? "")}/`)}, '') AS file,
          ${d.jsonText("doc", "$.resourceType")} = 'Bundle' AS is_bundle,
          CASE WHEN ${d.jsonText("doc", "$.resourceType")} = 'Bundle' THEN ${d.jsonList("doc", "$.entry[*]")} ELSE [doc] END AS es
        FROM ${docs}))`;
  // Staging writes only temporary tables and runs before the load's transaction, so a
  // file DuckDB cannot parse is simply retried alone and recorded as malformed.
  try {
    await wh.exec(entries(d.jsonDocumentsScan(paths)));
    return;
  } catch {
    await wh.exec("DELETE FROM _res");
  }
  for (const p of paths) {
    try {
      await wh.exec(entries(d.jsonDocumentsScan([p])));
    } catch (error) {
      if (process.env.BEVAN_DEBUG) process.stderr.write(`${(error as Error).message}\n`);
      await wh.exec(
        `INSERT INTO _res (file, line, problem) VALUES (${d.stringLiteral(basename(p))}, 0, ${problem("malformed_json", "the bundle file")})`,
      );
    }
  }
}

async function stageNdjson(wh: Warehouse, path: string): Promise<void> {
  const d = wh.dialect;
  await wh.exec("DROP TABLE IF EXISTS _reject_errors; DROP TABLE IF EXISTS _reject_scans");
  await wh.exec("SET preserve_insertion_order = true");
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _lines AS SELECT line AS text FROM ${d.linesScan(path)}`);
  await wh.exec("SET preserve_insertion_order = false");
  await numberLines(wh, "_lines", 1);
  const file = d.stringLiteral(basename(path));
  await wh.exec(`
    INSERT INTO _res (file, line, res, problem)
    SELECT ${file}, n.line, ${d.tryParseJson("l.text")},
      CASE WHEN ${d.tryParseJson("l.text")} IS NULL THEN ${problem("malformed_json", "the line")} END
    FROM _lines AS l JOIN _line_numbers AS n ON n.rid = l.rowid
    WHERE trim(l.text) <> ''`);
  await wh.exec(`
    INSERT INTO _res (file, line, problem)
    SELECT ${file}, line, ${problem("invalid_encoding")} FROM (${d.csvRejectsQuery()})`);
}

/**
 * `_line_numbers(rid, line)`: the file line of each staged row (`rid` = its rowid, which
 * follows file order but need not be dense). Lines the scan rejected (listed in
 * `_reject_errors`) are skipped, so the staged rows fill the other line numbers in order,
 * starting at `first` (1 without a header, 2 with one).
 */
export async function numberLines(wh: Warehouse, staged: string, first: number): Promise<void> {
  const d = wh.dialect;
  const rejects = (await wh.tableExists("_reject_errors"))
    ? "SELECT DISTINCT line FROM _reject_errors"
    : "SELECT CAST(NULL AS BIGINT) AS line WHERE FALSE";
  await wh.exec(`
    CREATE OR REPLACE TEMP TABLE _line_numbers AS
    WITH r AS (${rejects}),
      total AS (SELECT (SELECT count(*) FROM ${staged}) + (SELECT count(*) FROM r) AS n),
      s AS (SELECT rowid AS rid, row_number() OVER (ORDER BY rowid) AS k FROM ${staged}),
      g AS (
        SELECT g.line, row_number() OVER (ORDER BY g.line) AS k
        FROM ${d.seriesTable(String(first), `${first} - 1 + (SELECT n FROM total)`)}
        WHERE g.line NOT IN (SELECT line FROM r))
    SELECT s.rid, g.line FROM s JOIN g ON g.k = s.k`);
}
