// Runs the reference build (derived.ts) on a built warehouse, as its own process so the
// benchmark can time it like a Bevan stage; ref_* tables are written beside Bevan's.
// `node bench/reference/run-duckdb.ts DB [--as-of DATE]`; prints JSON on the last line.
import { efiCodelistSources } from "@bevan/clinical";
import { getBuildInfo, Warehouse } from "@bevan/engine";
import { referenceBuild } from "./derived.ts";
import { runSteps, SHARED_DATA } from "./steps.ts";

const [db] = process.argv.slice(2);
if (!db) throw new Error("usage: node bench/reference/run-duckdb.ts DB");
const started = process.hrtime.bigint();
const wh = await Warehouse.open(db);
try {
  const asOf = (await getBuildInfo(wh)).as_of;
  if (!asOf) throw new Error(`${db} has not been built: run \`bevan build --db ${db}\` first`);
  const steps = referenceBuild(asOf, efiCodelistSources(SHARED_DATA));
  const timings = await runSteps((sql) => wh.exec(sql), steps);
  const usage = process.resourceUsage();
  process.stdout.write(
    `\n${JSON.stringify({
      code: 0,
      asOf,
      wallSeconds: Number(process.hrtime.bigint() - started) / 1e9,
      cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      peakRssMb: usage.maxRSS / 1024,
      steps: timings,
    })}\n`,
  );
} finally {
  wh.close();
}
