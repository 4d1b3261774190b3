// `node scripts/bench-build-steps.ts DB`: where `bevan build --no-risk` spends its time. Runs
// the build in this process and prints the wall seconds of each of its steps (BUILD_STEPS) as
// JSON, to set beside the reference's per-step timings (bench/reference/run-duckdb.ts).
// `--statements` also prints each statement slower than 50 ms (its seconds and its opening words).
import { buildWarehouse } from "@bevan/build";
import { Warehouse } from "@bevan/engine";
import { SHARED_DATA } from "../bench/reference/steps.ts";

const args = process.argv.slice(2);
const db = args.find((a) => !a.startsWith("--"));
if (!db) throw new Error("usage: node scripts/bench-build-steps.ts DB [--statements]");
const wh = await Warehouse.open(db);
const statements: { seconds: number; sql: string }[] = [];
if (args.includes("--statements")) {
  for (const method of ["exec", "columns"] as const) {
    const run = wh[method].bind(wh) as (sql: string, params?: never) => Promise<unknown>;
    Object.assign(wh, {
      [method]: async (sql: string, params?: never) => {
        const t = performance.now();
        try {
          return await run(sql, params);
        } finally {
          const seconds = Math.round(performance.now() - t) / 1000;
          if (seconds >= 0.05) statements.push({ seconds, sql: sql.replace(/\s+/g, " ").slice(0, 100) });
        }
      },
    });
  }
}
try {
  const steps: { step: string; seconds: number }[] = [];
  let last = performance.now();
  let current = "start";
  await buildWarehouse(wh, {
    sharedDataDir: SHARED_DATA,
    onProgress: (step) => {
      const now = performance.now();
      if (current !== "start") steps.push({ step: current, seconds: Math.round(now - last) / 1000 });
      current = step;
      last = now;
    },
  });
  for (const s of statements) process.stdout.write(`${s.seconds.toFixed(3)} s  ${s.sql}\n`);
  process.stdout.write(`${JSON.stringify(steps)}\n`);
} finally {
  wh.close();
}
