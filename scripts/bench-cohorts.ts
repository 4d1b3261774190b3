// `npm run bench -- --persons N --only cohorts`: the example cohorts, compiled, against
// hand-written SQL for the same questions on a built warehouse. Each query runs once to
// warm up, then REPEATS times; the median is reported. Both sides select the members'
// person ids and count them, so the work compared is the same. The score examples run too
// when the warehouse was scored at its as-of date. Alone:
// `node scripts/bench-cohorts.ts --db FILE` prints the table as JSON.
import { parseArgs } from "node:util";
import { getBuildInfo, Warehouse } from "@bevan/engine";
import { compileCohort, ScopedWarehouse, scopedTableName } from "@bevan/query";
import { AS_OF, HAND, HAND_SCORED, load } from "../packages/query/test/support/hand-sql.ts";

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
    const out: CohortTiming[] = [];
    const info = await getBuildInfo(wh);
    const scored =
      info.as_of === AS_OF && info.risk_as_of === info.as_of && (await wh.tableExists("person_clinical"));
    const examples = { ...HAND, ...(scored ? HAND_SCORED : {}) };
    const icbs = await wh.all<{ org_code: string }>(
      "SELECT org_code FROM organisation WHERE org_type = 'icb'",
    );
    const ics = new ScopedWarehouse(wh, { grants: icbs.map((r) => ({ level: "icb", code: r.org_code })) });
    for (const [example, hand] of Object.entries(examples)) {
      const def = load(example);
      // As `bevan cohort run` compiles it: at the build's own as-of date.
      const q = compileCohort(def, { dialect: wh.dialect, asOf: AS_OF, buildAsOf: AS_OF });
      const count = async (sql: string, params: readonly (string | number)[]) =>
        Number((await wh.one<{ n: bigint }>(`SELECT count(*) AS n FROM (${sql}) AS c`, [...params])).n);
      const compiled = await median(() => count(`SELECT person_id FROM (${q.sql}) AS m`, q.params));
      const handWritten = await median(() => count(hand(def), []));
      if (compiled.n !== handWritten.n) throw new Error(`${example}: compiled and hand-written SQL disagree`);
      const sq = compileCohort(def, {
        dialect: wh.dialect,
        asOf: AS_OF,
        buildAsOf: AS_OF,
        tables: scopedTableName,
      });
      const scoped = await median(async () =>
        Number(
          (
            await ics.one<{ n: bigint }>(
              `SELECT count(*) AS n FROM (SELECT person_id FROM (${sq.sql}) AS m) AS c`,
              [...sq.params],
            )
          ).n,
        ),
      );
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
