// `node scripts/bench-fit.ts [ROWS]`: times the risk model's penalised logistic fit on ROWS
// synthetic people × the risk feature specification's width, with sparsity like the real
// features (a few continuous columns, mostly rare flags and counts). Prints JSON.

import { fitLogistic } from "@bevan/models";
import { FEATURE_NAMES } from "@bevan/risk";

const rows = Number(process.argv[2] ?? 1_000_000);
const p = FEATURE_NAMES.length;
let state = 12345;
const uniform = () => {
  state = (Math.imul(state, 48271) >>> 0) % 2147483647;
  return state / 2147483647;
};
const x = new Float64Array(rows * p);
const y = new Uint8Array(rows);
for (let i = 0; i < rows; i++) {
  let eta = -2.6;
  for (let j = 0; j < p; j++) {
    // Columns 0–3 continuous; the rest flags or counts present in 2–20% of people.
    const v =
      j < 4 ? uniform() * 4 - 2 : uniform() < 0.02 + (0.18 * j) / p ? 1 + Math.floor(uniform() * 2) : 0;
    x[i * p + j] = v;
    eta += ((j % 7) - 3) * 0.05 * v;
  }
  y[i] = uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
}
const started = performance.now();
const fit = fitLogistic({ x, rows, features: p, y }, { lambda: 1 });
const seconds = (performance.now() - started) / 1000;
const usage = process.resourceUsage();
process.stdout.write(
  `${JSON.stringify({ rows, features: p, iterations: fit.iterations, converged: fit.converged, fitSeconds: Math.round(seconds * 100) / 100, peakRssMb: Math.round(usage.maxRSS / 1024) })}\n`,
);
