// What a user would pick instead: the reference SQL on a local PostgreSQL 15. A throwaway
// cluster (test/postgres-server.ts); the ingested tables exported by DuckDB as CSV and loaded
// with COPY; the indexes a user would add; ANALYZE. Then the reference build and the example
// cohorts, timed; their results are copied back into the DuckDB warehouse and checked against
// Bevan's (compare.ts). CPU time and peak memory are the PostgreSQL server's, read from /proc.
import { chmodSync, closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { efiCodelistSources } from "@bevan/clinical";
import { getBuildInfo, Warehouse } from "@bevan/engine";
import { compileCohort } from "@bevan/query";
import pg from "pg";
import { startPostgres } from "../../test/postgres-server.ts";
import { loadExample, REF_TABLES as REF_COHORT_TABLES, REFERENCE_COHORTS } from "./cohorts.ts";
import { columnsOf, compareDerived, type TableCheck } from "./compare.ts";
import { COMPARED_TABLES, referenceBuild } from "./derived.ts";
import { runSteps, SHARED_DATA } from "./steps.ts";

/** The ingested tables the reference SQL reads. */
export const SOURCE_TABLES = [
  "person",
  "death",
  "gp_event",
  "medication_issue",
  "hospital_spell",
  "hospital_diagnosis",
  "social_care_service",
  "organisation",
  "lsoa",
  "codelist",
  "codelist_code",
] as const;

/** Indexes a user would add for these queries: keys, person ids, codes, dates. */
const INDEXES = [
  "CREATE UNIQUE INDEX ON person (person_id)",
  "CREATE INDEX ON death (person_id)",
  "CREATE INDEX ON gp_event (code, event_date)",
  "CREATE INDEX ON gp_event (person_id)",
  "CREATE INDEX ON medication_issue (code, issue_date)",
  "CREATE INDEX ON medication_issue (person_id)",
  "CREATE INDEX ON medication_issue (issue_date)",
  "CREATE UNIQUE INDEX ON hospital_spell (spell_id)",
  "CREATE INDEX ON hospital_spell (admission_date)",
  "CREATE INDEX ON hospital_diagnosis (spell_id)",
  "CREATE INDEX ON social_care_service (person_id)",
  "CREATE UNIQUE INDEX ON organisation (org_code)",
  "CREATE UNIQUE INDEX ON lsoa (lsoa_code)",
  "CREATE UNIQUE INDEX ON codelist (codelist_id)",
  "CREATE INDEX ON codelist_code (code)",
  "CREATE INDEX ON codelist_code (codelist_id)",
];
/** Indexes on the derived tables the cohorts read, made as part of the build. */
const DERIVED_INDEXES = [
  "CREATE UNIQUE INDEX ON ref_person_asof (person_id)",
  "CREATE INDEX ON ref_register (register, person_id)",
  "ANALYZE ref_person_asof",
  "ANALYZE ref_register",
];
/** Session settings for an analytic workload on a 2-core, 24 GB machine. */
const SETTINGS = ["SET work_mem = '256MB'", "SET maintenance_work_mem = '1GB'", "SET jit = off"];

function pgType(duck: string): string {
  const t = duck.toUpperCase();
  if (t === "VARCHAR") return "text";
  if (t === "DOUBLE") return "float8";
  if (t === "FLOAT") return "float4";
  if (t.startsWith("DECIMAL")) return t.replace("DECIMAL", "numeric");
  if (t === "TIMESTAMP WITH TIME ZONE") return "timestamptz";
  if (["BIGINT", "INTEGER", "SMALLINT", "DATE", "BOOLEAN", "TIMESTAMP"].includes(t)) return t.toLowerCase();
  throw new Error(`no PostgreSQL type for DuckDB type ${duck}`);
}

/** The PostgreSQL server's CPU seconds so far: the backend's own and its reaped children's (parallel workers). */
function serverCpu(backendPid: number): { cpu: number; hwmMb: number } {
  const fields = (pid: number) => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  };
  const b = fields(backendPid);
  const parent = Number(b[1]);
  const p = fields(parent);
  const ticks = (f: string[], i: number) => Number(f[i - 3]);
  const cpu = (ticks(b, 14) + ticks(b, 15) + ticks(p, 16) + ticks(p, 17)) / 100;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${backendPid}/status`, "utf8"));
  return { cpu, hwmMb: Number(hwm?.[1] ?? 0) / 1024 };
}

export interface PgPhase {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}
export interface PostgresResult {
  readonly load: PgPhase & {
    readonly exportSeconds: number;
    readonly copySeconds: number;
    readonly indexSeconds: number;
    readonly rows: number;
    readonly mb: number;
  };
  readonly build: PgPhase & { readonly steps: readonly { step: string; seconds: number }[] };
  readonly cohorts: readonly { example: string; members: number; ms: number }[];
  readonly checks: readonly TableCheck[];
  readonly cohortChecks: readonly TableCheck[];
}

const REPEATS = 3;

export async function benchPostgres(db: string): Promise<PostgresResult> {
  const dir = mkdtempSync(join(tmpdir(), "bevan-bench-pg-"));
  chmodSync(dir, 0o777);
  const server = await startPostgres();
  const client = new pg.Client({ connectionString: server.url });
  try {
    await client.connect();
    const backend = Number((await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid);
    const sql = async (text: string) => client.query(text);
    for (const s of SETTINGS) await sql(s);

    // Load: export from DuckDB, COPY into PostgreSQL, index, analyse.
    const t0 = performance.now();
    let rows = 0;
    const wh = await Warehouse.open(db, { readOnly: true });
    const schemas = new Map<string, { name: string; type: string }[]>();
    let asOf: string;
    try {
      asOf = (await getBuildInfo(wh)).as_of ?? "";
      for (const t of SOURCE_TABLES) {
        schemas.set(
          t,
          await wh.all<{ name: string; type: string }>(
            "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position",
            { t },
          ),
        );
        await wh.exec(`COPY ${t} TO '${join(dir, `${t}.csv`)}' (HEADER)`);
        rows += Number((await wh.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${t}`)).n);
      }
    } finally {
      wh.close();
    }
    if (!asOf) throw new Error(`${db} has not been built`);
    const exportSeconds = (performance.now() - t0) / 1000;
    let mb = 0;
    const c0 = serverCpu(backend).cpu;
    const t1 = performance.now();
    for (const [t, cols] of schemas) {
      await sql(`CREATE TABLE ${t} (${cols.map((c) => `${c.name} ${pgType(c.type)}`).join(", ")})`);
      await sql(`COPY ${t} FROM '${join(dir, `${t}.csv`)}' WITH (FORMAT csv, HEADER true)`);
      mb += readFileSync(join(dir, `${t}.csv`)).length / 1e6;
      rmSync(join(dir, `${t}.csv`));
    }
    const copySeconds = (performance.now() - t1) / 1000;
    const t2 = performance.now();
    for (const i of INDEXES) await sql(i);
    await sql("ANALYZE");
    const indexSeconds = (performance.now() - t2) / 1000;
    const afterLoad = serverCpu(backend);
    const load = {
      wallSeconds: round((performance.now() - t0) / 1000),
      cpuSeconds: round(afterLoad.cpu - c0),
      peakRssMb: Math.round(afterLoad.hwmMb),
      exportSeconds: round(exportSeconds),
      copySeconds: round(copySeconds),
      indexSeconds: round(indexSeconds),
      rows,
      mb: Math.round(mb),
    };

    // Build: the same reference SQL as on DuckDB, then the indexes the cohorts need.
    const t3 = performance.now();
    const steps = await runSteps(sql, referenceBuild(asOf, efiCodelistSources(SHARED_DATA)), {
      analyze: true,
    });
    for (const i of DERIVED_INDEXES) await sql(i);
    const afterBuild = serverCpu(backend);
    const build = {
      wallSeconds: round((performance.now() - t3) / 1000),
      cpuSeconds: round(afterBuild.cpu - afterLoad.cpu),
      peakRssMb: Math.round(afterBuild.hwmMb),
      steps,
    };

    // Cohorts: median of REPEATS runs after one warm-up, counting members as DuckDB's side does.
    const cohorts: { example: string; members: number; ms: number }[] = [];
    for (const [name, query] of Object.entries(REFERENCE_COHORTS)) {
      const text = `SELECT count(*) AS n FROM (${query(loadExample(name), asOf, REF_COHORT_TABLES)}) AS c`;
      let n = Number((await sql(text)).rows[0].n);
      const times: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        const t = performance.now();
        n = Number((await sql(text)).rows[0].n);
        times.push(performance.now() - t);
      }
      times.sort((x, y) => x - y);
      cohorts.push({ example: name, members: n, ms: round(times[Math.floor(times.length / 2)] ?? 0) });
    }

    // Results back to DuckDB for the identity checks.
    for (const t of Object.keys(COMPARED_TABLES))
      await sql(`COPY ${t} TO '${join(dir, `${t}.csv`)}' WITH (FORMAT csv, HEADER true)`);
    for (const [i, [name, query]] of Object.entries(REFERENCE_COHORTS).entries())
      await sql(
        `COPY (${query(loadExample(name), asOf, REF_COHORT_TABLES)}) TO '${join(dir, `cohort_${i}.csv`)}' WITH (FORMAT csv, HEADER true)`,
      );
    const { checks, cohortChecks } = await checkInDuckDb(db, dir, asOf);
    return { load, build, cohorts, checks, cohortChecks };
  } finally {
    await client.end().catch(() => undefined);
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function checkInDuckDb(db: string, dir: string, asOf: string) {
  const wh = await Warehouse.open(db);
  try {
    for (const t of Object.keys(COMPARED_TABLES)) {
      // Typed like the DuckDB reference's tables, so PostgreSQL's CSV is read with the same types.
      const bevan = COMPARED_TABLES[t as keyof typeof COMPARED_TABLES];
      const cols = await refColumns(wh, bevan, join(dir, `${t}.csv`));
      await wh.exec(`CREATE OR REPLACE TABLE pg_${t} AS SELECT ${cols} FROM ${bevan} LIMIT 0`);
      await wh.exec(`COPY pg_${t} FROM '${join(dir, `${t}.csv`)}' (HEADER)`);
    }
    const checks = await compareDerived(wh, "pg_");
    const cohortChecks: TableCheck[] = [];
    for (const [i, name] of Object.keys(REFERENCE_COHORTS).entries()) {
      const def = loadExample(name);
      const q = compileCohort(def, { dialect: wh.dialect, asOf, buildAsOf: asOf });
      await wh.exec(`CREATE OR REPLACE TEMP TABLE _pg (person_id BIGINT)`);
      await wh.exec(`COPY _pg FROM '${join(dir, `cohort_${i}.csv`)}' (HEADER)`);
      const r = await wh.one<{ n: bigint; a: bigint; b: bigint }>(
        `WITH c AS (SELECT person_id FROM (${q.sql}) AS m)
        SELECT (SELECT count(*) FROM _pg) AS n,
          (SELECT count(*) FROM (SELECT person_id FROM _pg EXCEPT ALL SELECT person_id FROM c) AS x) AS a,
          (SELECT count(*) FROM (SELECT person_id FROM c EXCEPT ALL SELECT person_id FROM _pg) AS y) AS b`,
        [...q.params],
      );
      cohortChecks.push({
        table: name,
        rows: Number(r.n),
        onlyReference: Number(r.a),
        onlyBevan: Number(r.b),
      });
    }
    for (const t of Object.keys(COMPARED_TABLES)) await wh.exec(`DROP TABLE IF EXISTS pg_${t}`);
    await wh.exec("DROP TABLE IF EXISTS _pg");
    return { checks, cohortChecks };
  } finally {
    wh.close();
  }
}

/**
 * The Bevan table's columns that the reference computes, in the order of the reference's CSV
 * header. Bevan's table may carry columns the reference does not compute (the record key that
 * disclosure control perturbs with, the planning opt-out flag); those are not compared.
 */
async function refColumns(wh: Warehouse, bevan: string, csv: string): Promise<string> {
  const fd = openSync(csv, "r");
  const head = Buffer.alloc(64 * 1024);
  const got = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const header = (head.toString("utf8", 0, got).split("\n", 1)[0] ?? "").trim().split(",");
  const have = new Set(await columnsOf(wh, bevan));
  const missing = header.filter((c) => !have.has(c));
  if (missing.length) throw new Error(`${bevan} lacks the reference's columns ${missing.join(", ")}`);
  return header.join(", ");
}

const round = (x: number) => Math.round(x * 100) / 100;
