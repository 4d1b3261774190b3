// A local Trino cluster on loopback: one coordinator and N workers, each a JVM with its own
// port, configuration and data directory under the cluster folder, started by Trino's
// launcher with Java 24+ and a catalog `lake` (the Hive connector, file metastore, local file
// system rooted at the lake folder). The cluster folder keeps `cluster.json`, so status and
// stop find it again from another process.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { runStatement } from "@bevan/engine";
import { ensureTrino, isAlive, TRINO_VERSION } from "./distribution.ts";
import { findJava } from "./java.ts";

const run = promisify(execFile);

/** The catalog the cluster serves Bevan's warehouses from. */
export const LAKE_CATALOG = "lake";
/** The lake's folder for the metastore: a folder per schema, holding the tables Trino writes. */
export const WAREHOUSE_FOLDER = "warehouse";

export interface ClusterOptions {
  /** Folder for configuration, logs and `cluster.json` (created). */
  readonly dir: string;
  /** Root of the data lake: exports and derived tables live in folders under it. */
  readonly lake: string;
  readonly workers?: number;
  /** The coordinator's port; worker i listens on port + i. */
  readonly port?: number;
  /** Heap of each worker, GB (default: a sixth of the machine's memory, 1–8). */
  readonly workerHeapGb?: number;
  readonly coordinatorHeapGb?: number;
  /**
   * For tests: JIT with C1 only, so the JVMs start sooner (queries on large data run slower).
   */
  readonly fastStart?: boolean;
  /** How long to wait for every worker to join (default 240 s). */
  readonly timeoutSeconds?: number;
  readonly log?: (message: string) => void;
}

export interface NodeInfo {
  readonly id: string;
  readonly role: "coordinator" | "worker";
  readonly port: number;
  readonly heapGb: number;
}

export interface ClusterInfo {
  readonly version: string;
  readonly javaHome: string;
  readonly server: string;
  readonly lake: string;
  readonly nodes: readonly NodeInfo[];
  readonly startedAt: string;
}

export class PortInUseError extends Error {
  constructor(port: number, node: string) {
    super(
      `port ${port} (for the ${node}) is in use: stop what holds it, or choose other ports with --port P (the workers take P+1, P+2, …)`,
    );
    this.name = "PortInUseError";
  }
}

export class ClusterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ClusterError";
  }
}

export function defaultWorkerHeapGb(): number {
  return Math.max(1, Math.min(8, Math.floor(totalmem() / 2 ** 30 / 6)));
}

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once("error", () => done(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => done(true)));
  });
}

const infoFile = (dir: string) => join(dir, "cluster.json");

export function readClusterInfo(dir: string): ClusterInfo | null {
  const file = infoFile(dir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as ClusterInfo) : null;
}

function nodeDir(dir: string, id: string): string {
  return join(dir, id);
}

function pidOf(dir: string, id: string): number | null {
  const file = join(nodeDir(dir, id), "data", "var", "run", "launcher.pid");
  return existsSync(file) ? Number(readFileSync(file, "utf8").trim()) : null;
}

function properties(values: Record<string, string | number | boolean>): string {
  return `${Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n")}\n`;
}

interface NodeConfig {
  readonly dir: string;
  readonly lake: string;
  readonly coordinatorPort: number;
  readonly workers: number;
  readonly workerHeapGb: number;
  readonly fastStart: boolean;
  /** Folder for the JVMs' class-data-sharing archives (start-up time), reused across clusters. */
  readonly cds: string;
}

function writeNodeConfig(node: NodeInfo, c: NodeConfig): void {
  const { dir, lake, coordinatorPort, workers, workerHeapGb } = c;
  const root = nodeDir(dir, node.id);
  const etc = join(root, "etc");
  mkdirSync(join(etc, "catalog"), { recursive: true });
  mkdirSync(join(root, "data"), { recursive: true });
  const heapMb = Math.round(node.heapGb * 1024);
  // Per-query memory leaves a quarter of each worker's heap as headroom for Trino itself.
  const perNodeMb = Math.floor(workerHeapGb * 1024 * 0.6);
  writeFileSync(
    join(etc, "node.properties"),
    properties({ "node.environment": "bevan", "node.id": node.id, "node.data-dir": join(root, "data") }),
  );
  writeFileSync(
    join(etc, "config.properties"),
    properties({
      coordinator: node.role === "coordinator",
      "http-server.http.port": node.port,
      "discovery.uri": `http://127.0.0.1:${coordinatorPort}`,
      "node.internal-address": "127.0.0.1",
      "node-scheduler.include-coordinator": false,
      "query.max-memory": `${perNodeMb * workers}MB`,
      // Each node checks its own limit against its own heap (the coordinator's is smaller; it runs no tasks).
      "query.max-memory-per-node": `${Math.min(perNodeMb, Math.floor(heapMb * 0.6))}MB`,
      "memory.heap-headroom-per-node": `${Math.floor(heapMb * 0.25)}MB`,
      "spill-enabled": true,
      "spiller-spill-path": join(root, "data", "spill"),
      "http-server.log.enabled": false,
    }),
  );
  writeFileSync(
    join(etc, "jvm.config"),
    [
      "-server",
      `-Xmx${heapMb}M`,
      "-XX:+UseG1GC",
      "-XX:G1HeapRegionSize=32M",
      "-XX:+ExplicitGCInvokesConcurrent",
      "-XX:+ExitOnOutOfMemoryError",
      "-XX:ReservedCodeCacheSize=256M",
      "-XX:PerMethodRecompilationCutoff=10000",
      "-XX:PerBytecodeRecompilationCutoff=10000",
      "-Djdk.attach.allowAttachSelf=true",
      "-Djdk.nio.maxCachedBufferSize=2000000",
      "-Dfile.encoding=UTF-8",
      // Classes loaded at the first start are archived when the JVM exits and mapped at later starts.
      `-XX:SharedArchiveFile=${join(c.cds, `${node.id}${c.fastStart ? "-c1" : ""}.jsa`)}`,
      "-XX:+AutoCreateSharedArchive",
      ...(c.fastStart ? ["-XX:TieredStopAtLevel=1"] : []),
      "",
    ].join("\n"),
  );
  writeFileSync(join(etc, "log.properties"), "io.trino=WARN\nio.airlift=WARN\n");
  writeFileSync(
    join(etc, "catalog", `${LAKE_CATALOG}.properties`),
    properties({
      "connector.name": "hive",
      "hive.metastore": "file",
      // The file metastore keeps each schema in a folder under warehouse/ (its tables' metadata,
      // and the data of the tables Trino writes); exports live under exports/, outside it.
      "hive.metastore.catalog.dir": `local:///${WAREHOUSE_FOLDER}`,
      "fs.native-local.enabled": true,
      "local.location": lake,
      "hive.storage-format": "PARQUET",
      "hive.compression-codec": "ZSTD",
      "hive.non-managed-table-writes-enabled": false,
      "hive.parquet.use-column-names": true,
      "hive.max-partitions-per-writers": 1000,
    }),
  );
}

async function launcher(
  server: string,
  javaHome: string,
  dir: string,
  id: string,
  command: string,
): Promise<void> {
  const root = nodeDir(dir, id);
  await run(join(server, "bin", "launcher"), [
    command,
    "--etc-dir",
    join(root, "etc"),
    "--data-dir",
    join(root, "data"),
    "--jvm-dir",
    javaHome,
  ]);
}

/** The nodes the coordinator sees as active, by id. */
async function activeNodes(port: number): Promise<string[]> {
  const result = await runStatement(
    { server: `http://127.0.0.1:${port}`, user: "bevan", catalog: "system", schema: "runtime" },
    "SELECT node_id FROM system.runtime.nodes WHERE state = 'active'",
  );
  return result.rows.map((r) => String(r[0]));
}

/** Starts the cluster and resolves when every worker has joined. */
export async function startCluster(options: ClusterOptions): Promise<ClusterInfo> {
  const log = options.log ?? (() => {});
  const dir = resolve(options.dir);
  const lake = resolve(options.lake);
  const workers = options.workers ?? 2;
  const port = options.port ?? 8090;
  if (!Number.isInteger(workers) || workers < 1 || workers > 16)
    throw new ClusterError("--workers must be 1 to 16");
  const existing = readClusterInfo(dir);
  if (existing?.nodes.some((n) => isAlive(pidOf(dir, n.id) ?? -1)))
    throw new ClusterError(
      `a cluster is already running from ${dir} (coordinator on port ${existing.nodes[0]?.port}): \`bevan trino status\`, or \`bevan trino stop\` first`,
    );
  const javaHome = findJava();
  const workerHeapGb = options.workerHeapGb ?? defaultWorkerHeapGb();
  const nodes: NodeInfo[] = [
    { id: "coordinator", role: "coordinator", port, heapGb: options.coordinatorHeapGb ?? 1 },
    ...Array.from({ length: workers }, (_, i) => ({
      id: `worker-${i + 1}`,
      role: "worker" as const,
      port: port + i + 1,
      heapGb: workerHeapGb,
    })),
  ];
  for (const n of nodes) if (!(await portFree(n.port))) throw new PortInUseError(n.port, n.id);
  const server = await ensureTrino(javaHome, log);
  mkdirSync(join(lake, WAREHOUSE_FOLDER), { recursive: true });
  for (const n of nodes) {
    rmSync(join(nodeDir(dir, n.id), "etc"), { recursive: true, force: true });
    writeNodeConfig(n, {
      dir,
      lake,
      coordinatorPort: port,
      workers,
      workerHeapGb,
      fastStart: options.fastStart ?? false,
      cds: dirname(server),
    });
  }
  const info: ClusterInfo = {
    version: TRINO_VERSION,
    javaHome,
    server,
    lake,
    nodes,
    startedAt: new Date().toISOString(),
  };
  writeFileSync(infoFile(dir), `${JSON.stringify(info, null, 2)}\n`);
  log(
    `starting Trino ${TRINO_VERSION}: a coordinator on 127.0.0.1:${port} (${nodes[0]?.heapGb} GB heap) and ${workers} workers on ports ${port + 1}–${port + workers} (${workerHeapGb} GB heap each), Java from ${javaHome}`,
  );
  try {
    for (const n of nodes) await launcher(server, javaHome, dir, n.id, "start");
    await waitForWorkers(dir, nodes, port, options.timeoutSeconds ?? 240);
  } catch (error) {
    // Nothing half-started is left running.
    await stopCluster(dir);
    throw error;
  }
  log(`all ${workers} workers joined; the warehouse catalog is '${LAKE_CATALOG}', rooted at ${lake}`);
  return info;
}

async function waitForWorkers(
  dir: string,
  nodes: readonly NodeInfo[],
  port: number,
  timeoutSeconds: number,
): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const want = nodes.filter((n) => n.role === "worker").map((n) => n.id);
  for (;;) {
    const dead = nodes.filter((n) => !isAlive(pidOf(dir, n.id) ?? -1));
    if (dead.length > 0)
      throw new ClusterError(
        `the ${dead[0]?.id} stopped while starting: see ${join(nodeDir(dir, dead[0]?.id ?? ""), "data", "var", "log", "server.log")}`,
      );
    const active = await activeNodes(port).catch(() => [] as string[]);
    if (want.every((w) => active.includes(w))) break;
    if (Date.now() > deadline)
      throw new ClusterError(
        `the cluster did not come up within ${timeoutSeconds} s (active: ${active.join(", ") || "none"}); logs under ${dir}/*/data/var/log`,
      );
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export interface NodeStatus extends NodeInfo {
  readonly pid: number | null;
  readonly running: boolean;
  readonly active: boolean;
}

export async function clusterStatus(
  dirOption: string,
): Promise<{ info: ClusterInfo; nodes: NodeStatus[] } | null> {
  const dir = resolve(dirOption);
  const info = readClusterInfo(dir);
  if (!info) return null;
  const coordinator = info.nodes[0];
  const active = coordinator ? await activeNodes(coordinator.port).catch(() => [] as string[]) : [];
  return {
    info,
    nodes: info.nodes.map((n) => {
      const pid = pidOf(dir, n.id);
      return { ...n, pid, running: pid !== null && isAlive(pid), active: active.includes(n.id) };
    }),
  };
}

/** Stops every node (workers first); true if anything was running. */
export async function stopCluster(dirOption: string): Promise<boolean> {
  const dir = resolve(dirOption);
  const info = readClusterInfo(dir);
  if (!info) return false;
  let any = false;
  for (const n of [...info.nodes].reverse()) {
    const pid = pidOf(dir, n.id);
    if (pid === null || !isAlive(pid)) continue;
    any = true;
    await launcher(info.server, info.javaHome, dir, n.id, "stop").catch(() => process.kill(pid, "SIGTERM"));
  }
  // The launcher returns once the JVM has been told; wait until it has gone.
  const deadline = Date.now() + 60_000;
  for (const n of info.nodes) {
    const pid = pidOf(dir, n.id);
    while (pid !== null && isAlive(pid) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    if (pid !== null && isAlive(pid)) process.kill(pid, "SIGKILL");
  }
  return any;
}

/**
 * CPU seconds (user and system) the cluster's JVMs have used since they started, from
 * /proc (Linux): the load-independent cost of a run, beside its wall time on a shared machine.
 */
export function clusterCpuSeconds(dirOption: string): number {
  const dir = resolve(dirOption);
  const info = readClusterInfo(dir);
  let total = 0;
  for (const n of info?.nodes ?? []) {
    const pid = pidOf(dir, n.id);
    if (pid === null || !existsSync(`/proc/${pid}/stat`)) continue;
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime, in clock ticks (100 a second on Linux).
    total += (Number(fields[11]) + Number(fields[12])) / 100;
  }
  return total;
}

/** The coordinator's engine address for a schema of the lake. */
export function trinoUrl(info: ClusterInfo, schema: string): string {
  return `trino://127.0.0.1:${info.nodes[0]?.port}/${LAKE_CATALOG}/${schema}`;
}
