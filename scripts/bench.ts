// `npm run bench -- --persons N [--only STAGE] [--seed S] [--work DIR] [--reuse]`: runs generate,
// ingest and build on a synthetic population of N people, each stage as its own process, and
// prints wall time, CPU time, peak memory and throughput; results go to bench/results/<date>-<N>.json.
// Side by side in the same run: the optimum (hand-written DuckDB SQL in bench/reference/, checked
// to give identical tables and cohort members) and the same SQL on PostgreSQL 15 (loaded by COPY,
// the load timed apart), so the build and the cohorts report Bevan ÷ optimum and Bevan ÷ PostgreSQL
// (--no-postgres skips the latter).
// --work DIR runs in DIR (extract/ and warehouse.duckdb; default bench/work/N); --reuse skips
// generate and ingest and uses what DIR holds; --copy-from DIR first copies a built warehouse
// (and links its extract) into the work directory, so a shared, read-only build is never written.
// The batch calculators are timed on --score-rows rows (default 1,000,000) of generated input.
// `--only api` load-tests the API on the built warehouse instead (scripts/bench-api.ts:
// autocannon, 50 clients, 60 s per endpoint, loopback only); `--db FILE` points it at a
// warehouse built elsewhere, `--connections C --duration S --timeout S` change the load and
// `--endpoints REGEX` picks endpoints by name. `--only web` runs the browser page-load
// benchmark (scripts/bench-web.ts) when it exists. `--only trino` runs the build and the cohorts
// on a local Trino cluster beside DuckDB (scripts/bench-trino.ts; --trino-port P).
// The ingest stage is followed by CSV and FHIR NDJSON throughput against DuckDB's own readers
// (scripts/bench-formats.ts; --ndjson-events N).
import { spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Warehouse } from "@bevan/engine";
import type { PostgresResult } from "../bench/reference/postgres.ts";
import { SOURCE_TABLES } from "../bench/reference/postgres.ts";
import { benchCohorts, type CohortTiming } from "./bench-cohorts.ts";
import { benchOptimum, benchPostgresStage } from "./bench-reference.ts";
import { benchWebServed } from "./bench-web-served.ts";

const root = join(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    persons: { type: "string", default: "100000" },
    seed: { type: "string", default: "1" },
    only: { type: "string" },
    // --only api: a warehouse built elsewhere, and the load (defaults in bench-api.ts).
    db: { type: "string" },
    connections: { type: "string" },
    duration: { type: "string" },
    timeout: { type: "string" },
    endpoints: { type: "string" },
    "score-rows": { type: "string", default: "1000000" },
    "ndjson-events": { type: "string", default: "5000000" },
    work: { type: "string" },
    reuse: { type: "boolean", default: false },
    "copy-from": { type: "string" },
    "no-postgres": { type: "boolean", default: false },
    // --only trino: the coordinator's port (the workers take the next ones).
    "trino-port": { type: "string" },
  },
});
const persons = Number(values.persons);
if (!Number.isInteger(persons) || persons < 10)
  throw new Error("--persons must be a whole number of at least 10");
const work = resolve(values.work ?? join(root, "bench", "work", `${persons}`));
if (existsSync(join(work, "READY")))
  throw new Error(
    `${work} holds a READY marker: it looks like a shared, read-only build. Use --copy-from ${work} instead.`,
  );
const extract = join(work, "extract");
const db = join(work, "warehouse.duckdb");
if (values["copy-from"]) {
  const from = resolve(values["copy-from"]);
  mkdirSync(work, { recursive: true });
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  copyFileSync(join(from, "warehouse.duckdb"), db);
  if (!existsSync(extract)) symlinkSync(join(from, "extract"), extract);
}
const reuse = values.reuse || values["copy-from"] !== undefined;
if (reuse && !(existsSync(db) && existsSync(extract)))
  throw new Error(`--reuse needs ${extract} and ${db}: run without --reuse first, or use --copy-from DIR`);

const scoreRows = Number(values["score-rows"]);
const scoreIn = join(work, "score-qrisk3-in.csv");
const scoreOut = join(work, "score-qrisk3-out.csv");

const STAGES = {
  generate: ["generate", "--persons", String(persons), "--seed", String(values.seed), "--out", extract],
  ingest: ["ingest", extract, "--db", db],
  build: ["build", "--db", db, "--no-risk"],
  // Rebuilds (seconds) and then trains both risk models and scores everyone.
  risk: ["build", "--db", db],
  model: ["model", "report", "--db", db, "--truth", join(extract, "truth"), "--replicates", "50", "--json"],
  score: ["score", "qrisk3", "--in", scoreIn, "--out", scoreOut],
} as const;
type Stage = keyof typeof STAGES;

function dirBytes(dir: string): number {
  let total = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0; // removed while being measured (DuckDB's spill files come and go)
  }
  for (const name of names) {
    const p = join(dir, name);
    try {
      const s = statSync(p);
      total += s.isDirectory() ? dirBytes(p) : s.size;
    } catch {
      // as above
    }
  }
  return total;
}

/** Runs one stage as a process, sampling the work directory's size (extract, warehouse, spill) every 2 s. */
function runStage(
  args: readonly string[],
): Promise<{ stdout: string; stderr: string; peakDiskBytes: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, "scripts", "bench-stage.ts"), ...args], {
      cwd: root,
      env: { ...process.env, CI: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => {
      stdout = (stdout + b.toString()).slice(-1 << 20);
    });
    child.stderr.on("data", (b: Buffer) => {
      stderr = (stderr + b.toString()).slice(-1 << 20);
    });
    let peakDiskBytes = dirBytes(work);
    const timer = setInterval(() => {
      peakDiskBytes = Math.max(peakDiskBytes, dirBytes(work));
    }, 2000);
    child.on("error", fail);
    child.on("close", () => {
      clearInterval(timer);
      done({ stdout, stderr, peakDiskBytes: Math.max(peakDiskBytes, dirBytes(work)) });
    });
  });
}

if (values.only === "web") {
  const target = typeof values.db === "string" ? values.db : db;
  process.exit(await benchWebServed(root, target, persons));
}
if (values.only === "trino") {
  // The build and the cohorts on a local Trino cluster beside DuckDB (scripts/bench-trino.ts).
  const r = spawnSync(
    process.execPath,
    [
      join(root, "scripts", "bench-trino.ts"),
      "--db",
      typeof values.db === "string" ? values.db : db,
      "--persons",
      String(persons),
      ...(typeof values["trino-port"] === "string" ? ["--port", values["trino-port"]] : []),
    ],
    { cwd: root, stdio: "inherit" },
  );
  process.exit(r.status ?? 1);
}
if (values.only === "api") {
  const r = spawnSync(
    process.execPath,
    [
      join(root, "scripts", "bench-api.ts"),
      "--db",
      typeof values.db === "string" ? values.db : db,
      "--persons",
      String(persons),
      ...(typeof values.connections === "string" ? ["--connections", values.connections] : []),
      ...(typeof values.duration === "string" ? ["--duration", values.duration] : []),
      ...(typeof values.timeout === "string" ? ["--timeout", values.timeout] : []),
      ...(typeof values.endpoints === "string" ? ["--endpoints", values.endpoints] : []),
    ],
    { cwd: root, stdio: "inherit" },
  );
  process.exit(r.status ?? 1);
}
const EXTRA = ["cohorts", "reference", "postgres", "formats", "api", "web", "imaging"] as const;
type Extra = (typeof EXTRA)[number];
// --only takes one stage or a comma-separated list (the 10M run: --only generate,ingest,build).
const only = values.only;
const selected = only ? new Set(only.split(",")) : null;
for (const s of selected ?? [])
  if (!(s in STAGES) && !(EXTRA as readonly string[]).includes(s))
    throw new Error(`--only must name stages among ${[...Object.keys(STAGES), ...EXTRA].join(", ")}`);
const want = (s: Stage | Extra) => !selected || selected.has(s);
if (!reuse && want("ingest")) rmSync(db, { force: true });
mkdirSync(work, { recursive: true });
if (want("score")) writeScoreInput(scoreIn, scoreRows);

const loadAtStart = loadavg().map(round);
// Each finished stage is also written here at once, so a long run that is stopped keeps its figures.
const partial = join(work, "bench-progress.json");
const results: Record<string, unknown>[] = [];
let inputRows = 0;
let optimum: Awaited<ReturnType<typeof benchOptimum>> | undefined;
let postgres: PostgresResult | undefined;
for (const stage of Object.keys(STAGES) as Stage[]) {
  if (!want(stage) && !(stage === "build" && (want("reference") || want("postgres")))) continue;
  if (reuse && (stage === "generate" || stage === "ingest")) continue;
  const r = await runStage(STAGES[stage]);
  const last = r.stdout.trim().split("\n").pop() ?? "{}";
  const m = JSON.parse(last) as { code: number; wallSeconds: number; cpuSeconds: number; peakRssMb: number };
  if (m.code !== 0) {
    process.stderr.write(r.stderr);
    throw new Error(`stage ${stage} failed`);
  }
  const scoring = stage === "score";
  const reading = stage === "generate" || stage === "ingest";
  const bytes = reading ? dirBytes(extract) : scoring ? statSync(scoreIn).size : statSync(db).size;
  results.push({
    stage,
    wallSeconds: round(m.wallSeconds),
    cpuSeconds: round(m.cpuSeconds),
    peakRssMb: Math.round(m.peakRssMb),
    personsPerSecond: Math.round((scoring ? scoreRows : persons) / m.wallSeconds),
    mbPerSecond: reading || scoring ? round(bytes / 1e6 / m.wallSeconds) : null,
    diskMbAfter: Math.round(dirBytes(work) / 1e6),
    peakDiskMb: Math.round(r.peakDiskBytes / 1e6),
  });
  writeFileSync(partial, `${JSON.stringify({ persons, work, stages: results }, null, 2)}\n`);
  if (stage !== "build") continue;
  // The build's comparisons, on the warehouse just built (before the risk stage rebuilds it).
  inputRows = await countInputRows(db);
  const built = results[results.length - 1] as Record<string, unknown>;
  built.rowsPerSecond = Math.round(inputRows / m.wallSeconds);
  if (!selected || selected.has("reference")) {
    optimum = await benchOptimum(db);
    built.optimumSeconds = round(optimum.wallSeconds);
    built.vsOptimum = round(m.wallSeconds / optimum.wallSeconds);
    // CPU seconds are steadier than wall time on a shared machine.
    built.vsOptimumCpu = round(m.cpuSeconds / optimum.cpuSeconds);
    console.log(
      `build: Bevan ${round(m.wallSeconds)} s, hand-written optimum ${round(optimum.wallSeconds)} s (identical tables)`,
    );
  }
  if ((!selected && !values["no-postgres"]) || selected?.has("postgres")) {
    postgres = benchPostgresStage(db);
    built.postgresSeconds = postgres.build.wallSeconds;
    built.vsPostgres = round(m.wallSeconds / postgres.build.wallSeconds);
    built.vsPostgresCpu = round(m.cpuSeconds / postgres.build.cpuSeconds);
    console.log(
      `build: PostgreSQL ${postgres.build.wallSeconds} s after a ${postgres.load.wallSeconds} s load (identical tables and cohorts)`,
    );
  }
}

for (const r of results) {
  if (r.rowsPerSecond !== undefined) continue;
  const rows =
    r.stage === "score"
      ? scoreRows
      : (r.stage === "generate" || r.stage === "ingest") && inputRows
        ? inputRows
        : persons;
  r.rowsPerSecond = Math.round(rows / Number(r.wallSeconds));
}

// The logistic fit alone at the population's size (the model's share of the risk stage).
let fit: Record<string, unknown> | null = null;
if (want("risk")) {
  const r = spawnSync(process.execPath, [join(root, "scripts", "bench-fit.ts"), String(persons)], {
    cwd: root,
    encoding: "utf8",
  });
  fit = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}");
  console.log("logistic fit:", fit);
}

let cohorts: CohortTiming[] = [];
if (want("cohorts")) {
  cohorts = await benchCohorts(db);
  console.table(cohorts);
  const total = (k: "compiledMs" | "handMs") => cohorts.reduce((a, c) => a + c[k], 0);
  const pgMs = postgres ? postgres.cohorts.reduce((a, c) => a + c.ms, 0) : null;
  console.log(
    `cohorts: compiled ${round(total("compiledMs"))} ms, hand-written ${round(total("handMs"))} ms, ratio ${round(total("compiledMs") / total("handMs"))}${pgMs === null ? "" : `; PostgreSQL ${round(pgMs)} ms, Bevan ÷ PostgreSQL ${round(total("compiledMs") / pgMs)}`}`,
  );
  results.push({
    stage: "cohorts",
    wallSeconds: round(total("compiledMs") / 1000),
    cpuSeconds: null,
    peakRssMb: null,
    optimumSeconds: round(total("handMs") / 1000),
    vsOptimum: round(total("compiledMs") / total("handMs")),
    ...(pgMs === null
      ? {}
      : { postgresSeconds: round(pgMs / 1000), vsPostgres: round(total("compiledMs") / pgMs) }),
  });
}

// Imaging planning: every list's demand forecast plus a 1,000-run Monte Carlo (target < 5 s).
let imaging: Record<string, unknown> | undefined;
if (want("imaging")) {
  const r = spawnSync(process.execPath, [join(root, "scripts", "bench-imaging.ts"), db], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
  });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new Error("imaging benchmark failed");
  }
  imaging = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as Record<string, unknown>;
  console.log("imaging: forecast + 1,000-run Monte Carlo:", imaging);
  results.push({
    stage: "imaging",
    wallSeconds: imaging.forecastPlusMonteCarloSeconds,
    cpuSeconds: imaging.forecastPlusMonteCarloCpuSeconds,
    peakRssMb: null,
  });
}

// Throughput per format against DuckDB's own readers (CSV: the ingest stage above; NDJSON:
// FHIR Bulk NDJSON made from the same extract).
let formats: Record<string, unknown> | undefined;
if ((want("formats") || (selected?.size === 1 && selected.has("ingest"))) && !reuse) {
  const f = spawnSync(
    process.execPath,
    [
      join(root, "scripts", "bench-formats.ts"),
      extract,
      work,
      "--ndjson-events",
      String(values["ndjson-events"]),
    ],
    { cwd: root, encoding: "utf8", env: { ...process.env, CI: "1" }, maxBuffer: 1 << 26 },
  );
  if (f.status !== 0) {
    process.stderr.write(f.stderr);
    throw new Error("format benchmark failed");
  }
  formats = JSON.parse(f.stdout.trim().split("\n").pop() ?? "{}") as Record<string, unknown>;
  const ingest = results.find((r) => r.stage === "ingest");
  const csv = formats.csv as { mb: number; rows: number };
  if (ingest)
    formats.csv = {
      ...csv,
      bevan: {
        seconds: ingest.wallSeconds,
        peakRssMb: ingest.peakRssMb,
        mbPerSecond: round(csv.mb / Number(ingest.wallSeconds)),
        rowsPerSecond: Math.round(csv.rows / Number(ingest.wallSeconds)),
      },
    };
  console.log(JSON.stringify(formats, null, 2));
}

const report = {
  date: new Date().toISOString(),
  persons,
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverage: { atStart: loadAtStart, atEnd: loadavg().map(round) },
  },
  inputRows,
  scoreRows,
  extractMb: existsSync(extract) ? Math.round(dirBytes(extract) / 1e6) : null,
  warehouseMb: existsSync(db) ? Math.round(statSync(db).size / 1e6) : null,
  stages: results,
  fit,
  cohorts,
  ...(optimum ? { optimum } : {}),
  ...(postgres ? { postgres } : {}),
  ...(formats ? { formats } : {}),
  ...(imaging ? { imaging } : {}),
};
console.table(results.map(tableRow));
console.log(`extract ${report.extractMb} MB, warehouse ${report.warehouseMb} MB`);
// A partial run (--only STAGE) is written beside the full results, not over them.
const suffix = only ? `-${only.replaceAll(",", "-")}` : "";
const out = join(root, "bench", "results", `${report.date.slice(0, 10)}-${persons}${suffix}.json`);
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`written ${out}`);

/** Rows read by the build: every ingested table the derived tables come from. */
async function countInputRows(path: string): Promise<number> {
  const wh = await Warehouse.open(path, { readOnly: true });
  try {
    const sql = SOURCE_TABLES.map((t) => `SELECT count(*) AS n FROM ${t}`).join(" UNION ALL ");
    return Number((await wh.one<{ n: bigint }>(`SELECT sum(n) AS n FROM (${sql}) AS t`)).n);
  } finally {
    wh.close();
  }
}

function tableRow(r: Record<string, unknown>): Record<string, unknown> {
  return {
    stage: r.stage,
    "wall s": r.wallSeconds,
    "cpu s": r.cpuSeconds,
    "peak MB": r.peakRssMb,
    "rows/s": r.rowsPerSecond ?? null,
    "MB/s": r.mbPerSecond ?? null,
    "÷ optimum": r.vsOptimum ?? null,
    "÷ optimum (cpu)": r.vsOptimumCpu ?? null,
    "÷ PostgreSQL": r.vsPostgres ?? null,
    "÷ PostgreSQL (cpu)": r.vsPostgresCpu ?? null,
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Seeded QRISK3 input rows over the model's ranges, one in a hundred deliberately invalid. */
function writeScoreInput(path: string, rows: number): void {
  let state = 12345;
  const u = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const b = () => (u() < 0.1 ? "1" : "0");
  const lines = [
    "id,age,sex,ethnicity,smoking,diabetes,af,atypical_antipsychotics,corticosteroids,erectile_dysfunction,migraine,rheumatoid_arthritis,ckd,severe_mental_illness,sle,treated_hypertension,family_history_chd,bmi,cholesterol_hdl_ratio,sbp,sbp_sd,townsend",
  ];
  const out: string[] = [];
  for (let i = 1; i <= rows; i++) {
    const age = i % 100 === 0 ? 99 : 25 + Math.floor(u() * 60);
    const diabetes = u() < 0.9 ? "none" : u() < 0.1 ? "type1" : "type2";
    lines.push(
      `${i},${age},${u() < 0.5 ? "female" : "male"},${1 + Math.floor(u() * 9)},${Math.floor(u() * 5)},${diabetes},${b()},${b()},${b()},${b()},${b()},${b()},${b()},${b()},${b()},${b()},${b()},${(18 + u() * 25).toFixed(1)},${(2 + u() * 6).toFixed(1)},${Math.round(95 + u() * 80)},${(u() * 20).toFixed(1)},${(u() * 14 - 6).toFixed(2)}`,
    );
    if (lines.length >= 10000) out.push(lines.splice(0).join("\n"));
  }
  out.push(lines.join("\n"));
  writeFileSync(path, `${out.join("\n")}\n`);
}
