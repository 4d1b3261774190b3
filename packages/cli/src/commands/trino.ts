// `bevan trino start|status|stop`: a local Trino cluster (one coordinator, N workers on
// 127.0.0.1) for building and serving warehouses exported as Parquet.
import { resolve } from "node:path";
import {
  clusterStatus,
  defaultWorkerHeapGb,
  LAKE_CATALOG,
  startCluster,
  stopCluster,
} from "@bevan/scale-out";
import { type Command, intOption } from "../command.ts";
import { defaultDataDir } from "../config.ts";
import { UsageError } from "../errors.ts";

const SUBCOMMANDS = ["start", "status", "stop"] as const;

export function clusterDir(values: Record<string, string | boolean | undefined>): string {
  return resolve(
    typeof values.dir === "string"
      ? values.dir
      : (process.env.BEVAN_TRINO_DIR ?? `${defaultDataDir()}/trino`),
  );
}

export const trinoCommand: Command = {
  name: "trino",
  summary: "Start, check or stop a local Trino cluster (a coordinator and workers on this machine).",
  usage:
    "bevan trino start|status|stop [--workers N] [--port P] [--worker-memory GB] [--lake DIR] [--dir DIR]",
  options: {
    workers: { type: "string", description: "start: number of workers.", default: "2", placeholder: "N" },
    port: {
      type: "string",
      description: "start: the coordinator's port; the workers take the next N.",
      default: "8090",
      placeholder: "P",
    },
    "worker-memory": {
      type: "string",
      description: `start: each worker's heap in GB (default: a sixth of this machine's memory, here ${defaultWorkerHeapGb()}).`,
      placeholder: "GB",
    },
    lake: {
      type: "string",
      description: "start: the data lake folder the catalog reads and writes (default: data/lake).",
      placeholder: "DIR",
    },
    dir: {
      type: "string",
      description:
        "The cluster's folder: configuration, logs, state (default: data/trino, or BEVAN_TRINO_DIR).",
      placeholder: "DIR",
    },
    json: { type: "boolean", description: "status: print as JSON." },
  },
  examples: [
    "bevan trino start",
    "bevan export parquet --db data/demo/warehouse.duckdb --engine trino://127.0.0.1:8090/lake/demo",
    "bevan build --engine trino://127.0.0.1:8090/lake/demo",
    "bevan trino status",
    "bevan trino stop",
  ],
  async run(values, positionals) {
    const [sub, ...extra] = positionals;
    if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub))
      throw new UsageError(`say what to do: bevan trino ${SUBCOMMANDS.join("|")}`);
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
    const dir = clusterDir(values);
    if (sub === "start") {
      const started = Date.now();
      const info = await startCluster({
        dir,
        lake: resolve(typeof values.lake === "string" ? values.lake : `${defaultDataDir()}/lake`),
        workers: intOption(values, "workers", 1, 16),
        port: intOption(values, "port", 1024, 65000),
        ...(values["worker-memory"] !== undefined
          ? { workerHeapGb: intOption(values, "worker-memory", 1, 64) }
          : {}),
        log: (m) => process.stderr.write(`trino: ${m}\n`),
      });
      const port = info.nodes[0]?.port;
      process.stderr.write(
        `trino: up in ${((Date.now() - started) / 1000).toFixed(0)} s. Warehouses are schemas of trino://127.0.0.1:${port}/${LAKE_CATALOG}/SCHEMA; \`bevan trino stop\` stops it\n`,
      );
      return 0;
    }
    if (sub === "stop") {
      const stopped = await stopCluster(dir);
      process.stderr.write(
        stopped ? `trino: stopped the cluster in ${dir}\n` : `trino: no cluster running from ${dir}\n`,
      );
      return 0;
    }
    const status = await clusterStatus(dir);
    if (!status) {
      process.stderr.write(`trino: no cluster has been started from ${dir} (\`bevan trino start\`)\n`);
      return 1;
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    } else {
      const lines = [
        `Trino ${status.info.version} from ${dir}; lake ${status.info.lake}; Java ${status.info.javaHome}`,
        ...status.nodes.map(
          (n) =>
            `  ${n.id.padEnd(12)} 127.0.0.1:${n.port}  ${n.heapGb} GB heap  ${n.active ? "active" : n.running ? "running, not joined" : "stopped"}`,
        ),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    }
    return status.nodes.every((n) => n.active || n.role === "coordinator") && status.nodes[0]?.running
      ? 0
      : 1;
  },
};
