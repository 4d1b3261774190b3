// `bevan export parquet`: the warehouse's ingested tables (and the reference tables, the
// ingest's quarantine log and, when the DuckDB build scored, the risk models' outputs) as
// Parquet in an open layout — one folder per table; person-level tables split into
// `person_bucket=N/` folders by the person key (Hive-style partitions, so a scan for some
// people reads their buckets only, and Trino's workers share a table by bucket) — with a
// manifest. Registering an export makes it a schema of the cluster's `lake` catalog: the
// files as external tables (Trino never deletes them), the build's tables written beside them.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import {
  ALL_TABLES,
  INGESTED_TABLES,
  quarantine,
  REFERENCE_TABLES,
  RISK_TABLES,
  type TableDef,
} from "@bevan/domain";
import { getBuildInfo, TrinoWarehouse, trino, type Warehouse } from "@bevan/engine";
import { WAREHOUSE_FOLDER } from "./cluster.ts";

export const MANIFEST = "bevan-export.json";
export const BUCKET_COLUMN = "person_bucket";
/** Keys of build_info that describe a build, not the data: a build on the other engine sets its own. */
const BUILD_KEYS = new Set(["as_of", "built_at", "build_version"]);

export interface ExportedTable {
  readonly name: string;
  readonly rows: number;
  /** Split into person_bucket folders. */
  readonly partitioned: boolean;
}

export interface ExportManifest {
  readonly format: 1;
  readonly exportedAt: string;
  readonly buckets: number;
  /** build_info of the source, less the build's own keys (extract date, load bookkeeping, risk date). */
  readonly buildInfo: Readonly<Record<string, string>>;
  readonly tables: readonly ExportedTable[];
}

export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportError";
  }
}

function isPersonTable(def: TableDef): boolean {
  return def.columns.some((c) => c.name === "person_id");
}

/** Every table an export carries, in order; risk tables only when the source has them. */
export const EXPORT_TABLES: readonly TableDef[] = [
  ...REFERENCE_TABLES,
  ...INGESTED_TABLES,
  quarantine,
  ...RISK_TABLES,
];

export interface ExportOptions {
  readonly buckets?: number;
  /** The tables to write (default EXPORT_TABLES; risk tables are skipped when missing). */
  readonly tables?: readonly TableDef[];
  readonly log?: (message: string) => void;
  readonly now?: () => Date;
}

export async function exportParquet(
  wh: Warehouse,
  outDir: string,
  options: ExportOptions = {},
): Promise<ExportManifest> {
  const buckets = options.buckets ?? 16;
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > 1024)
    throw new ExportError("--buckets must be 1 to 1024");
  const out = resolve(outDir);
  if (!(await wh.tableExists("person")))
    throw new ExportError(`${wh.path} holds no ingested data: run \`bevan ingest\` first`);
  const d = wh.dialect;
  const tables: ExportedTable[] = [];
  for (const def of options.tables ?? EXPORT_TABLES) {
    if (!(await wh.tableExists(def.name))) {
      if (RISK_TABLES.includes(def)) continue;
      throw new ExportError(`${wh.path} has no ${def.name} table: re-ingest it with this version of Bevan`);
    }
    const cols = def.columns.map((c) => d.quoteIdent(c.name)).join(", ");
    const partitioned = isPersonTable(def);
    const select = partitioned
      ? `SELECT ${cols}, CAST(((person_id % ${buckets}) + ${buckets}) % ${buckets} AS INTEGER) AS ${BUCKET_COLUMN} FROM ${def.name}`
      : `SELECT ${cols} FROM ${def.name}`;
    await wh.copyToParquet(select, join(out, def.name), partitioned ? { partitionBy: BUCKET_COLUMN } : {});
    const { n } = await wh.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${def.name}`);
    tables.push({ name: def.name, rows: Number(n), partitioned });
    options.log?.(`${def.name}: ${Number(n).toLocaleString("en-GB")} rows`);
  }
  const info = await getBuildInfo(wh);
  const manifest: ExportManifest = {
    format: 1,
    exportedAt: (options.now?.() ?? new Date()).toISOString(),
    buckets,
    buildInfo: Object.fromEntries(Object.entries(info).filter(([k]) => !BUILD_KEYS.has(k))),
    tables,
  };
  writeFileSync(join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function readManifest(dir: string): ExportManifest {
  const file = join(resolve(dir), MANIFEST);
  if (!existsSync(file))
    throw new ExportError(`${dir} is not a Bevan export (no ${MANIFEST}): run \`bevan export parquet\``);
  return JSON.parse(readFileSync(file, "utf8")) as ExportManifest;
}

/** Where an export for `schema` goes in the lake by default: beside the schemas, not in one. */
export function defaultExportDir(lake: string, schema: string): string {
  return join(resolve(lake), "exports", schema);
}

/**
 * The `local:///…` location of an export folder inside the lake, or an ExportError if it lies
 * outside it or in the metastore's folder (where Trino keeps the schemas' own tables).
 */
export function lakeLocation(lake: string, dir: string): string {
  const rel = relative(resolve(lake), resolve(dir));
  const parts = rel.split(sep);
  if (
    rel === "" ||
    rel.startsWith("..") ||
    rel.startsWith(sep) ||
    parts[0] === WAREHOUSE_FOLDER ||
    parts.some((p) => p.startsWith("."))
  )
    throw new ExportError(
      `${dir} is not an export folder of the cluster's lake ${lake}: export into ${lake}/exports/SCHEMA`,
    );
  return `local:///${parts.join("/")}`;
}

/**
 * Makes the export in `dir` the schema `url` names: creates the schema at the folder, drops
 * whatever tables it had (derived tables' files go with them; the export's own files stay), and
 * registers each exported table (its person_bucket partitions found on disk) and build_info.
 */
export async function registerExport(url: string, dir: string, lake: string): Promise<TrinoWarehouse> {
  const manifest = readManifest(dir);
  const wh = await TrinoWarehouse.connect(url);
  const schema = wh.address.schema;
  const location = lakeLocation(lake, dir);
  await wh.exec(`CREATE SCHEMA IF NOT EXISTS ${trino.quoteIdent(schema)}`);
  for (const view of await wh.all<{ table_name: string }>(
    "SELECT table_name FROM information_schema.views WHERE table_schema = ?",
    [schema],
  ))
    await wh.exec(`DROP VIEW ${trino.quoteIdent(view.table_name)}`);
  for (const t of await wh.all<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'",
    [schema],
  ))
    await wh.dropTable(t.table_name);
  for (const t of manifest.tables) {
    const def = ALL_TABLES.find((x) => x.name === t.name);
    if (!def) throw new ExportError(`the export has a table this version does not know: ${t.name}`);
    const cols = def.columns.map((c) => `${trino.quoteIdent(c.name)} ${trino.columnType(c.type)}`);
    if (t.partitioned) cols.push(`${BUCKET_COLUMN} INTEGER`);
    const props = [
      `external_location = ${trino.stringLiteral(`${location}/${t.name}`)}`,
      "format = 'PARQUET'",
      ...(t.partitioned ? [`partitioned_by = ARRAY['${BUCKET_COLUMN}']`] : []),
    ];
    await wh.exec(
      `CREATE TABLE ${trino.quoteIdent(t.name)} (\n  ${cols.join(",\n  ")}\n) WITH (${props.join(", ")})`,
    );
    if (t.partitioned)
      await wh.exec(
        `CALL system.sync_partition_metadata(${trino.stringLiteral(schema)}, ${trino.stringLiteral(t.name)}, 'FULL')`,
      );
  }
  await wh.exec("CREATE TABLE build_info (key VARCHAR, value VARCHAR)");
  await wh.insertRows("build_info", ["key", "value"], Object.entries(manifest.buildInfo));
  return wh;
}
