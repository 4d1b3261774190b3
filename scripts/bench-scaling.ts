// `node scripts/bench-scaling.ts [FILE.json ...]`: how cost grows with the population. For each
// stage, a least-squares fit of log(wall seconds) on log(persons) over the given results (default:
// the full-run files bench/results/<date>-<N>.json, the newest per N); the slope is the exponent
// (time ∝ N^b). Prints a table and JSON.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fitLine } from "./least-squares.ts";

interface Result {
  readonly persons: number;
  readonly stages: readonly { stage: string; wallSeconds: number }[];
}

const dir = join(import.meta.dirname, "..", "bench", "results");
const given = process.argv.slice(2);
const files =
  given.length > 0
    ? given
    : readdirSync(dir)
        .filter((f) => /^\d{4}-\d{2}-\d{2}-\d+\.json$/.test(f))
        .sort()
        .map((f) => join(dir, f));
const newest = new Map<number, Result>();
for (const f of files) {
  const r = JSON.parse(readFileSync(f, "utf8")) as Result;
  newest.set(r.persons, r);
}

const stages = new Set([...newest.values()].flatMap((r) => r.stages.map((s) => s.stage)));
const rows: Record<string, unknown>[] = [];
for (const stage of stages) {
  const points = [...newest.values()]
    .map((r) => ({ n: r.persons, t: r.stages.find((s) => s.stage === stage)?.wallSeconds }))
    .filter((p): p is { n: number; t: number } => typeof p.t === "number" && p.t > 0)
    .sort((a, b) => a.n - b.n);
  if (points.length < 2) continue;
  const { slope } = fitLine(
    points.map((p) => Math.log(p.n)),
    points.map((p) => Math.log(p.t)),
  );
  rows.push({
    stage,
    persons: points.map((p) => p.n).join(", "),
    seconds: points.map((p) => p.t).join(", "),
    exponent: Math.round(slope * 100) / 100,
  });
}
console.table(rows);
console.log(JSON.stringify(rows));
