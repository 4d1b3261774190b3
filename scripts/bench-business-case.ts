// The business-case benchmark (`npm run bench -- --only business-case`): 10,000 runs of a
// 5-year case with every optional input uncertain (the target is under 2 s on the 2-core
// machine), timed three times after one warm-up run; the load average is recorded.
import { loadavg } from "node:os";
import { runBusinessCase, validateBusinessCase } from "@bevan/finance";

const round = (x: number) => Math.round(x * 1000) / 1000;
const load = loadavg().map((x) => Math.round(x * 100) / 100);
const c = validateBusinessCase({
  name: "Benchmark: every input uncertain",
  size: 5000,
  growth: { uniform: [0, 0.04] },
  years: 5,
  runs: 10_000,
  seed: 1,
  baseline: {
    admissionsPerPerson: { lognormal: [-0.7, 0.2] },
    costPerAdmission: { triangular: [2000, 2500, 3500] },
    bedDaysPerAdmission: { triangular: [4, 6, 9] },
    aePerPerson: { uniform: [0.5, 0.9] },
    costPerAe: { triangular: [120, 180, 270] },
    trend: { normal: [0.02, 0.01] },
  },
  intervention: {
    uptake: { beta: [4, 6] },
    effect: { triangular: [0, 0.15, 0.3] },
    effectOnAe: { triangular: [0, 0.1, 0.2] },
    costPerPerson: { normal: [300, 40] },
    rampUpYears: { uniform: [0.5, 1.5] },
    attrition: { uniform: [0.05, 0.15] },
    timeToEffect: { uniform: [0, 1] },
    fixedCostPerYear: { triangular: [50_000, 80_000, 120_000] },
    setupCost: { triangular: [50_000, 80_000, 150_000] },
  },
  optimismBias: { costs: 0.2, savings: { uniform: [0.1, 0.4] } },
});
runBusinessCase({ ...c, runs: 1000 });
const times: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < 3; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  runBusinessCase(c);
  times.push((performance.now() - t0) / 1000);
  const d = process.cpuUsage(c0);
  cpu.push((d.user + d.system) / 1e6);
}
console.log(
  JSON.stringify({
    runs: 10_000,
    years: 5,
    uncertainInputs: 20,
    seconds: times.map(round),
    medianSeconds: round([...times].sort((a, b) => a - b)[1] ?? 0),
    cpuSeconds: cpu.map(round),
    targetSeconds: 2,
    loadAverage: { atStart: load, atEnd: loadavg().map((x) => Math.round(x * 100) / 100) },
  }),
);
