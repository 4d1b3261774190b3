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
import { DERIVED_TABLES, lsoa, personAsOf, townsendFromImdRank } from "@bevan/domain";
import { assertIsoDate, createTableSql, getBuildInfo, setBuildInfo, type Warehouse } from "@bevan/engine";
import { personAsOfInsertSql, personBaseSql } from "./person-asof.ts";
import { loadRecordKeySecret } from "./record-key.ts";

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

export async function buildWarehouse(wh: Warehouse, options: BuildOptions): Promise<BuildReport> {
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
    // Derived tables are rebuilt from their definitions, so a warehouse ingested before a
    // schema change builds without re-ingesting.
    for (const def of DERIVED_TABLES) {
      if (def.name !== "build_info") await wh.exec(createTableSql(def, d, { replace: true }));
    }
    await ensureTownsend(wh);
    const read = (s: Parameters<typeof readCodelist>[1]) => readCodelist(options.sharedDataDir, s);
    await importCodelists(wh, Object.values(REGISTER_CODELISTS).map(read), now().toISOString());
    progress(1);
    await wh.exec(`CREATE OR REPLACE TEMP TABLE _person_base AS ${personBaseSql(d, asOf)}`);
    await buildRegisters(wh, asOf);
    progress(2);
    await wh.exec(`DELETE FROM ${personAsOf.name}`);
    await wh.exec(personAsOfInsertSql(d, asOf, options.recordKeySecret ?? loadRecordKeySecret(wh.path)));
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
    await wh.exec("DROP TABLE IF EXISTS _clin; DROP TABLE IF EXISTS _latest; DROP TABLE IF EXISTS _days");
    await wh.exec("DROP TABLE IF EXISTS _person_base");
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
 * the IMD rank as ingest now does (domain's townsendFromImdRank), so it builds without re-ingesting.
 */
async function ensureTownsend(wh: Warehouse): Promise<void> {
  const { n } = await wh.one<{ n: bigint }>(
    `SELECT count(*) AS n FROM information_schema.columns WHERE table_name = '${lsoa.name}' AND column_name = 'townsend'`,
  );
  if (n > 0n) return;
  await wh.exec(`ALTER TABLE ${lsoa.name} ADD COLUMN townsend DOUBLE`);
  const { areas } = await wh.one<{ areas: bigint }>(`SELECT count(*) AS areas FROM ${lsoa.name}`);
  if (areas === 0n) return;
  await wh.exec("CREATE OR REPLACE TEMP TABLE _townsend (imd_rank INTEGER, townsend DOUBLE)");
  const out = await wh.appender("_townsend");
  for (let rank = 1; rank <= Number(areas); rank++) {
    out.appendInteger(rank);
    out.appendDouble(townsendFromImdRank(rank, Number(areas)));
    out.endRow();
  }
  out.closeSync();
  await wh.exec(
    `UPDATE ${lsoa.name} SET townsend = (SELECT t.townsend FROM _townsend AS t WHERE t.imd_rank = ${lsoa.name}.imd_rank)`,
  );
  await wh.exec("DROP TABLE _townsend");
}
