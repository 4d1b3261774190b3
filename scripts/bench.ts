// `npm run bench -- --persons N [--only STAGE] [--seed S]`: runs generate, ingest and build
// on a synthetic population of N people, each stage as its own process, and prints wall
// time, CPU time, peak memory and throughput; results go to bench/results/<date>-<N>.json.
// The batch calculators are timed on --score-rows rows (default 1,000,000) of generated input.
// Then the example cohorts, compiled vs hand-written SQL (scripts/bench-cohorts.ts).
// `--only api` load-tests the API on the built warehouse instead (scripts/bench-api.ts:
// autocannon, 50 clients, 60 s per endpoint, loopback only); `--db FILE` points it at a
// warehouse built elsewhere, `--connections C --duration S --timeout S` change the load and
// `--endpoints REGEX` picks endpoints by name.
// The ingest stage is followed by CSV and FHIR NDJSON throughput against DuckDB's own readers
// (scripts/bench-formats.ts; --ndjson-events N).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { benchCohorts, type CohortTiming } from "./bench-cohorts.ts";

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
  },
});
const persons = Number(values.persons);
if (!Number.isInteger(persons) || persons < 10)
  throw new Error("--persons must be a whole number of at least 10");
const work = join(root, "bench", "work", `${persons}`);
const extract = join(work, "extract");
const db = join(work, "warehouse.duckdb");

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
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    total += s.isDirectory() ? dirBytes(p) : s.size;
  }
  return total;
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
const only = values.only as Stage | "cohorts" | undefined;
if (only && !(only in STAGES) && only !== "cohorts")
  throw new Error(`--only must be one of ${[...Object.keys(STAGES), "cohorts"].join(", ")}`);
if (!only || only === "ingest") rmSync(db, { force: true });
mkdirSync(work, { recursive: true });
if (!only || only === "score") writeScoreInput(scoreIn, scoreRows);

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
  });
}

// The logistic fit alone at the population's size (the model's share of the risk stage).
let fit: Record<string, unknown> | null = null;
if (!only || only === "risk") {
  const r = spawnSync(process.execPath, [join(root, "scripts", "bench-fit.ts"), String(persons)], {
    cwd: root,
    encoding: "utf8",
  });
  fit = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}");
  console.log("logistic fit:", fit);
}

let cohorts: CohortTiming[] = [];
if (!only || only === "cohorts") {
  cohorts = await benchCohorts(db);
  console.table(cohorts);
  const total = (k: "compiledMs" | "handMs") => cohorts.reduce((a, c) => a + c[k], 0);
  console.log(
    `cohorts: compiled ${round(total("compiledMs"))} ms, hand-written ${round(total("handMs"))} ms, ratio ${round(total("compiledMs") / total("handMs"))}`,
  );
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
  scoreRows,
  extractMb: existsSync(extract) ? Math.round(dirBytes(extract) / 1e6) : null,
  warehouseMb: existsSync(db) ? Math.round(statSync(db).size / 1e6) : null,
  stages: results,
  fit,
  cohorts,
  ...(formats ? { formats } : {}),
};
console.table(results);
console.log(`extract ${report.extractMb} MB, warehouse ${report.warehouseMb} MB`);
// A partial run (--only STAGE) is written beside the full results, not over them.
const suffix = only ? `-${only}` : "";
const out = join(root, "bench", "results", `${report.date.slice(0, 10)}-${persons}${suffix}.json`);
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`written ${out}`);

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
