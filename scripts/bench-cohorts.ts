// `npm run bench -- --persons N --only cohorts`: the example cohorts, compiled, against the
// hand-written reference SQL for the same questions (bench/reference/cohorts.ts) on a built
// warehouse. Each query runs once to warm up, then REPEATS times; the median is reported.
// Both sides select the members' person ids and count them, so the work compared is the same;
// the member sets must be identical (bench/reference/compare.ts), or the run fails.
import { getBuildInfo, Warehouse } from "@bevan/engine";
import { compileCohort } from "@bevan/query";
import { BEVAN_TABLES, loadExample, REFERENCE_COHORTS } from "../bench/reference/cohorts.ts";
import { compareCohorts, identical } from "../bench/reference/compare.ts";

const REPEATS = 9;

export interface CohortTiming {
  readonly example: string;
  readonly members: number;
  readonly compiledMs: number;
  readonly handMs: number;
  readonly ratio: number;
}

async function median(run: () => Promise<number>): Promise<{ ms: number; n: number }> {
  let n = await run();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    n = await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] ?? 0, n };
}

export async function benchCohorts(db: string): Promise<CohortTiming[]> {
  const wh = await Warehouse.open(db, { readOnly: true });
  try {
    const asOf = (await getBuildInfo(wh)).as_of;
    if (!asOf) throw new Error(`${db} has not been built`);
    const checks = await compareCohorts(wh, asOf);
    if (!identical(checks)) {
      console.table(checks);
      throw new Error("compiled cohorts and the hand-written reference give different members");
    }
    const out: CohortTiming[] = [];
    for (const [example, reference] of Object.entries(REFERENCE_COHORTS)) {
      const def = loadExample(example);
      // As `bevan cohort run` compiles it: at the build's own as-of date.
      const q = compileCohort(def, { dialect: wh.dialect, asOf, buildAsOf: asOf });
      const count = async (sql: string, params: readonly (string | number)[]) =>
        Number((await wh.one<{ n: bigint }>(`SELECT count(*) AS n FROM (${sql}) AS c`, [...params])).n);
      const compiled = await median(() => count(`SELECT person_id FROM (${q.sql}) AS m`, q.params));
      const handWritten = await median(() => count(reference(def, asOf, BEVAN_TABLES), []));
      out.push({
        example,
        members: compiled.n,
        compiledMs: Math.round(compiled.ms * 10) / 10,
        handMs: Math.round(handWritten.ms * 10) / 10,
        ratio: Math.round((compiled.ms / handWritten.ms) * 100) / 100,
      });
    }
    return out;
  } finally {
    wh.close();
  }
}
