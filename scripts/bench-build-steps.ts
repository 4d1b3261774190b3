// `node scripts/bench-build-steps.ts DB`: where `bevan build --no-risk` spends its time. Runs
// the build in this process and prints the wall seconds of each of its steps (BUILD_STEPS) as
// JSON, to set beside the reference's per-step timings (bench/reference/run-duckdb.ts).
import { buildWarehouse } from "@bevan/build";
import { Warehouse } from "@bevan/engine";
import { SHARED_DATA } from "../bench/reference/steps.ts";

const [db] = process.argv.slice(2);
if (!db) throw new Error("usage: node scripts/bench-build-steps.ts DB");
const wh = await Warehouse.open(db);
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
  process.stdout.write(`${JSON.stringify(steps)}\n`);
} finally {
  wh.close();
}
