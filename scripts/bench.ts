// `npm run bench -- --persons N [--only STAGE] [--seed S] [--ndjson-events N]`: runs generate,
// ingest and build on a synthetic population of N people, each stage as its own process, and
// prints wall time, CPU time, peak memory and throughput, then CSV and FHIR NDJSON ingest
// throughput against DuckDB's read_csv/read_json (scripts/bench-formats.ts); results go to
// bench/results/<date>-<N>.json.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const root = join(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    persons: { type: "string", default: "100000" },
    seed: { type: "string", default: "1" },
    only: { type: "string" },
    "ndjson-events": { type: "string", default: "5000000" },
  },
});
const persons = Number(values.persons);
if (!Number.isInteger(persons) || persons < 10)
  throw new Error("--persons must be a whole number of at least 10");
const work = join(root, "bench", "work", `${persons}`);
const extract = join(work, "extract");
const db = join(work, "warehouse.duckdb");

const STAGES = {
  generate: ["generate", "--persons", String(persons), "--seed", String(values.seed), "--out", extract],
  ingest: ["ingest", extract, "--db", db],
  build: ["build", "--db", db],
} as const;
type Stage = keyof typeof STAGES;

function dirBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    total += s.isDirectory() ? dirBytes(p) : s.size;
  }
  return total;
}

const only = values.only as Stage | undefined;
if (only && !(only in STAGES)) throw new Error(`--only must be one of ${Object.keys(STAGES).join(", ")}`);
if (!only || only === "ingest") rmSync(db, { force: true });
mkdirSync(work, { recursive: true });

const results: Record<string, unknown>[] = [];
for (const stage of Object.keys(STAGES) as Stage[]) {
  if (only && stage !== only) continue;
  const r = spawnSync(process.execPath, [join(root, "scripts", "bench-stage.ts"), ...STAGES[stage]], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
    maxBuffer: 1 << 26,
  });
  const last = r.stdout.trim().split("\n").pop() ?? "{}";
  const m = JSON.parse(last) as { code: number; wallSeconds: number; cpuSeconds: number; peakRssMb: number };
  if (m.code !== 0) {
    process.stderr.write(r.stderr);
    throw new Error(`stage ${stage} failed`);
  }
  const bytes = stage === "build" ? statSync(db).size : dirBytes(stage === "generate" ? extract : extract);
  results.push({
    stage,
    wallSeconds: round(m.wallSeconds),
    cpuSeconds: round(m.cpuSeconds),
    peakRssMb: Math.round(m.peakRssMb),
    personsPerSecond: Math.round(persons / m.wallSeconds),
    mbPerSecond: stage === "build" ? null : round(bytes / 1e6 / m.wallSeconds),
  });
}

// Throughput per format against DuckDB's own readers (CSV: the ingest stage above; NDJSON:
// FHIR Bulk NDJSON made from the same extract).
let formats: Record<string, unknown> | undefined;
if (!only || only === "ingest") {
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
  },
  extractMb: Math.round(dirBytes(extract) / 1e6),
  warehouseMb: Math.round(statSync(db).size / 1e6),
  stages: results,
  ...(formats ? { formats } : {}),
};
console.table(results);
console.log(`extract ${report.extractMb} MB, warehouse ${report.warehouseMb} MB`);
const out = join(root, "bench", "results", `${report.date.slice(0, 10)}-${persons}.json`);
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`written ${out}`);

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
