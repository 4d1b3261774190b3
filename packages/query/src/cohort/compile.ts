// The compiler: cohort IR → { sql, params } for one dialect. Pure: no I/O, no clock; the
// evaluation date is a parameter. Each criterion becomes a boolean expression over the
// person row `b`; record-based criteria become semi-joins (`b.person_id IN (…)`), which
// both engines plan as hash semi-joins. Leaves are never NULL, so `not` is two-valued.
// When the top level has cheap conjuncts that narrow the people and conjuncts reading a large
// record table (conjuncts.ts), the cheap ones (person row, registers) are evaluated first,
// once, as the candidates (a CTE), and every other record table is read only for the
// candidates' rows: filtering (and grouping, windowing) just the rows of the people who can
// still qualify, instead of every row in the window.
import type { Dialect } from "@bevan/engine";
import { splitConjuncts } from "./conjuncts.ts";
import type { CodeSet, CohortDefinition, Criterion, EventsNode, Offset, Window } from "./ir.ts";
import { PERSON_SCORE_TABLE } from "./score-contract.ts";

export type SqlParam = string | number;

/** A compiled query: inspectable SQL text and its positional (`?`) parameters. */
export interface CompiledQuery {
  readonly dialect: Dialect["name"];
  readonly sql: string;
  readonly params: readonly SqlParam[];
}

/** The columns a compiled cohort returns, one row per member. */
export const COHORT_COLUMNS = [
  "person_id",
  "practice_code",
  "pcn_code",
  "place_code",
  "imd_quintile",
  "age",
  "sex",
  "ethnicity_group",
  // The disclosure record key: breakdowns and timelines sum it into each cell's key.
  "record_key",
] as const;

export class UnresolvedSavedCohortError extends Error {
  constructor(id: string, version: number) {
    super(
      `the definition refers to saved cohort ${id} version ${version}; resolve saved cohorts (resolveSavedCohorts) before compiling`,
    );
    this.name = "UnresolvedSavedCohortError";
  }
}

/** Maps a warehouse table name to the name the query reads it by (e.g. `scoped_<table>`). */
export type TableNames = (table: string) => string;

export class Builder {
  readonly params: SqlParam[] = [];
  readonly d: Dialect;
  /** The name to read a warehouse table by. */
  readonly t: TableNames;
  constructor(d: Dialect, tables: TableNames) {
    this.d = d;
    this.t = tables;
  }
  p(value: SqlParam): string {
    this.params.push(value);
    return "?";
  }
  list(values: readonly SqlParam[]): string {
    return values.map((v) => this.p(v)).join(", ");
  }
  asOf(value: string): string {
    return `CAST(${this.p(value)} AS DATE)`;
  }
}

export interface CompileOptions {
  readonly dialect: Dialect;
  /** The evaluation date (YYYY-MM-DD): windows, age and registration are relative to it. */
  readonly asOf: string;
  /**
   * The build's as-of date. When it equals `asOf`, age and registration are read from
   * person_asof (computed by the build with the same rules) instead of being recomputed
   * from person and death: the same answer, one table instead of three.
   */
  readonly buildAsOf?: string;
  /**
   * How to name each warehouse table: identity by default; the API passes its scoped
   * warehouse's mapping so person-level tables are read as `scoped_<table>`.
   */
  readonly tables?: TableNames;
}

/** Compiles a resolved definition to a query returning one row per member (COHORT_COLUMNS). */
export function compileCohort(def: CohortDefinition, options: CompileOptions): CompiledQuery {
  const q = new Builder(options.dialect, options.tables ?? ((t) => t));
  const ctx: Ctx = { q, asOf: options.asOf };
  const columns = COHORT_COLUMNS.map((c) => `b.${c}`).join(", ");
  // Parameters are numbered in text order: base, population, cheap conjuncts, records.
  const base = options.buildAsOf === options.asOf ? builtPersonBase(ctx) : personBase(ctx);
  const population = def.population === "registered" ? "b.registered" : "TRUE";
  const split = splitConjuncts(def.criteria);
  let sql: string;
  if (split) {
    const cheap = split.cheap.map((c) => criterion(c, ctx)).join("\n    AND ");
    // Every person column: a record conjunct may still name one (an `or` with a person leaf).
    const candidates = `SELECT b.* FROM (${base}) AS b
  WHERE ${population}
    AND ${cheap}`;
    const records = split.records.map((c) => criterion(c, { ...ctx, candidates: CANDIDATES }));
    sql = `WITH ${q.d.onceCte(CANDIDATES, candidates)}
SELECT ${columns}
FROM ${CANDIDATES} AS b
WHERE ${records.join("\n  AND ")}`;
  } else {
    const criteria = criterion(def.criteria, ctx);
    sql = `SELECT ${columns}
FROM (${base}) AS b
WHERE ${population}
  AND ${criteria}`;
  }
  return Object.freeze({ dialect: options.dialect.name, sql, params: Object.freeze([...q.params]) });
}

/** The CTE holding the people who pass the cheap conjuncts. */
const CANDIDATES = "cohort_candidates";

export interface Ctx {
  readonly q: Builder;
  readonly asOf: string;
  /** When set, record tables are read only for the people in this CTE. */
  readonly candidates?: string;
}

/** `alias.person_id IN (candidates) AND `, or nothing when there is no candidate set. */
function onlyCandidates(ctx: Ctx, alias: string): string {
  return ctx.candidates ? `${alias}.person_id IN (SELECT person_id FROM ${ctx.candidates}) AND ` : "";
}

const PERSON_COLUMNS = `pa.person_id, pa.practice_code, pa.pcn_code, pa.place_code, pa.icb_code, pa.lsoa_code,
    pa.imd_decile, pa.imd_quintile, pa.sex, pa.ethnicity_group, pa.care_home, pa.learning_disability, pa.record_key`;

/** People at the build's own as-of date: everything as the build computed it. */
export function builtPersonBase(ctx: Ctx): string {
  return `SELECT ${PERSON_COLUMNS},
    pa.age, pa.registered
  FROM ${ctx.q.t("person_asof")} AS pa`;
}

/** People as at the evaluation date: age and registration move with it; the rest is as built. */
export function personBase(ctx: Ctx): string {
  const { q } = ctx;
  const at = () => q.asOf(ctx.asOf);
  const died = "coalesce(p.death_date, x.death_date)";
  const age = `CAST(floor((year(${at()}) * 12 + month(${at()}) - year(p.birth_month) * 12 - month(p.birth_month) - CASE WHEN day(${at()}) < 15 THEN 1 ELSE 0 END) / 12.0) AS INTEGER)`;
  return `SELECT ${PERSON_COLUMNS},
    ${age} AS age,
    (p.registration_start <= ${at()} AND (p.registration_end IS NULL OR p.registration_end > ${at()})
      AND (${died} IS NULL OR ${died} > ${at()})) AS registered
  FROM ${q.t("person_asof")} AS pa
  JOIN ${q.t("person")} AS p ON p.person_id = pa.person_id
  LEFT JOIN ${q.t("death")} AS x ON x.person_id = pa.person_id
  WHERE p.birth_month <= ${at()}`;
}

export function shift(ctx: Ctx, o: Offset): string {
  const { q } = ctx;
  const base = q.asOf(ctx.asOf);
  if (o.n === 0) return base;
  if (o.unit === "days") return q.d.addDays(base, o.n);
  return q.d.addMonths(base, o.unit === "years" ? 12 * o.n : o.n);
}

/** `col` within the window: after asOf+from, up to and including asOf+to. */
export function inWindow(ctx: Ctx, col: string, w: Window): string {
  const hi = `${col} <= ${shift(ctx, w.to)}`;
  return w.from === null ? hi : `${col} > ${shift(ctx, w.from)} AND ${hi}`;
}

export function codeMatch(ctx: Ctx, alias: string, set: CodeSet): string {
  const { q } = ctx;
  if (set.kind === "codes")
    return `${alias}.coding_system = ${q.p(set.system)} AND ${alias}.code IN (${q.list(set.codes)})`;
  const id = q.p(set.id);
  const id2 = q.p(set.id);
  return `${alias}.coding_system = (SELECT coding_system FROM ${q.t("codelist")} WHERE codelist_id = ${id}) AND ${alias}.code IN (SELECT code FROM ${q.t("codelist_code")} WHERE codelist_id = ${id2})`;
}

function semi(ctx: Ctx, table: string, where: string, having?: string): string {
  return `b.person_id IN (SELECT e.person_id FROM ${ctx.q.t(table)} AS e WHERE ${onlyCandidates(ctx, "e")}${where}${having ? ` GROUP BY e.person_id HAVING ${having}` : ""})`;
}

function events(node: EventsNode, ctx: Ctx): string {
  const { q } = ctx;
  const table = node.source === "gp" ? "gp_event" : "medication_issue";
  const date = node.source === "gp" ? "e.event_date" : "e.issue_date";
  const filters = [codeMatch(ctx, "e", node.codes), inWindow(ctx, date, node.window)];
  if (node.source === "medications" && node.issuedBy !== undefined) {
    const practices = `SELECT org_code FROM ${q.t("organisation")} WHERE org_type = 'practice'`;
    filters.push(`e.source_org ${node.issuedBy === "primary_care" ? "IN" : "NOT IN"} (${practices})`);
  }
  const where = filters.join(" AND ");
  const t = node.test;
  switch (t.kind) {
    case "exists":
      return semi(ctx, table, where);
    case "count":
      return semi(ctx, table, where, `count(*) >= ${q.p(t.atLeast)}`);
    case "first":
      return semi(ctx, table, where, inWindow(ctx, `min(${date})`, t.within));
    case "latest":
      return semi(ctx, table, where, inWindow(ctx, `max(${date})`, t.within));
  }
}

/**
 * One row per person in the population (with their record key) and one boolean column per
 * criterion (`f0`, `f1`, …), each evaluated over the whole population: what attrition counts
 * are made from.
 */
export function compileFlags(
  def: CohortDefinition,
  options: CompileOptions,
  criteria: readonly Criterion[],
): CompiledQuery {
  const q = new Builder(options.dialect, options.tables ?? ((t) => t));
  const ctx: Ctx = { q, asOf: options.asOf };
  // Parameters are numbered in text order: the flags (in the select list) come before the base.
  const flags = criteria.map((c, i) => `,\n    ${criterion(c, ctx)} AS f${i}`).join("");
  const base = options.buildAsOf === options.asOf ? builtPersonBase(ctx) : personBase(ctx);
  const population = def.population === "registered" ? "b.registered" : "TRUE";
  const sql = `SELECT b.person_id, b.record_key${flags}
FROM (${base}) AS b
WHERE ${population}`;
  return Object.freeze({ dialect: options.dialect.name, sql, params: Object.freeze([...q.params]) });
}

const ORG_COLUMN = {
  icb: "icb_code",
  place: "place_code",
  pcn: "pcn_code",
  practice: "practice_code",
} as const;
const ACTIVITY = {
  emergency_admission: {
    table: "hospital_spell",
    date: "e.admission_date",
    filter: "e.admission_method = 'emergency'",
  },
  elective_admission: {
    table: "hospital_spell",
    date: "e.admission_date",
    filter: "e.admission_method = 'elective'",
  },
  any_admission: { table: "hospital_spell", date: "e.admission_date", filter: null },
  ae_attendance: { table: "ae_attendance", date: "e.arrival_date", filter: null },
} as const;

function criterion(node: Criterion, ctx: Ctx): string {
  const { q } = ctx;
  switch (node.kind) {
    case "and":
      return node.of.length === 1
        ? criterion(node.of[0] as Criterion, ctx)
        : `(${node.of.map((c) => criterion(c, ctx)).join(" AND ")})`;
    case "or":
      return node.of.length === 1
        ? criterion(node.of[0] as Criterion, ctx)
        : `(${node.of.map((c) => criterion(c, ctx)).join(" OR ")})`;
    case "not":
      return `NOT (${criterion(node.of, ctx)})`;
    case "everyone":
      return "TRUE";
    case "age": {
      const parts: string[] = [];
      if (node.min !== undefined) parts.push(`b.age >= ${q.p(node.min)}`);
      if (node.max !== undefined) parts.push(`b.age <= ${q.p(node.max)}`);
      return `(${parts.join(" AND ")})`;
    }
    case "sex":
      return `b.sex IN (${q.list(node.in)})`;
    case "ethnicity":
      return `b.ethnicity_group IN (${q.list(node.in)})`;
    case "lsoa":
      return `coalesce(b.lsoa_code IN (${q.list(node.in)}), FALSE)`;
    case "imd": {
      const col = node.scale === "decile" ? "b.imd_decile" : "b.imd_quintile";
      return `coalesce(${col} >= ${q.p(node.min)} AND ${col} <= ${q.p(node.max)}, FALSE)`;
    }
    case "organisation":
      return `coalesce(b.${ORG_COLUMN[node.level]} IN (${q.list(node.in)}), FALSE)`;
    case "register":
      return `b.person_id IN (SELECT r.person_id FROM ${q.t("register")} AS r WHERE ${onlyCandidates(ctx, "r")}r.register = ${q.p(node.register)})`;
    case "register_count":
      return `b.person_id IN (SELECT r.person_id FROM ${q.t("register")} AS r WHERE ${onlyCandidates(ctx, "r")}r.register IN (${q.list(node.registers)}) GROUP BY r.person_id HAVING count(*) >= ${q.p(node.atLeast)})`;
    case "flag":
      return `b.${node.flag}`;
    case "events":
      return events(node, ctx);
    case "latest_value": {
      const where = `${onlyCandidates(ctx, "e")}${codeMatch(ctx, "e", node.codes)} AND ${inWindow(ctx, "e.event_date", node.window)} AND e.value IS NOT NULL`;
      return `b.person_id IN (SELECT v.person_id FROM (SELECT e.person_id, e.value, row_number() OVER (PARTITION BY e.person_id ORDER BY e.event_date DESC, e.value DESC) AS rn FROM ${q.t("gp_event")} AS e WHERE ${where}) AS v WHERE v.rn = 1 AND v.value ${node.op === "!=" ? "<>" : node.op} ${q.p(node.value)})`;
    }
    case "distinct_medicines": {
      const filters = [inWindow(ctx, "e.issue_date", node.window)];
      if (node.codes) filters.push(codeMatch(ctx, "e", node.codes));
      return semi(
        ctx,
        "medication_issue",
        filters.join(" AND "),
        `count(DISTINCT e.code) >= ${q.p(node.atLeast)}`,
      );
    }
    case "hospital_activity": {
      const a = ACTIVITY[node.activity];
      const filters = [inWindow(ctx, a.date, node.window)];
      if (a.filter) filters.unshift(a.filter);
      return semi(
        ctx,
        a.table,
        filters.join(" AND "),
        node.atLeast > 1 ? `count(*) >= ${q.p(node.atLeast)}` : undefined,
      );
    }
    case "social_care": {
      const filters = [
        `e.service_type IN (${q.list(node.services)})`,
        `e.start_date <= ${shift(ctx, node.window.to)}`,
      ];
      if (node.window.from !== null)
        filters.push(`(e.end_date IS NULL OR e.end_date > ${shift(ctx, node.window.from)})`);
      return semi(ctx, "social_care_service", filters.join(" AND "));
    }
    case "score": {
      const filters = [`e.score = ${q.p(node.score)}`];
      if (node.min !== undefined) filters.push(`e.value >= ${q.p(node.min)}`);
      if (node.max !== undefined) filters.push(`e.value <= ${q.p(node.max)}`);
      if (node.bands !== undefined) filters.push(`e.band IN (${q.list(node.bands)})`);
      return semi(ctx, PERSON_SCORE_TABLE, filters.join(" AND "));
    }
    case "saved_cohort":
      throw new UnresolvedSavedCohortError(node.id, node.version);
  }
}

/** Score names a definition uses (to check the score table exists before running). */
export function scoresUsed(node: Criterion): string[] {
  switch (node.kind) {
    case "and":
    case "or":
      return [...new Set(node.of.flatMap(scoresUsed))];
    case "not":
      return scoresUsed(node.of);
    case "score":
      return [node.score];
    default:
      return [];
  }
}
