// `npm run bench -- --persons N --only trino [--copy-from DIR | --reuse]`: the build and the
// example cohorts on a local Trino cluster beside DuckDB on the same data, in one run. The
// DuckDB warehouse (ingested; built if it is not) is exported as Parquet and registered in
// the cluster; then, interleaved so that the machine's load falls on both alike: the DuckDB
// build (`bevan build --no-risk` as a process) and the Trino build (`bevan build --engine`),
// then each example cohort's members on both (medians of --repeats). Every derived table and
// every cohort must come out identical, or the run fails. Results go to
// bench/results/<date>-<N>-trino.json with the load average before and after each step.
// Alone: `node scripts/bench-trino.ts --db FILE --persons N [--port P] [--workers W]
// [--worker-memory GB] [--repeats R] [--keep-cluster]`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadRecordKeySecret } from "@bevan/build";
import { codelistCode, codelistTable, DERIVED_TABLES } from "@bevan/domain";
import { getBuildInfo, TrinoWarehouse, Warehouse } from "@bevan/engine";
import { cohortMembers, validateCohort } from "@bevan/query";
import {
  clusterCpuSeconds,
  compareTable,
  defaultExportDir,
  exportParquet,
  registerExport,
  startCluster,
  stopCluster,
} from "@bevan/scale-out";

const root = join(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    db: { type: "string" },
    persons: { type: "string" },
    port: { type: "string", default: "18500" },
    workers: { type: "string", default: "2" },
    "worker-memory": { type: "string", default: "4" },
    repeats: { type: "string", default: "3" },
    "keep-cluster": { type: "boolean", default: false },
  },
});
if (!values.db || !values.persons)
  throw new Error("usage: node scripts/bench-trino.ts --db FILE --persons N");
const db = resolve(values.db);
const persons = Number(values.persons);
const work = resolve(db, "..", "trino");
const cluster = join(work, "cluster");
const lake = join(work, "lake");
const bevan = join(root, "packages", "cli", "bin", "bevan.js");
const TABLES = [...DERIVED_TABLES.filter((t) => t.name !== "build_info"), codelistTable, codelistCode];
const round = (x: number) => Math.round(x * 100) / 100;
const load = () => loadavg().map(round);
const steps: Record<string, unknown>[] = [];

async function step<T>(
  name: string,
  work: () => Promise<T> | T,
  extra: Record<string, unknown> = {},
): Promise<T> {
  const before = load();
  const t = performance.now();
  const result = await work();
  const seconds = round((performance.now() - t) / 1000);
  steps.push({ step: name, seconds, loadBefore: before, loadAfter: load(), ...extra });
  process.stderr.write(`bench trino: ${name} ${seconds} s (load ${before[0]} → ${load()[0]})\n`);
  return result;
}

/** CPU seconds (user + system) of a process from /proc; with `children`, of its waited-for children. */
function cpuSeconds(pid: number | "self", children = false): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // After the command name: utime, stime are fields 14 and 15, cutime, cstime 16 and 17 (1-based).
  const at = children ? 13 : 11;
  return (Number(fields[at]) + Number(fields[at + 1])) / 100;
}

/** CPU seconds of the cluster's JVMs so far. */
const clusterCpu = () => clusterCpuSeconds(cluster);

/** A `bevan` command as a process of its own, as a user runs it: wall and CPU seconds (its own, and the cluster's). */
function bevanRun(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { wall: number; cpu: number; clusterCpu: number } {
  const t = performance.now();
  const cpu = cpuSeconds("self", true);
  const jvm = existsSync(cluster) ? clusterCpu() : 0;
  const r = spawnSync(process.execPath, [bevan, ...args], { cwd: root, encoding: "utf8", env });
  if (r.status !== 0) throw new Error(`bevan ${args.join(" ")} failed:\n${r.stderr.slice(-2000)}`);
  return {
    wall: (performance.now() - t) / 1000,
    cpu: cpuSeconds("self", true) - cpu,
    clusterCpu: existsSync(cluster) ? clusterCpu() - jvm : 0,
  };
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    total += s.isDirectory() ? dirBytes(p) : s.size;
  }
  return total;
}

const duckInfo = await (async () => {
  const wh = await Warehouse.open(db, { readOnly: true });
  try {
    return await getBuildInfo(wh);
  } finally {
    wh.close();
  }
})();
if (!duckInfo.as_of) bevanRun(["build", "--db", db, "--no-risk"]);

rmSync(work, { recursive: true, force: true });
const info = await step("cluster start", () =>
  startCluster({
    dir: cluster,
    lake,
    port: Number(values.port),
    workers: Number(values.workers),
    workerHeapGb: Number(values["worker-memory"]),
    log: (m) => process.stderr.write(`trino: ${m}\n`),
  }),
);
const url = (schema: string) => `trino://127.0.0.1:${info.nodes[0]?.port}/lake/${schema}`;
try {
  const exportDir = defaultExportDir(lake, "bench");
  const manifest = await step("export parquet", async () => {
    const wh = await Warehouse.open(db, { readOnly: true });
    try {
      return await exportParquet(wh, exportDir);
    } finally {
      wh.close();
    }
  });
  const tableBytes = Object.fromEntries(
    manifest.tables.map((t) => [
      t.name,
      { rows: t.rows, parquetMb: round(dirBytes(join(exportDir, t.name)) / 1e6) },
    ]),
  );
  await step("register in Trino", async () => (await registerExport(url("bench"), exportDir, lake)).close());

  // The two builds, one after the other, each as the user runs it.
  const duckBuild = await step("build on DuckDB", () => bevanRun(["build", "--db", db, "--no-risk"]));
  const trinoBuild = await step("build on Trino", () =>
    bevanRun(["build", "--engine", url("bench"), "--no-risk"], {
      ...process.env,
      // The DuckDB warehouse's disclosure-control secret, so both builds give the same record keys.
      BEVAN_RECORD_KEY: loadRecordKeySecret(db),
    }),
  );

  // DuckDB's derived tables into the lake, to compare in Trino.
  await step("identity check (export DuckDB's build, EXCEPT ALL both ways)", async () => {
    const wh = await Warehouse.open(db, { readOnly: true });
    try {
      await exportParquet(wh, defaultExportDir(lake, "duckdb"), { tables: TABLES });
    } finally {
      wh.close();
    }
    (await registerExport(url("duckdb"), defaultExportDir(lake, "duckdb"), lake)).close();
  });
  const trino = await TrinoWarehouse.open(url("bench"));
  const identity = [];
  for (const def of TABLES) {
    const r = await compareTable(trino, "duckdb", def, { tolerance: 1e-12, ignore: ["imported_at"] });
    identity.push(r);
    if (r.onlyHere || r.onlyInReference || r.doublesApart || r.rows !== r.referenceRows)
      throw new Error(`${def.name}: Trino's build differs from DuckDB's (${JSON.stringify(r)})`);
  }

  // Cohorts: members on each engine, interleaved, medians.
  const duck = await Warehouse.open(db, { readOnly: true });
  const dir = join(root, "packages", "query", "examples");
  const cohorts = [];
  const repeats = Number(values.repeats);
  const asOf = (await getBuildInfo(duck)).as_of ?? "";
  try {
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const def = validateCohort(JSON.parse(readFileSync(join(dir, file), "utf8")), file);
      const times = { duckdb: [] as number[], trino: [] as number[] };
      let members = 0;
      try {
        for (let i = 0; i < repeats + 1; i++) {
          let t = performance.now();
          const a = await cohortMembers(duck, def, asOf);
          if (i > 0) times.duckdb.push(performance.now() - t);
          t = performance.now();
          const b = await cohortMembers(trino, def, asOf);
          if (i > 0) times.trino.push(performance.now() - t);
          if (a.join() !== b.join()) throw new Error(`${file}: members differ between DuckDB and Trino`);
          members = a.length;
        }
      } catch (error) {
        if ((error as Error).name !== "ScoresNotBuiltError") throw error;
        cohorts.push({ example: file, skipped: "needs risk scores (built with --no-risk)" });
        continue;
      }
      const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
      const d = median(times.duckdb);
      const t = median(times.trino);
      cohorts.push({
        example: file,
        members,
        duckdbMs: Math.round(d),
        trinoMs: Math.round(t),
        ratio: round(t / d),
      });
      process.stderr.write(
        `bench trino: ${file} ${members} members, DuckDB ${Math.round(d)} ms, Trino ${Math.round(t)} ms\n`,
      );
    }
  } finally {
    duck.close();
    trino.close();
  }
  const result = {
    persons,
    machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30) },
    cluster: { workers: info.nodes.length - 1, workerHeapGb: info.nodes[1]?.heapGb, trino: info.version },
    build: {
      duckdbSeconds: round(duckBuild.wall),
      duckdbCpuSeconds: round(duckBuild.cpu),
      trinoSeconds: round(trinoBuild.wall),
      // The cluster's JVMs, plus the client process.
      trinoCpuSeconds: round(trinoBuild.clusterCpu + trinoBuild.cpu),
      ratio: round(trinoBuild.wall / duckBuild.wall),
      cpuRatio: round((trinoBuild.clusterCpu + trinoBuild.cpu) / duckBuild.cpu),
    },
    identity,
    cohorts,
    tables: tableBytes,
    steps,
  };
  const out = join(
    root,
    "bench",
    "results",
    `${new Date().toISOString().slice(0, 10)}-${persons}-trino.json`,
  );
  mkdirSync(join(root, "bench", "results"), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify({ build: result.build, cohorts }, null, 2)}\nwritten to ${out}\n`);
} finally {
  if (!values["keep-cluster"]) await stopCluster(cluster);
}
