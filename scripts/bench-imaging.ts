// The imaging planning benchmark (`npm run bench -- --only imaging`): on a built warehouse,
// the weekly demand forecast of every trust's list for each modality (52 weeks, 1,000 draws
// each) plus a 1,000-run Monte Carlo of every list for 52 weeks — the target is under 5 s on
// the 2-core machine. Reading the warehouse is timed apart; the load average is recorded.
import { loadavg } from "node:os";
import { forecastWeekly, runMonteCarlo } from "@bevan/diagnostics";
import { demographicIndex, listBaselines, networkHistory } from "@bevan/diagnostics-query";
import { Warehouse } from "@bevan/engine";
import { ScopedWarehouse } from "@bevan/query";

const db = process.argv[2];
if (!db) throw new Error("usage: node scripts/bench-imaging.ts WAREHOUSE");
const round = (x: number) => Math.round(x * 1000) / 1000;
const load = loadavg().map((x) => Math.round(x * 100) / 100);
const wh = await Warehouse.open(db, { readOnly: true });
try {
  const icbs = await wh.all<{ org_code: string }>("SELECT org_code FROM organisation WHERE org_type = 'icb'");
  const sw = new ScopedWarehouse(wh, {
    grants: icbs.map((r) => ({ level: "icb" as const, code: r.org_code })),
  });
  const [{ value: asOf } = { value: "" }] = await wh.all<{ value: string }>(
    "SELECT value FROM build_info WHERE key = 'as_of'",
  );
  const t0 = performance.now();
  const history = await networkHistory(sw, asOf);
  if (!history) throw new Error("no imaging data in the warehouse");
  const index = await demographicIndex(sw, asOf);
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const WEEKS = 52;
  const exposure = history.weeks.map((w) => index.at(w));
  const future = Array.from({ length: WEEKS }, (_, h) =>
    index.at(
      new Date(Date.parse(`${history.next}T00:00:00Z`) + h * 7 * 86_400_000).toISOString().slice(0, 10),
    ),
  );
  const lists = history.lists.filter((l) => l.requests.some((n) => n > 0));
  const forecasts = lists.map((l, i) => ({
    trust: l.trust,
    modality: l.modality,
    forecast: forecastWeekly(
      { weeks: history.weeks, counts: l.requests, exposure },
      { horizon: WEEKS, seed: 1 + i, draws: 1000, futureExposure: future },
    ),
  }));
  const t2 = performance.now();
  const c2 = process.cpuUsage(c1);
  const baselines = await listBaselines(sw, asOf, history, forecasts, WEEKS);
  const t3 = performance.now();
  const c3 = process.cpuUsage();
  const result = runMonteCarlo({
    firstWeek: history.next,
    lists: baselines,
    scenario: { name: "bench", weeks: WEEKS },
    runs: 1000,
    seed: 1,
  });
  const t4 = performance.now();
  const c4 = process.cpuUsage(c3);
  const cpu = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;
  const trusts = new Set(baselines.map((b) => b.trust)).size;
  const modalities = new Set(baselines.map((b) => b.modality)).size;
  const seconds = {
    readWarehouse: round((t1 - t0 + t3 - t2) / 1000),
    forecast: round((t2 - t1) / 1000),
    monteCarlo: round((t4 - t3) / 1000),
  };
  console.log(
    JSON.stringify({
      stage: "imaging",
      lists: baselines.length,
      trusts,
      modalities,
      weeks: WEEKS,
      runs: result.runs,
      forecastDraws: 1000,
      seconds,
      forecastPlusMonteCarloSeconds: round(seconds.forecast + seconds.monteCarlo),
      // CPU seconds are steadier than wall time on a shared machine.
      forecastPlusMonteCarloCpuSeconds: round(cpu(c2) + cpu(c4)),
      targetSeconds: 5,
      loadAtStart: load,
      loadAtEnd: loadavg().map((x) => Math.round(x * 100) / 100),
    }),
  );
} finally {
  wh.close();
}
