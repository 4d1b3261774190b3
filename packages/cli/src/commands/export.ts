// `bevan export parquet`: the warehouse's ingested tables as Parquet, and (with --engine) a
// schema of a local Trino cluster over them, ready for `bevan build --engine`.
import { resolve } from "node:path";
import { parseTrinoUrl, Warehouse } from "@bevan/engine";
import { defaultExportDir, exportParquet, readClusterInfo, registerExport } from "@bevan/scale-out";
import { type Command, intOption } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";
import { formatCount } from "../progress.ts";
import { clusterDir } from "./trino.ts";

export const exportCommand: Command = {
  name: "export",
  summary: "Write the warehouse's ingested tables as Parquet (and register them in a Trino schema).",
  usage: "bevan export parquet --db FILE (--out DIR | --engine trino://HOST:PORT/lake/SCHEMA) [--buckets N]",
  options: {
    db: { type: "string", description: "Warehouse file to export.", placeholder: "FILE" },
    out: {
      type: "string",
      description: "Folder to write (default with --engine: the cluster's lake/exports/SCHEMA).",
      placeholder: "DIR",
    },
    engine: {
      type: "string",
      description: "Register the export as this schema of the local cluster (`bevan trino start`).",
      placeholder: "URL",
    },
    buckets: {
      type: "string",
      description: "Person-key buckets for person-level tables (one folder each).",
      default: "16",
      placeholder: "N",
    },
    dir: { type: "string", description: "The cluster's folder (as for `bevan trino`).", placeholder: "DIR" },
  },
  examples: [
    "bevan export parquet --db data/demo/warehouse.duckdb --out data/parquet",
    "bevan export parquet --db data/demo/warehouse.duckdb --engine trino://127.0.0.1:8090/lake/demo",
  ],
  async run(values, positionals) {
    const [format, ...extra] = positionals;
    if (format !== "parquet")
      throw new UsageError("say which format: bevan export parquet --db FILE --out DIR");
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
    const db = typeof values.db === "string" ? values.db : "";
    if (!db || !exists(db)) throw new UsageError(`no warehouse at '${db}': give --db FILE`);
    const engine = typeof values.engine === "string" ? values.engine : undefined;
    const cluster = engine ? readClusterInfo(clusterDir(values)) : null;
    if (engine && !cluster)
      throw new UsageError(
        `--engine registers the export in the local cluster, and none was started from ${clusterDir(values)}: \`bevan trino start\` first (or give --dir)`,
      );
    const address = engine ? parseTrinoUrl(engine) : null;
    const out =
      typeof values.out === "string"
        ? resolve(values.out)
        : cluster && address
          ? defaultExportDir(cluster.lake, address.schema)
          : undefined;
    if (!out) throw new UsageError("give --out DIR (or --engine to export into the cluster's lake)");
    const started = Date.now();
    const wh = await Warehouse.open(db, { readOnly: true });
    let rows = 0;
    try {
      const manifest = await exportParquet(wh, out, { buckets: intOption(values, "buckets", 1, 1024) });
      rows = manifest.tables.reduce((s, t) => s + t.rows, 0);
      process.stderr.write(
        `export: ${manifest.tables.length} tables, ${formatCount(rows)} rows in ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
      );
    } finally {
      wh.close();
    }
    if (engine && cluster) {
      const tw = await registerExport(engine, out, cluster.lake);
      tw.close();
      process.stderr.write(`export: registered as ${engine}; next: \`bevan build --engine ${engine}\`\n`);
    }
    return 0;
  },
};
