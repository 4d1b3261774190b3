// Ingest throughput per input format against DuckDB's own readers as the ceiling:
//   CSV    the generator's extract: `bevan ingest` (timed by bench.ts) vs read_csv of every file;
//   NDJSON FHIR Bulk NDJSON made from the same extract (Patient from patients.csv, Observation
//          from gp_events.csv, up to --ndjson-events rows): `bevan ingest` vs read_json.
// Usage (bench.ts runs it): node scripts/bench-formats.ts EXTRACT_DIR WORK_DIR [--ndjson-events N]
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Warehouse } from "@bevan/engine";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { "ndjson-events": { type: "string", default: "5000000" } },
});
const [extract, work] = positionals;
if (!extract || !work) throw new Error("usage: bench-formats.ts EXTRACT_DIR WORK_DIR");
const root = join(import.meta.dirname, "..");
const ndjson = join(work, "ndjson");
const events = Number(values["ndjson-events"]);

const wh = await Warehouse.open(join(work, "scratch.duckdb"));
// The ceiling materialises every column (count(*) alone lets DuckDB skip parsing values).
const timed = async (scan: string) => {
  const t = process.hrtime.bigint();
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _ceiling AS SELECT * FROM ${scan}`);
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  const r = await wh.one<{ n: bigint }>("SELECT count(*) AS n FROM _ceiling");
  await wh.exec("DROP TABLE _ceiling");
  return { rows: Number(r.n), seconds };
};
const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
const mb = (paths: string[]) => paths.reduce((s, p) => s + statSync(p).size, 0) / 1e6;

// CSV ceiling: DuckDB reads every extract file, all columns as text.
const csvFiles = readdirSync(extract)
  .filter((f) => f.endsWith(".csv"))
  .map((f) => join(extract, f));
let csvRows = 0;
let csvSeconds = 0;
for (const f of csvFiles) {
  const r = await timed(`read_csv(${q(f)}, header = true, all_varchar = true)`);
  csvRows += r.rows;
  csvSeconds += r.seconds;
}

// NDJSON input made from the extract by DuckDB (not timed).
rmSync(ndjson, { recursive: true, force: true });
mkdirSync(ndjson, { recursive: true });
await wh.exec(`COPY (
  SELECT 'Patient' AS resourceType, nhs_number AS id,
    [{'system': 'https://fhir.nhs.uk/Id/nhs-number', 'value': nhs_number}] AS identifier,
    CASE sex WHEN 'F' THEN 'female' WHEN 'M' THEN 'male' ELSE 'unknown' END AS gender,
    date_of_birth AS birthDate
  FROM read_csv(${q(join(extract, "patients.csv"))}, header = true, all_varchar = true)
) TO ${q(join(ndjson, "Patient.000.ndjson"))} (FORMAT json)`);
await wh.exec(`COPY (
  SELECT 'Observation' AS resourceType, 'o' || CAST(row_number() OVER () AS VARCHAR) AS id,
    {'reference': 'Patient/' || nhs_number} AS subject,
    event_date AS effectiveDateTime,
    {'coding': [{'system': CASE coding_system WHEN 'snomedct' THEN 'http://snomed.info/sct' ELSE coding_system END, 'code': code}]} AS code,
    CASE WHEN value IS NOT NULL THEN {'value': TRY_CAST(value AS DOUBLE), 'unit': unit} END AS valueQuantity
  FROM (SELECT * FROM read_csv(${q(join(extract, "gp_events.csv"))}, header = true, all_varchar = true) LIMIT ${events})
) TO ${q(join(ndjson, "Observation.000.ndjson"))} (FORMAT json)`);
const ndjsonFiles = readdirSync(ndjson).map((f) => join(ndjson, f));
let ndjsonRows = 0;
let ndjsonSeconds = 0;
for (const f of ndjsonFiles) {
  const r = await timed(`read_json(${q(f)}, format = 'newline_delimited')`);
  ndjsonRows += r.rows;
  ndjsonSeconds += r.seconds;
}
wh.close();
rmSync(join(work, "scratch.duckdb"), { force: true });

// Bevan's NDJSON ingest, as its own process.
const db = join(work, "ndjson.duckdb");
rmSync(db, { force: true });
const r = spawnSync(
  process.execPath,
  [join(root, "scripts", "bench-stage.ts"), "ingest", ndjson, "--db", db, "--extract-date", "2026-03-31"],
  { cwd: root, encoding: "utf8", env: { ...process.env, CI: "1" }, maxBuffer: 1 << 26 },
);
const m = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as {
  code: number;
  wallSeconds: number;
  peakRssMb: number;
};
if (m.code !== 0) {
  process.stderr.write(r.stderr);
  throw new Error("NDJSON ingest failed");
}
const round = (x: number) => Math.round(x * 100) / 100;
const csvMb = mb(csvFiles);
const ndjsonMb = mb(ndjsonFiles);
process.stdout.write(
  `${JSON.stringify({
    csv: {
      mb: round(csvMb),
      rows: csvRows,
      ceiling: {
        seconds: round(csvSeconds),
        mbPerSecond: round(csvMb / csvSeconds),
        rowsPerSecond: Math.round(csvRows / csvSeconds),
      },
    },
    ndjson: {
      mb: round(ndjsonMb),
      rows: ndjsonRows,
      ceiling: {
        seconds: round(ndjsonSeconds),
        mbPerSecond: round(ndjsonMb / ndjsonSeconds),
        rowsPerSecond: Math.round(ndjsonRows / ndjsonSeconds),
      },
      bevan: {
        seconds: round(m.wallSeconds),
        peakRssMb: Math.round(m.peakRssMb),
        mbPerSecond: round(ndjsonMb / m.wallSeconds),
        rowsPerSecond: Math.round(ndjsonRows / m.wallSeconds),
      },
    },
  })}\n`,
);
