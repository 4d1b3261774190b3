// The benchmark's comparison stages on a built warehouse: the optimum (hand-written DuckDB SQL,
// bench/reference/run-duckdb.ts) and PostgreSQL 15 (bench/reference/run-postgres.ts), each a
// process of its own, with the identity checks against Bevan's tables. A difference fails the run.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Warehouse } from "@bevan/engine";
import { compareDerived, identical, type TableCheck } from "../bench/reference/compare.ts";
import type { PostgresResult } from "../bench/reference/postgres.ts";
import { dropReference } from "../bench/reference/steps.ts";

const root = join(import.meta.dirname, "..");

export interface ProcessMeasure {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

function lastJson<T>(script: string, args: readonly string[]): T {
  const r = spawnSync(process.execPath, [join(root, script), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new Error(`${script} failed`);
  }
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as T;
}

function assertIdentical(what: string, checks: readonly TableCheck[]): void {
  if (identical(checks)) return;
  console.table(checks);
  throw new Error(`${what} differs from Bevan's results (rows only in one side above)`);
}

/** The optimum: runs the reference build, checks it against Bevan's tables, then drops it. */
export async function benchOptimum(
  db: string,
): Promise<ProcessMeasure & { steps: unknown; checks: TableCheck[] }> {
  const m = lastJson<ProcessMeasure & { steps: unknown }>("bench/reference/run-duckdb.ts", [db]);
  const wh = await Warehouse.open(db);
  try {
    const checks = await compareDerived(wh);
    assertIdentical("the hand-written DuckDB reference", checks);
    await dropReference((sql) => wh.exec(sql));
    return { ...m, checks };
  } finally {
    wh.close();
  }
}

export function benchPostgresStage(db: string): PostgresResult {
  const r = lastJson<PostgresResult>("bench/reference/run-postgres.ts", [db]);
  assertIdentical("the PostgreSQL reference", r.checks);
  assertIdentical("the PostgreSQL cohorts", r.cohortChecks);
  return r;
}
