// `npm run bench -- --persons N --only cohorts`: the example cohorts, compiled, against the
// hand-written reference SQL for the same questions (bench/reference/cohorts.ts) on a built
// warehouse. Each query runs once to warm up, then REPEATS rounds in which the compiled, the
// hand-written and the scoped query each run once in turn; the medians are reported.
// Both sides select the members' person ids and count them, so the work compared is the same;
// the member sets must be identical (bench/reference/compare.ts), or the run fails. The score
// examples (hand-written in packages/query/test/support/hand-sql.ts) run too when the
// warehouse was scored at its as-of date. Each example is also timed as the API runs it, for
// a user scoped to the whole ICS (scoped_<table> views). Alone:
// `node scripts/bench-cohorts.ts --db FILE [--repeats N]` prints the table as JSON.
import { parseArgs } from "node:util";
import { getBuildInfo, Warehouse } from "@bevan/engine";
import { type CohortDefinition, compileCohort, ScopedWarehouse, scopedTableName } from "@bevan/query";
import { BEVAN_TABLES, loadExample, REFERENCE_COHORTS } from "../bench/reference/cohorts.ts";
import { compareCohorts, identical } from "../bench/reference/compare.ts";
import { AS_OF, HAND_SCORED } from "../packages/query/test/support/hand-sql.ts";

let REPEATS = 9;

export interface CohortTiming {
  readonly example: string;
  readonly members: number;
  readonly compiledMs: number;
  readonly handMs: number;
  readonly ratio: number;
  /** As the API runs it for a user scoped to the whole ICS (scoped_<table> views). */
  readonly scopedMs: number;
}

/**
 * Times the queries interleaved (a round runs each once, in turn), so a change in the
 * machine's load during the measurement falls on all of them alike, not on one side of a ratio.
 */
async function medians(runs: readonly (() => Promise<number>)[]): Promise<{ ms: number; n: number }[]> {
  const ns: number[] = [];
  for (const run of runs) ns.push(await run());
  const times: number[][] = runs.map(() => []);
  for (let i = 0; i < REPEATS; i++) {
    for (const [k, run] of runs.entries()) {
      const t = performance.now();
      ns[k] = await run();
      times[k]?.push(performance.now() - t);
    }
  }
  return times.map((ts, k) => {
    const sorted = [...ts].sort((a, b) => a - b);
    return { ms: sorted[Math.floor(sorted.length / 2)] ?? 0, n: ns[k] ?? 0 };
  });
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
    const info = await getBuildInfo(wh);
    const scored = asOf === AS_OF && info.risk_as_of === asOf && (await wh.tableExists("person_clinical"));
    const queries: Record<string, (def: CohortDefinition) => string> = {};
    for (const [name, reference] of Object.entries(REFERENCE_COHORTS))
      queries[name] = (def) => reference(def, asOf, BEVAN_TABLES);
    if (scored) Object.assign(queries, HAND_SCORED);
    const icbs = await wh.all<{ org_code: string }>(
      "SELECT org_code FROM organisation WHERE org_type = 'icb'",
    );
    const ics = new ScopedWarehouse(wh, { grants: icbs.map((r) => ({ level: "icb", code: r.org_code })) });
    for (const [example, hand] of Object.entries(queries)) {
      const def = loadExample(example);
      // As `bevan cohort run` compiles it: at the build's own as-of date.
      const q = compileCohort(def, { dialect: wh.dialect, asOf, buildAsOf: asOf });
      const count = async (sql: string, params: readonly (string | number)[]) =>
        Number((await wh.one<{ n: bigint }>(`SELECT count(*) AS n FROM (${sql}) AS c`, [...params])).n);
      const sq = compileCohort(def, { dialect: wh.dialect, asOf, buildAsOf: asOf, tables: scopedTableName });
      const [compiled, handWritten, scoped] = await medians([
        () => count(`SELECT person_id FROM (${q.sql}) AS m`, q.params),
        () => count(hand(def), []),
        async () =>
          Number(
            (
              await ics.one<{ n: bigint }>(
                `SELECT count(*) AS n FROM (SELECT person_id FROM (${sq.sql}) AS m) AS c`,
                [...sq.params],
              )
            ).n,
          ),
      ]);
      if (!compiled || !handWritten || !scoped) throw new Error(`${example}: not timed`);
      if (compiled.n !== handWritten.n) throw new Error(`${example}: compiled and hand-written SQL disagree`);
      if (scoped.n !== compiled.n) throw new Error(`${example}: scoped and unscoped SQL disagree`);
      out.push({
        example,
        members: compiled.n,
        compiledMs: Math.round(compiled.ms * 10) / 10,
        handMs: Math.round(handWritten.ms * 10) / 10,
        ratio: Math.round((compiled.ms / handWritten.ms) * 100) / 100,
        scopedMs: Math.round(scoped.ms * 10) / 10,
      });
    }
    return out;
  } finally {
    wh.close();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { db: { type: "string" }, repeats: { type: "string" } } });
  if (!values.db) throw new Error("usage: node scripts/bench-cohorts.ts --db FILE [--repeats N]");
  if (values.repeats) REPEATS = Number(values.repeats);
  const timings = await benchCohorts(values.db);
  const total = (k: "compiledMs" | "handMs") => timings.reduce((a, c) => a + c[k], 0);
  process.stdout.write(
    `${JSON.stringify({ timings, compiledMs: total("compiledMs"), handMs: total("handMs"), ratio: total("compiledMs") / total("handMs") }, null, 2)}\n`,
  );
}
