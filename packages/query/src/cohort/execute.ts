// Executing compiled cohorts: the only part of the cohort language that does I/O. A query
// runs on a target — the Warehouse (CLI) or the API's ScopedWarehouse, which names
// person-level tables `scoped_<table>` — and results record which cohort version and which
// data (build) they came from.
import { type Dialect, type Engine, getBuildInfo, type Params, type Row } from "@bevan/engine";
import { cellOf } from "../disclosure/cell-key.ts";
import { emptySketch, type Sketch } from "../disclosure/sketch.ts";
import { NotBuiltError } from "../summary.ts";
import { type CompiledQuery, compileCohort, scoresUsed, type TableNames } from "./compile.ts";
import type { CohortDefinition } from "./ir.ts";
import {
  BREAKDOWN_DIMENSIONS,
  type BreakdownDimension,
  compileBreakdowns,
  compileTimeline,
  monthEnds,
} from "./outputs.ts";
import { ScoresNotBuiltError, scoresNotBuilt } from "./score-contract.ts";

export interface BreakdownRow {
  readonly value: string | null;
  readonly count: number;
  /** The cell's key (docs/disclosure-control.md): the API discloses count and key as a Cell. */
  readonly key?: number;
}

export interface DataVersion {
  /** The build's as-of date. */
  readonly buildAsOf: string;
  readonly builtAt: string;
  /** The date the risk scores were computed for, when the build scored. */
  readonly riskAsOf?: string;
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

/** Where compiled cohorts run: a Warehouse, or a ScopedWarehouse with its table names. */
export interface CohortTarget {
  readonly dialect: Dialect;
  json<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  /**
   * For counts and monthly counts only (never members): an answer the target may remember
   * (the API's ScopedWarehouse on a read-only warehouse). Default: `json`.
   */
  aggregateJson?<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  /** The name person-level tables are read by (default: as they are). */
  table?: TableNames;
}

/** What a compiled query needs besides the definition: the evaluation and build dates. */
export interface EvaluationDates {
  readonly asOf: string;
  readonly buildAsOf: string;
}

export async function dataVersion(wh: Engine): Promise<DataVersion> {
  const info = await getBuildInfo(wh);
  if (!info.as_of) throw new NotBuiltError(wh.path);
  return {
    buildAsOf: info.as_of,
    builtAt: info.built_at ?? "",
    ...(info.risk_as_of ? { riskAsOf: info.risk_as_of } : {}),
  };
}

/**
 * Refuses a definition that uses scores the warehouse has not built for its as-of date, so
 * that it fails with a fix instead of finding nobody. Reads the whole warehouse (whether a
 * score exists at all is not patient data), so it takes the Warehouse, not a scope.
 */
export async function checkScoresBuilt(
  wh: Engine,
  def: CohortDefinition,
  data: DataVersion,
  options: { showPath?: boolean } = {},
): Promise<void> {
  const missing = await scoresNotBuilt(
    { tableExists: (n) => wh.tableExists(n), all: (sql, params) => wh.all(sql, params) },
    scoresUsed(def.criteria),
  );
  if (missing.length > 0)
    throw new ScoresNotBuiltError(missing, {
      asOf: data.buildAsOf,
      ...(data.riskAsOf ? { riskAsOf: data.riskAsOf } : {}),
      ...(options.showPath ? { db: wh.path } : {}),
    });
}

function compile(target: CohortTarget, def: CohortDefinition, at: EvaluationDates): CompiledQuery {
  return compileCohort(def, {
    dialect: target.dialect,
    asOf: at.asOf,
    buildAsOf: at.buildAsOf,
    ...(target.table ? { tables: target.table.bind(target) } : {}),
  });
}

async function rows<T extends Row>(target: CohortTarget, q: CompiledQuery): Promise<T[]> {
  return target.json<T>(q.sql, [...q.params]);
}

async function counts<T extends Row>(target: CohortTarget, q: CompiledQuery): Promise<T[]> {
  return target.aggregateJson ? target.aggregateJson<T>(q.sql, [...q.params]) : rows<T>(target, q);
}

/**
 * The count and the breakdowns asked for (default: all), in one query, each with its cell
 * key; with `sketch`, also the cohort's set sketch (disclosure/sketch.ts).
 */
export async function countCohort(
  target: CohortTarget,
  def: CohortDefinition,
  at: EvaluationDates,
  dimensions: readonly BreakdownDimension[] = BREAKDOWN_DIMENSIONS,
  options: { sketch?: boolean } = {},
): Promise<{
  count: number;
  key: number;
  breakdowns: Partial<Record<BreakdownDimension, BreakdownRow[]>>;
  sketch?: Sketch;
}> {
  const found = await counts<{
    dimension: string;
    value: string | null;
    n: string | number;
    k: string | number | null;
  }>(target, compileBreakdowns(compile(target, def, at), dimensions, options));
  const breakdowns: Partial<Record<BreakdownDimension, BreakdownRow[]>> = Object.fromEntries(
    dimensions.map((d) => [d, [] as BreakdownRow[]]),
  );
  let count = 0;
  let key = 0;
  const sketch = options.sketch ? emptySketch() : undefined;
  for (const r of found) {
    const c = cellOf(BigInt(r.n), r.k === null ? null : BigInt(r.k));
    if (r.dimension === "total") {
      count = c.n;
      key = c.key;
    } else if (r.dimension === "sketch") {
      if (sketch) sketch[Number(r.value)] = c.n;
    } else breakdowns[r.dimension as BreakdownDimension]?.push({ value: r.value, count: c.n, key: c.key });
  }
  for (const list of Object.values(breakdowns))
    list.sort((a, b) => (a.value ?? "\uffff").localeCompare(b.value ?? "\uffff", "en", { numeric: true }));
  return { count, key, breakdowns, ...(sketch ? { sketch } : {}) };
}

/** A page of members (person keys as strings, ascending) and how many there are in all. */
export async function listMembers(
  target: CohortTarget,
  def: CohortDefinition,
  at: EvaluationDates,
  page?: { limit: number; offset: number },
): Promise<{ total: number; personIds: string[] }> {
  const q = compile(target, def, at);
  const paging = page
    ? ` LIMIT ${Math.max(0, Math.trunc(page.limit))} OFFSET ${Math.max(0, Math.trunc(page.offset))}`
    : "";
  const found = await rows<{ person_id: string; total: string | number }>(target, {
    ...q,
    sql: `SELECT person_id, count(*) OVER () AS total FROM (${q.sql}) AS m ORDER BY person_id${paging}`,
  });
  // An offset past the end returns no rows, and so no window total: count separately then.
  const total =
    found[0] !== undefined
      ? Number(found[0].total)
      : page && page.offset > 0
        ? (await countCohort(target, def, at)).count
        : 0;
  return { total, personIds: found.map((r) => String(r.person_id)) };
}

/** Members of a (resolved) cohort at a date on a warehouse: person keys as strings, ascending. */
export async function cohortMembers(wh: Engine, def: CohortDefinition, asOf: string): Promise<string[]> {
  const data = await dataVersion(wh);
  await checkScoresBuilt(wh, def, data, { showPath: true });
  return (await listMembers(wh, def, { asOf, buildAsOf: data.buildAsOf })).personIds;
}

export async function runCohort(
  wh: Engine,
  def: CohortDefinition,
  options: RunOptions = {},
): Promise<CohortResult> {
  const data = await dataVersion(wh);
  await checkScoresBuilt(wh, def, data, { showPath: true });
  const at = { asOf: options.asOf ?? data.buildAsOf, buildAsOf: data.buildAsOf };
  const { count, breakdowns } = await countCohort(wh, def, at);
  const all = breakdowns as Record<BreakdownDimension, BreakdownRow[]>;
  const members = options.members ? (await listMembers(wh, def, at)).personIds : undefined;
  return {
    cohort: { name: def.name, ...(options.saved ?? {}) },
    data,
    asOf: at.asOf,
    count,
    breakdowns: all,
    ...(members ? { members } : {}),
  };
}

export interface TimelinePoint {
  readonly asOf: string;
  readonly count: number;
  /** The cell key of the people counted (docs/disclosure-control.md). */
  readonly key?: number;
  /** The set sketch of the people counted, when asked for. */
  readonly sketch?: Sketch;
}

/** Monthly counts on a target: the cohort evaluated at each month end from `from` to `to`. */
export async function timelineOn(
  target: CohortTarget,
  def: CohortDefinition,
  from: string,
  to: string,
  buildAsOf: string,
  options: { sketch?: boolean } = {},
): Promise<TimelinePoint[]> {
  const dates = monthEnds(from, to);
  const q = compileTimeline(def, dates, {
    dialect: target.dialect,
    buildAsOf,
    ...(target.table ? { tables: target.table.bind(target) } : {}),
    ...(options.sketch ? { sketch: true } : {}),
  });
  const found = await counts<{
    as_of: string;
    n: string | number;
    k: string | number | null;
    bucket?: number;
  }>(target, q);
  // Every month end has a point (a month with nobody has no rows when sketched by bucket).
  const points = new Map(
    dates.map((d) => [d, { n: 0, k: 0n, sketch: options.sketch ? emptySketch() : undefined }]),
  );
  for (const r of found) {
    const p = points.get(String(r.as_of).slice(0, 10));
    if (!p) continue;
    p.n += Number(r.n);
    p.k += r.k === null ? 0n : BigInt(r.k);
    if (p.sketch && r.bucket !== undefined) p.sketch[Number(r.bucket)] = Number(r.n);
  }
  return [...points.entries()]
    .map(([asOf, p]) => {
      const c = cellOf(p.n, p.k);
      return { asOf, count: c.n, key: c.key, ...(p.sketch ? { sketch: p.sketch } : {}) };
    })
    .sort((a, b) => a.asOf.localeCompare(b.asOf));
}

/** Monthly counts on a warehouse (the CLI's timeline). */
export async function cohortTimeline(
  wh: Engine,
  def: CohortDefinition,
  from: string,
  to: string,
): Promise<TimelinePoint[]> {
  const data = await dataVersion(wh);
  await checkScoresBuilt(wh, def, data, { showPath: true });
  return timelineOn(wh, def, from, to, data.buildAsOf);
}
