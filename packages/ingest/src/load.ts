// `bevan ingest` for CSV extracts: every input row is either loaded into the warehouse or
// quarantined with a reason, and the counts reconcile. Loading an extract replaces what an
// earlier load of the same tables put there, so re-loading the same extract changes nothing.
import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  ALL_TABLES,
  CODING_SYSTEMS,
  type ExtractFileSchema,
  type ExtractManifest,
  extractSchema,
  isValidNhsNumber,
  quarantine,
  type TableDef,
} from "@bevan/domain";
import { createTableSql, setBuildInfo, type Warehouse } from "@bevan/engine";
import { columnSql, nhsNumberValidSql } from "./columns.ts";
import { ExtractError } from "./errors.ts";
import { numberLines } from "./fhir/stage.ts";
import { readManifest } from "./manifest.ts";
import { type PseudonymKey, pseudonymiser } from "./pseudonymise.ts";
import { writeReidentification } from "./reidentification.ts";
import { type FileReport, type IngestReport, loadInfo, totals } from "./report.ts";

export interface IngestOptions {
  readonly key: PseudonymKey;
  /** Where to add the loaded people's NHS numbers (the re-identification store); omit to skip. */
  readonly reidentificationPath?: string;
  readonly onProgress?: (file: string, index: number, total: number) => void;
}

// NHS ethnic category letters to the ONS 2021 five groups.
const ETHNICITY_GROUP = (e: string) => `CASE
  WHEN ${e} IN ('A', 'B', 'C') THEN 'White'
  WHEN ${e} IN ('D', 'E', 'F', 'G') THEN 'Mixed'
  WHEN ${e} IN ('H', 'J', 'K', 'L') THEN 'Asian'
  WHEN ${e} IN ('M', 'N', 'P') THEN 'Black'
  WHEN ${e} IN ('R', 'S') THEN 'Other'
  ELSE 'Unknown' END`;

/**
 * Creates missing tables, and brings tables of a warehouse made by an earlier Bevan up to
 * date: columns added since are added, columns that became nullable lose NOT NULL.
 */
export async function ensureSchema(wh: Warehouse): Promise<void> {
  const d = wh.dialect;
  for (const def of ALL_TABLES) {
    if (!(await wh.tableExists(def.name))) {
      await wh.exec(createTableSql(def, d));
      continue;
    }
    const existing = new Map(
      (
        await wh.all<{ name: string; nullable: string }>(
          "SELECT column_name AS name, is_nullable AS nullable FROM information_schema.columns WHERE table_name = $t AND table_schema = 'main'",
          { t: def.name },
        )
      ).map((c) => [c.name, c.nullable === "YES"]),
    );
    for (const col of def.columns) {
      if (!col.nullable) continue;
      const table = d.quoteIdent(def.name);
      const name = d.quoteIdent(col.name);
      if (!existing.has(col.name))
        await wh.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${d.columnType(col.type)}`);
      else if (existing.get(col.name) === false)
        await wh.exec(`ALTER TABLE ${table} ALTER COLUMN ${name} DROP NOT NULL`);
    }
  }
}

/** Loads a Bevan CSV extract inside one transaction, then adds its people to the re-identification store. */
export async function ingestExtract(
  wh: Warehouse,
  dir: string,
  options: IngestOptions,
): Promise<IngestReport> {
  const root = resolve(dir);
  const manifest = readManifest(root);
  const files = orderFiles(manifest);
  await ensureSchema(wh);
  const reports: FileReport[] = [];
  await wh.transaction(async () => {
    for (const [i, schema] of files.entries()) {
      options.onProgress?.(schema.file, i, files.length);
      const path = join(root, schema.file);
      if (!existsSync(path))
        throw new ExtractError(`${schema.file} is listed in manifest.json but is not in ${root}`);
      await stage(wh, path, schema);
      if (schema.name === "patients") await buildPseudonyms(wh, options.key);
      reports.push(await loadStaged(wh, schema));
    }
    await wh.exec("DROP TABLE IF EXISTS _stage; DROP TABLE IF EXISTS _checked");
    await setBuildInfo(wh, {
      extract_date: manifest.extractDate,
      extract_generated_by: manifest.generatedBy,
      ...loadInfo(reports),
    });
  });
  if (options.reidentificationPath)
    await writeReidentification(
      wh,
      options.reidentificationPath,
      "SELECT person_id, nhs_number AS identifier FROM _pseudonym",
    );
  await wh.exec("DROP TABLE IF EXISTS _pseudonym");
  options.onProgress?.("done", files.length, files.length);
  const reasons = await wh.json<{ file: string; reasonCode: string; count: string }>(
    `SELECT source_file AS file, reason_code AS "reasonCode", count(*) AS count FROM quarantine GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const persons = await wh.one<{ n: bigint }>("SELECT count(*) AS n FROM person");
  return {
    path: root,
    extractDate: manifest.extractDate,
    ...totals(reports),
    persons: Number(persons.n),
    files: reports,
    ignoredFiles: [],
    quarantineReasons: reasons.map((r) => ({ ...r, count: Number(r.count) })),
  };
}

function orderFiles(manifest: ExtractManifest): ExtractFileSchema[] {
  const schemas = manifest.files.map((f) => {
    const s = extractSchema(f.name);
    if (s.version !== f.version) {
      throw new ExtractError(
        `${f.file}: schema version ${f.version} is not supported (this Bevan reads version ${s.version})`,
      );
    }
    return s;
  });
  if (
    schemas.some((s) => s.columns.some((c) => c.type === "nhs_number")) &&
    !schemas.some((s) => s.name === "patients")
  ) {
    throw new ExtractError("the extract has person-level files but no patients file to link them to");
  }
  // Organisations and patients first: other files link to them.
  const rank = (s: ExtractFileSchema) => (s.name === "organisations" ? 0 : s.name === "patients" ? 1 : 2);
  return schemas.sort((a, b) => rank(a) - rank(b));
}

async function stage(wh: Warehouse, path: string, schema: ExtractFileSchema): Promise<void> {
  const d = wh.dialect;
  const header = readHeaderLine(path);
  const present = header
    .replace(/^\uFEFF/, "")
    .split(",")
    .map((h) => h.trim().replace(/^"|"$/g, ""));
  const missing = schema.columns.filter((c) => !present.includes(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    throw new ExtractError(
      `${schema.file}: header lacks column(s) ${missing.join(", ")} required by schema version ${schema.version}`,
    );
  }
  const scan = d.csvScanWithRejects(
    path,
    present.map((name) => ({ name, sqlType: "VARCHAR" })),
  );
  await wh.exec("DROP TABLE IF EXISTS _reject_errors; DROP TABLE IF EXISTS _reject_scans");
  await wh.exec("SET preserve_insertion_order = true");
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _stage AS SELECT * FROM ${scan}`);
  await wh.exec("SET preserve_insertion_order = false");
}

async function buildPseudonyms(wh: Warehouse, key: PseudonymKey): Promise<void> {
  const rows = await wh.all<{ n: string }>(
    "SELECT DISTINCT trim(nhs_number) AS n FROM _stage WHERE nhs_number IS NOT NULL",
  );
  await wh.exec(
    "CREATE OR REPLACE TEMP TABLE _pseudonym (nhs_number VARCHAR NOT NULL, person_id BIGINT NOT NULL)",
  );
  const appender = await wh.appender("_pseudonym");
  const toPseudonym = pseudonymiser(key.key);
  for (const { n } of rows) {
    if (!isValidNhsNumber(n)) continue;
    appender.appendVarchar(n);
    appender.appendBigInt(toPseudonym(n));
    appender.endRow();
  }
  appender.closeSync();
  const { ids, numbers } = await wh.one<{ ids: bigint; numbers: bigint }>(
    "SELECT count(DISTINCT person_id) AS ids, count(*) AS numbers FROM _pseudonym",
  );
  if (ids !== numbers) throw new Error("pseudonym collision: two NHS numbers share a person key");
}

function targetExpressions(schema: ExtractFileSchema, target: TableDef): Map<string, string> {
  const exprs = new Map<string, string>();
  for (const col of target.columns) exprs.set(col.name, `c.${col.name}`);
  exprs.set("person_id", "c._person_id");
  exprs.set("source_id", "NULL");
  if (schema.name === "patients") {
    exprs.set("birth_month", "CAST(date_trunc('month', c.date_of_birth) AS DATE)");
    exprs.set("sex", "CASE upper(c.sex) WHEN 'F' THEN 'F' WHEN 'M' THEN 'M' ELSE 'U' END");
    exprs.set("ethnicity_code", "upper(c.ethnicity_code)");
    exprs.set("ethnicity_group", ETHNICITY_GROUP("upper(c.ethnicity_code)"));
    exprs.set("death_date", "c.date_of_death");
  }
  for (const icd of ["primary_diagnosis", "underlying_cause"])
    exprs.set(icd, `upper(replace(c.${icd}, '.', ''))`);
  if (["hospital_diagnoses", "hospital_procedures"].includes(schema.name))
    exprs.set("code", "upper(replace(c.code, '.', ''))");
  return exprs;
}

async function loadStaged(wh: Warehouse, schema: ExtractFileSchema): Promise<FileReport> {
  const d = wh.dialect;
  const target = ALL_TABLES.find((t) => t.name === schema.target);
  if (!target) throw new Error(`no warehouse table ${schema.target}`);
  const cols = schema.columns.map((c) => ({ col: c, sql: columnSql(c, "s", d) }));
  const person = schema.columns.some((c) => c.type === "nhs_number");
  const checks: string[] = cols.map(
    ({ sql }) => `WHEN NOT (${sql.valid}) THEN '${sql.reasonCode}|${sql.reason}'`,
  );
  if (schema.columns.some((c) => c.name === "coding_system")) {
    checks.push(
      `WHEN lower(trim(s.coding_system)) NOT IN (${CODING_SYSTEMS.map((c) => d.stringLiteral(c)).join(", ")}) THEN 'unknown_code_system|column coding_system: not a coding system Bevan knows (${CODING_SYSTEMS.join(", ")})'`,
    );
  }
  if (person) {
    const nhs = "trim(s.nhs_number)";
    checks.push(
      `WHEN NOT ${nhsNumberValidSql(nhs, d)} THEN 'invalid_nhs_number|column nhs_number: fails the modulus-11 check (or is not 10 digits); correct it at source'`,
    );
    checks.push(
      schema.name === "patients"
        ? `WHEN s._dup > 1 THEN 'duplicate_person|the NHS number appears on an earlier row of patients.csv; only the first is loaded'`
        : `WHEN p.person_id IS NULL THEN 'unknown_person|the NHS number is not in patients.csv; send the person''s registration or drop the row'`,
    );
  }
  const dup =
    schema.name === "patients"
      ? ", row_number() OVER (PARTITION BY trim(nhs_number) ORDER BY rowid) AS _dup"
      : "";
  await wh.exec(`
    CREATE OR REPLACE TEMP TABLE _checked AS
    SELECT s._rid,
      ${cols.map(({ col, sql }) => `${sql.value} AS ${d.quoteIdent(col.name)}`).join(",\n      ")}
      ${person ? ", p.person_id AS _person_id" : ""},
      CASE ${checks.join("\n        ")} END AS _problem
    FROM (SELECT rowid AS _rid, *${dup} FROM _stage) AS s
    ${person ? "LEFT JOIN _pseudonym AS p ON p.nhs_number = trim(s.nhs_number)" : ""}`);
  const exprs = targetExpressions(schema, target);
  const targetCols = target.columns.map((c) => d.quoteIdent(c.name)).join(", ");
  const select = target.columns.map((c) => exprs.get(c.name) ?? "NULL").join(", ");
  // CSV extracts are full extracts: they replace what earlier CSV loads put in the table and
  // keep rows that came from FHIR sources (which carry a source id).
  const fromCsv = target.columns.some((c) => c.name === "source_id") ? " WHERE source_id IS NULL" : "";
  await wh.exec(`DELETE FROM ${d.quoteIdent(target.name)}${fromCsv}`);
  await wh.exec(`DELETE FROM quarantine WHERE source_file = ${d.stringLiteral(schema.file)}`);
  // Person-level rows are written in person order, so a patient record's `person_id = …`
  // reads one row group per table (min/max statistics) instead of scanning the whole column.
  const personOrder = target.columns.some((c) => c.name === "person_id") ? " ORDER BY c._person_id" : "";
  await wh.exec(
    `INSERT INTO ${d.quoteIdent(target.name)} (${targetCols}) SELECT ${select} FROM _checked AS c WHERE c._problem IS NULL${personOrder}`,
  );
  const counts = await wh.one<{ rows: bigint; quarantined: bigint }>(
    "SELECT count(*) AS rows, count(_problem) AS quarantined FROM _checked",
  );
  // Line numbers cost a sort of the file's rows: only when some row is rejected.
  if (counts.quarantined > 0n) {
    await numberLines(wh, "_stage", 2);
    await wh.exec(`
      INSERT INTO ${quarantine.name} (source_file, line_number, reason_code, reason)
      SELECT ${d.stringLiteral(schema.file)}, n.line, split_part(c._problem, '|', 1), split_part(c._problem, '|', 2)
      FROM _checked AS c JOIN _line_numbers AS n ON n.rid = c._rid
      WHERE c._problem IS NOT NULL`);
  }
  // Lines the CSV reader could not split into the header's columns, or that are not UTF-8.
  const rejected = await wh.one<{ n: bigint }>(`SELECT count(*) AS n FROM (${d.csvRejectsQuery()}) AS r`);
  if (rejected.n > 0n) {
    await wh.exec(`
      INSERT INTO ${quarantine.name} (source_file, line_number, reason_code, reason)
      SELECT ${d.stringLiteral(schema.file)}, line,
        CASE WHEN error_type = 'INVALID ENCODING' THEN 'invalid_encoding' ELSE 'wrong_column_count' END,
        CASE WHEN error_type = 'INVALID ENCODING' THEN 'the line is not valid UTF-8; re-export the file as UTF-8'
          ELSE 'the line does not have the header''s columns (check quoting and delimiters at source)' END
      FROM (${d.csvRejectsQuery()}) AS r`);
  }
  const rows = Number(counts.rows) + Number(rejected.n);
  const quarantined = Number(counts.quarantined) + Number(rejected.n);
  return {
    file: schema.file,
    format: "bevan-csv",
    table: target.name,
    rowsRead: rows,
    rowsLoaded: rows - quarantined,
    rowsQuarantined: quarantined,
  };
}

/** The first line of a file, read without loading the whole (possibly huge) file. */
export function readHeaderLine(path: string): string {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(65_536);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).toString("utf8").split(/\r?\n/)[0] ?? "";
  } finally {
    closeSync(fd);
  }
}
