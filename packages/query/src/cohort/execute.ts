// Executing compiled cohorts on a warehouse: the only part of the cohort language that does
// I/O. Results record which cohort version and which data (build) they came from.
import { getBuildInfo, type Warehouse } from "@bevan/engine";
import { NotBuiltError } from "../summary.ts";
import { type CompiledQuery, compileCohort, scoresUsed } from "./compile.ts";
import type { CohortDefinition } from "./ir.ts";
import {
  BREAKDOWN_DIMENSIONS,
  type BreakdownDimension,
  compileBreakdowns,
  compileTimeline,
  monthEnds,
} from "./outputs.ts";
import { PERSON_SCORE_TABLE, ScoreTableMissingError } from "./score-contract.ts";

export interface BreakdownRow {
  readonly value: string | null;
  readonly count: number;
}

export interface DataVersion {
  /** The build's as-of date. */
  readonly buildAsOf: string;
  readonly builtAt: string;
}

export interface CohortResult {
  readonly cohort: { readonly name: string; readonly id?: string; readonly version?: number };
  readonly data: DataVersion;
  /** The evaluation date. */
  readonly asOf: string;
  readonly count: number;
  readonly breakdowns: Readonly<Record<BreakdownDimension, readonly BreakdownRow[]>>;
  /** Pseudonymous person keys, ascending; only when asked for. */
  readonly members?: readonly string[];
}

export interface RunOptions {
  /** Evaluation date; defaults to the build's as-of date. */
  readonly asOf?: string;
  readonly members?: boolean;
  /** The saved cohort and version this definition is, recorded in the result. */
  readonly saved?: { readonly id: string; readonly version: number };
}

export async function dataVersion(wh: Warehouse): Promise<DataVersion> {
  const info = await getBuildInfo(wh);
  if (!info.as_of) throw new NotBuiltError(wh.path);
  return { buildAsOf: info.as_of, builtAt: info.built_at ?? "" };
}

async function ensureTables(wh: Warehouse, def: CohortDefinition): Promise<void> {
  const scores = scoresUsed(def.criteria);
  if (scores.length > 0 && !(await wh.tableExists(PERSON_SCORE_TABLE)))
    throw new ScoreTableMissingError(scores);
}

async function rows<T extends Record<string, unknown>>(wh: Warehouse, q: CompiledQuery): Promise<T[]> {
  return wh.json<T>(q.sql, [...q.params]);
}

/** Members of a (resolved) cohort at a date: person keys as strings, ascending. */
export async function cohortMembers(wh: Warehouse, def: CohortDefinition, asOf: string): Promise<string[]> {
  await ensureTables(wh, def);
  const { buildAsOf } = await dataVersion(wh);
  const q = compileCohort(def, { dialect: wh.dialect, asOf, buildAsOf });
  const result = await rows<{ person_id: string }>(wh, {
    ...q,
    sql: `SELECT person_id FROM (${q.sql}) AS m ORDER BY person_id`,
  });
  return result.map((r) => String(r.person_id));
}

export async function runCohort(
  wh: Warehouse,
  def: CohortDefinition,
  options: RunOptions = {},
): Promise<CohortResult> {
  const data = await dataVersion(wh);
  await ensureTables(wh, def);
  const asOf = options.asOf ?? data.buildAsOf;
  const q = compileCohort(def, { dialect: wh.dialect, asOf, buildAsOf: data.buildAsOf });
  const found = await rows<{ dimension: string; value: string | null; n: string | number }>(
    wh,
    compileBreakdowns(q),
  );
  const breakdowns = Object.fromEntries(BREAKDOWN_DIMENSIONS.map((d) => [d, [] as BreakdownRow[]])) as Record<
    BreakdownDimension,
    BreakdownRow[]
  >;
  let count = 0;
  for (const r of found) {
    if (r.dimension === "total") count = Number(r.n);
    else breakdowns[r.dimension as BreakdownDimension]?.push({ value: r.value, count: Number(r.n) });
  }
  for (const list of Object.values(breakdowns))
    list.sort((a, b) => (a.value ?? "\uffff").localeCompare(b.value ?? "\uffff", "en", { numeric: true }));
  const members = options.members ? await cohortMembers(wh, def, asOf) : undefined;
  return {
    cohort: { name: def.name, ...(options.saved ?? {}) },
    data,
    asOf,
    count,
    breakdowns,
    ...(members ? { members } : {}),
  };
}

export interface TimelinePoint {
  readonly asOf: string;
  readonly count: number;
}

/** Monthly counts: the cohort evaluated at each month end from `from` to `to`. */
export async function cohortTimeline(
  wh: Warehouse,
  def: CohortDefinition,
  from: string,
  to: string,
): Promise<TimelinePoint[]> {
  await ensureTables(wh, def);
  const { buildAsOf } = await dataVersion(wh);
  const q = compileTimeline(def, wh.dialect, monthEnds(from, to), buildAsOf);
  const found = await rows<{ as_of: string; n: string | number }>(wh, q);
  return found
    .map((r) => ({ asOf: String(r.as_of).slice(0, 10), count: Number(r.n) }))
    .sort((a, b) => a.asOf.localeCompare(b.asOf));
}
