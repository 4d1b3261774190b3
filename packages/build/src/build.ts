// `bevan build`: derives the as-of tables (codelists, registers, person status) in one
// transaction, so a failure leaves the previous build in place.

import {
  buildPersonClinical,
  buildRegisters,
  CLINICAL_CODELISTS,
  diabetesCareInsertSql,
  efiCodelistSources,
  importCodelists,
  practiceDiabetesCareInsertSql,
  REGISTER_CODELISTS,
  readCodelist,
  SAFETY_AUDITS,
  safetyAuditInsertSql,
} from "@bevan/clinical";
import {
  codelistCode,
  codelistTable,
  DERIVED_TABLES,
  lsoa,
  optOut,
  personAsOf,
  townsendFromImdRank,
} from "@bevan/domain";
import { assertIsoDate, type Engine, getBuildInfo, setBuildInfo } from "@bevan/engine";
import { personAsOfInsertSql, personBaseSql } from "./person-asof.ts";
import { loadRecordKeySecret, RECORD_KEY_ENV } from "./record-key.ts";

export const BUILD_STEPS = [
  "codelists",
  "registers",
  "person status",
  "scores",
  "care processes",
  "safety audits",
  "finish",
] as const;

export interface BuildOptions {
  /** Defaults to the extract date recorded at ingest. */
  readonly asOf?: string;
  readonly sharedDataDir: string;
  readonly onProgress?: (step: string, index: number, total: number) => void;
  /** Injected clock for reproducible tests. */
  readonly now?: () => Date;
  /**
   * The secret record keys are derived with (hex, 32+ characters); default: BEVAN_RECORD_KEY
   * or `secrets/record-key` beside the warehouse, created on first use (`loadRecordKeySecret`).
   */
  readonly recordKeySecret?: string;
}

export interface BuildReport {
  readonly asOf: string;
  readonly persons: number;
  readonly registered: number;
  readonly registerEntries: number;
  readonly seconds: number;
}

export class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuildError";
  }
}

/**
 * The record-key secret: beside a DuckDB warehouse (or BEVAN_RECORD_KEY); a Trino schema has
 * no file beside it, and the secret must not sit in the lake, so it comes from the environment:
 * the secret of the warehouse the schema was exported from, so both give the same record keys.
 */
function recordKeySecretFor(path: string): string {
  if (path.startsWith("trino://") && !process.env[RECORD_KEY_ENV])
    throw new BuildError(
      `set ${RECORD_KEY_ENV} to the record-key secret of the warehouse this schema was exported from (the hex line in secrets/record-key beside it), so that disclosure control perturbs counts as it does there`,
    );
  return loadRecordKeySecret(path);
}

/** The working tables the steps leave for later steps, dropped at the end. */
const WORK_TABLES = ["_person_base", "_clin", "_latest", "_days"] as const;

export async function buildWarehouse(wh: Engine, options: BuildOptions): Promise<BuildReport> {
  const started = Date.now();
  const now = options.now ?? (() => new Date());
  if (
    !(await wh.tableExists("person")) ||
    (await wh.one<{ n: bigint }>("SELECT count(*) AS n FROM person")).n === 0n
  ) {
    throw new BuildError(
      `the warehouse ${wh.path} holds no people: run \`bevan ingest EXTRACT_DIR --db ${wh.path}\` first`,
    );
  }
  const info = await getBuildInfo(wh);
  const asOf = options.asOf ?? info.extract_date;
  if (!asOf)
    throw new BuildError("no as-of date: pass --as-of YYYY-MM-DD (the extract did not record its date)");
  assertIsoDate(asOf);
  const progress = (i: number) => options.onProgress?.(BUILD_STEPS[i] ?? "", i, BUILD_STEPS.length);
  const d = wh.dialect;

  const efiSources = efiCodelistSources(options.sharedDataDir);
  await wh.transaction(async () => {
    progress(0);
    // Until the build finishes the warehouse has no as-of date: readers refuse a half-built
    // one (on DuckDB the transaction hides it anyway; Trino's catalog has no transactions).
    await setBuildInfo(wh, { as_of: null, built_at: null });
    // Derived tables are rebuilt from their definitions, so a warehouse ingested before a
    // schema change builds without re-ingesting.
    for (const def of [...DERIVED_TABLES, codelistTable, codelistCode]) {
      if (def.name !== "build_info") await wh.replaceTable(def);
    }
    await ensureTownsend(wh);
    const read = (s: Parameters<typeof readCodelist>[1]) => readCodelist(options.sharedDataDir, s);
    await importCodelists(wh, Object.values(REGISTER_CODELISTS).map(read), now().toISOString());
    progress(1);
    await wh.createWorkTable("_person_base", personBaseSql(d, asOf));
    await buildRegisters(wh, asOf);
    progress(2);
    // A warehouse ingested before opt-outs were carried has no opt_out table: nobody opted out.
    if (!(await wh.tableExists(optOut.name))) await wh.replaceTable(optOut);
    await wh.exec(personAsOfInsertSql(d, asOf, options.recordKeySecret ?? recordKeySecretFor(wh.path)));
    progress(3);
    // Imported after the registers so that the registers' code summary stays small.
    const clinical = [...Object.values(CLINICAL_CODELISTS), ...efiSources].map(read);
    await importCodelists(wh, clinical, now().toISOString());
    await buildPersonClinical(wh, asOf, efiSources);
    progress(4);
    await wh.exec(diabetesCareInsertSql(d, asOf));
    await wh.exec(practiceDiabetesCareInsertSql(d));
    progress(5);
    for (const audit of SAFETY_AUDITS) await wh.exec(safetyAuditInsertSql(audit, d, asOf));
    for (const t of WORK_TABLES) await wh.dropTable(t);
    progress(6);
    await setBuildInfo(wh, { as_of: asOf, built_at: now().toISOString(), build_version: "1" });
  });
  const counts = await wh.one<{ persons: bigint; registered: bigint; entries: bigint }>(
    `SELECT count(*) AS persons, count(*) FILTER (WHERE registered) AS registered, (SELECT count(*) FROM register) AS entries FROM ${personAsOf.name}`,
  );
  options.onProgress?.("done", BUILD_STEPS.length, BUILD_STEPS.length);
  return {
    asOf,
    persons: Number(counts.persons),
    registered: Number(counts.registered),
    registerEntries: Number(counts.entries),
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * A warehouse ingested before the lsoa table had its Townsend score gets it here, derived from
 * the IMD rank as ingest now does (domain's townsendFromImdRank), so it builds without
 * re-ingesting. Portable: the table is recreated from its definition and its rows put back.
 */
async function ensureTownsend(wh: Engine): Promise<void> {
  const { n } = await wh.one<{ n: bigint }>(
    `SELECT count(*) AS n FROM information_schema.columns WHERE table_name = '${lsoa.name}' AND column_name = 'townsend'`,
  );
  if (Number(n) > 0) return;
  const rows = await wh.all<{
    lsoa_code: string;
    lsoa_name: string;
    imd_decile: number;
    imd_quintile: number;
    imd_rank: number;
    imd_score: number;
  }>(`SELECT lsoa_code, lsoa_name, imd_decile, imd_quintile, imd_rank, imd_score FROM ${lsoa.name}`);
  await wh.replaceTable(lsoa);
  await wh.insertRows(
    lsoa.name,
    ["lsoa_code", "lsoa_name", "imd_decile", "imd_quintile", "imd_rank", "imd_score", "townsend"],
    rows.map((r) => [
      r.lsoa_code,
      r.lsoa_name,
      r.imd_decile,
      r.imd_quintile,
      r.imd_rank,
      r.imd_score,
      townsendFromImdRank(r.imd_rank, rows.length),
    ]),
  );
}
