// A cohort's members as a list to act on: filtered, sorted and paged in SQL over any number
// of people, with a "why" column for each criterion that puts a person on the list (their
// latest HbA1c and its date, how many medicines, the admissions, the score and its band).
// The reasons of a page are computed for that page's people only, unless the list is sorted
// by one of them. Raw values: formatting for people is reasons-format.ts.
import type { Params } from "@bevan/engine";
import {
  Builder,
  type CompiledQuery,
  type CompileOptions,
  type Ctx,
  codeMatch,
  compileCohort,
  inWindow,
  shift,
} from "./compile.ts";
import { describeCriterion } from "./describe.ts";
import type { CohortTarget, EvaluationDates } from "./execute.ts";
import type { CohortDefinition, Criterion } from "./ir.ts";
import { PERSON_SCORE_TABLE } from "./score-contract.ts";

export type ReasonNode = Extract<
  Criterion,
  {
    kind:
      | "register"
      | "register_count"
      | "events"
      | "latest_value"
      | "distinct_medicines"
      | "hospital_activity"
      | "social_care"
      | "score";
  }
>;

export interface ReasonColumn {
  /** `r0`, `r1`, … in the order the criteria appear. */
  readonly id: string;
  readonly label: string;
  /** JSON Pointer of the criterion in the definition. */
  readonly path: string;
  readonly node: ReasonNode;
}

const REASON_KINDS = new Set([
  "register",
  "register_count",
  "events",
  "latest_value",
  "distinct_medicines",
  "hospital_activity",
  "social_care",
  "score",
]);

/**
 * The criteria that put people on the list and carry a value worth showing: leaves under
 * `and`/`or` (not under `not`: absence has no value). Demographic leaves are already the
 * list's own columns (age, sex, practice, deprivation).
 */
export function reasonColumns(def: CohortDefinition): ReasonColumn[] {
  const out: ReasonColumn[] = [];
  const walk = (node: Criterion, path: string) => {
    if (node.kind === "and" || node.kind === "or") {
      for (const [i, c] of node.of.entries()) walk(c, `${path}/of/${i}`);
    } else if (REASON_KINDS.has(node.kind))
      out.push({
        id: `r${out.length}`,
        label: describeCriterion(node),
        path,
        node: node as ReasonNode,
      });
  };
  walk(def.criteria, "/criteria");
  return out;
}

/** The list's own columns, by the name a caller sorts on. */
export const MEMBER_SORTS = {
  person: "person_id",
  age: "age",
  sex: "sex",
  practice: "practice_code",
  deprivation: "imd_quintile",
  ethnicity: "ethnicity_group",
} as const;
export type MemberSort = keyof typeof MEMBER_SORTS;

export interface MemberFilters {
  readonly practices?: readonly string[];
  readonly sexes?: readonly string[];
  readonly ageMin?: number;
  readonly ageMax?: number;
  readonly imdQuintiles?: readonly number[];
}

export interface MemberPageQuery {
  /** A list column (MEMBER_SORTS) or a reason id (`r0`…). */
  readonly sort: string;
  readonly desc: boolean;
  /** Null: every member (an export). */
  readonly page: { readonly limit: number; readonly offset: number } | null;
  readonly filters: MemberFilters;
}

/** One reason's raw values: a number, a date, a count and a text, as the criterion has them. */
export interface ReasonValue {
  readonly value: number | null;
  readonly date: string | null;
  readonly count: number | null;
  readonly text: string | null;
}

export interface MemberRow {
  readonly personId: string;
  readonly age: number;
  readonly sex: string;
  readonly practiceCode: string;
  readonly pcnCode: string | null;
  readonly imdQuintile: number | null;
  readonly ethnicityGroup: string;
  /** By reason id; absent when the person has no value for it (e.g. one branch of an "any of"). */
  readonly reasons: Readonly<Record<string, ReasonValue>>;
}

/** A piece of SQL with its own positional parameters, so pieces can be joined in text order. */
interface Piece {
  readonly sql: string;
  readonly params: readonly (string | number)[];
}

/** Medicine names without a string aggregate (not portable): the first, and the last when it differs. */
const NAMES =
  "min(e.description) || CASE WHEN max(e.description) <> min(e.description) THEN '; ' || max(e.description) ELSE '' END";

/** `SELECT person_id, v, d, n, t` for one reason, for the people in CTE `set`. */
function reasonSql(node: ReasonNode, set: string, options: CompileOptions): Piece {
  const q = new Builder(options.dialect, options.tables ?? ((t) => t));
  const ctx: Ctx = { q, asOf: options.asOf };
  const t = (name: string) => q.t(name);
  const only = (alias: string) => `${alias}.person_id IN (SELECT person_id FROM ${set})`;
  const cols = (v: string, d: string, n: string, x: string) =>
    `CAST(${v} AS DOUBLE) AS v, ${d} AS d, CAST(${n} AS BIGINT) AS n, CAST(${x} AS VARCHAR) AS t`;
  let sql: string;
  switch (node.kind) {
    case "register":
      sql = `SELECT r.person_id, ${cols("NULL", "min(r.first_date)", "NULL", "NULL")} FROM ${t("register")} AS r
        WHERE ${only("r")} AND r.register = ${q.p(node.register)} GROUP BY r.person_id`;
      break;
    case "register_count":
      sql = `SELECT r.person_id, ${cols("NULL", "CAST(NULL AS DATE)", "count(*)", "NULL")} FROM ${t("register")} AS r
        WHERE ${only("r")} AND r.register IN (${q.list(node.registers)}) GROUP BY r.person_id`;
      break;
    case "events": {
      const meds = node.source === "medications";
      const date = meds ? "e.issue_date" : "e.event_date";
      const filters = [only("e"), codeMatch(ctx, "e", node.codes), inWindow(ctx, date, node.window)];
      if (meds && node.issuedBy !== undefined)
        filters.push(
          `e.source_org ${node.issuedBy === "primary_care" ? "IN" : "NOT IN"} (SELECT org_code FROM ${t("organisation")} WHERE org_type = 'practice')`,
        );
      sql = `SELECT e.person_id, ${cols("NULL", `max(${date})`, "count(*)", meds ? NAMES : "NULL")}
        FROM ${t(meds ? "medication_issue" : "gp_event")} AS e WHERE ${filters.join(" AND ")} GROUP BY e.person_id`;
      break;
    }
    case "latest_value": {
      const where = `${only("e")} AND ${codeMatch(ctx, "e", node.codes)} AND ${inWindow(ctx, "e.event_date", node.window)} AND e.value IS NOT NULL`;
      sql = `SELECT x.person_id, ${cols("x.value", "x.event_date", "NULL", "x.unit")} FROM (
          SELECT e.person_id, e.value, e.event_date, e.unit,
            row_number() OVER (PARTITION BY e.person_id ORDER BY e.event_date DESC, e.value DESC) AS rn
          FROM ${t("gp_event")} AS e WHERE ${where}) AS x WHERE x.rn = 1`;
      break;
    }
    case "distinct_medicines": {
      const filters = [only("e"), inWindow(ctx, "e.issue_date", node.window)];
      if (node.codes) filters.push(codeMatch(ctx, "e", node.codes));
      // For a class of medicines, the products' names: both of two, the first and last of more.
      sql = `SELECT e.person_id, ${cols("NULL", "max(e.issue_date)", "count(DISTINCT e.code)", node.codes ? NAMES : "NULL")}
        FROM ${t("medication_issue")} AS e WHERE ${filters.join(" AND ")} GROUP BY e.person_id`;
      break;
    }
    case "hospital_activity": {
      const ae = node.activity === "ae_attendance";
      const date = ae ? "e.arrival_date" : "e.admission_date";
      const filters = [only("e"), inWindow(ctx, date, node.window)];
      if (node.activity === "emergency_admission") filters.push("e.admission_method = 'emergency'");
      if (node.activity === "elective_admission") filters.push("e.admission_method = 'elective'");
      sql = `SELECT e.person_id, ${cols("NULL", `max(${date})`, "count(*)", "NULL")}
        FROM ${t(ae ? "ae_attendance" : "hospital_spell")} AS e WHERE ${filters.join(" AND ")} GROUP BY e.person_id`;
      break;
    }
    case "social_care": {
      const filters = [
        only("e"),
        `e.service_type IN (${q.list(node.services)})`,
        `e.start_date <= ${shift(ctx, node.window.to)}`,
      ];
      if (node.window.from !== null)
        filters.push(`(e.end_date IS NULL OR e.end_date > ${shift(ctx, node.window.from)})`);
      sql = `SELECT e.person_id, ${cols("NULL", "min(e.start_date)", "count(*)", "min(e.service_type)")}
        FROM ${t("social_care_service")} AS e WHERE ${filters.join(" AND ")} GROUP BY e.person_id`;
      break;
    }
    case "score":
      sql = `SELECT e.person_id, ${cols("max(e.value)", "CAST(NULL AS DATE)", "NULL", "max(e.band)")}
        FROM ${t(PERSON_SCORE_TABLE)} AS e WHERE ${only("e")} AND e.score = ${q.p(node.score)} GROUP BY e.person_id`;
      break;
  }
  return { sql, params: q.params };
}

/** The value a reason sorts by: the value, else the count, else the date, else the text. */
const SORT_KEY: Readonly<Record<ReasonNode["kind"], "v" | "d" | "n" | "t">> = {
  register: "d",
  register_count: "n",
  events: "d",
  latest_value: "v",
  distinct_medicines: "n",
  hospital_activity: "n",
  social_care: "d",
  score: "v",
};

function filterSql(f: MemberFilters, q: Builder): string {
  const parts: string[] = [];
  if (f.practices?.length) parts.push(`m.practice_code IN (${q.list(f.practices)})`);
  if (f.sexes?.length) parts.push(`m.sex IN (${q.list(f.sexes)})`);
  if (f.ageMin !== undefined) parts.push(`m.age >= ${q.p(f.ageMin)}`);
  if (f.ageMax !== undefined) parts.push(`m.age <= ${q.p(f.ageMax)}`);
  if (f.imdQuintiles?.length) parts.push(`m.imd_quintile IN (${q.list(f.imdQuintiles)})`);
  return parts.length ? parts.join(" AND ") : "TRUE";
}

/** The page's SQL: members, filters, (sort reason), page with its total, every reason for the page. */
export function compileMemberPage(
  def: CohortDefinition,
  options: CompileOptions,
  reasons: readonly ReasonColumn[],
  query: MemberPageQuery,
): CompiledQuery {
  const pieces: Piece[] = [];
  const cohort = compileCohort(def, options);
  pieces.push({ sql: `WITH m AS (${cohort.sql})`, params: cohort.params });
  const fq = new Builder(options.dialect, options.tables ?? ((t) => t));
  pieces.push({ sql: `, f AS (SELECT m.* FROM m WHERE ${filterSql(query.filters, fq)})`, params: fq.params });
  const byReason = reasons.find((r) => r.id === query.sort);
  const dir = query.desc ? "DESC" : "ASC";
  let order: string;
  if (byReason) {
    const r = reasonSql(byReason.node, "f", options);
    pieces.push({ sql: `, s AS (${r.sql})`, params: r.params });
    order = `s.${SORT_KEY[byReason.node.kind]} ${dir} NULLS LAST, f.person_id`;
  } else {
    const col = MEMBER_SORTS[(query.sort in MEMBER_SORTS ? query.sort : "person") as MemberSort];
    order = `f.${col} ${dir} NULLS LAST${col === "person_id" ? "" : ", f.person_id"}`;
  }
  const paging = query.page
    ? ` LIMIT ${Math.max(0, Math.trunc(query.page.limit))} OFFSET ${Math.max(0, Math.trunc(query.page.offset))}`
    : "";
  // The window total is taken before the limit: the filtered list's size.
  pieces.push({
    sql: `, p AS (SELECT f.*, count(*) OVER () AS total, row_number() OVER (ORDER BY ${order}) AS pos
        FROM f${byReason ? " LEFT JOIN s ON s.person_id = f.person_id" : ""} ORDER BY ${order}${paging})`,
    params: [],
  });
  for (const r of reasons) {
    const piece = reasonSql(r.node, "p", options);
    pieces.push({ sql: `, ${r.id} AS (${piece.sql})`, params: piece.params });
  }
  const select = reasons
    .map(
      (r) =>
        `, ${r.id}.v AS ${r.id}_v, ${r.id}.d AS ${r.id}_d, ${r.id}.n AS ${r.id}_n, ${r.id}.t AS ${r.id}_t`,
    )
    .join("");
  const joins = reasons.map((r) => ` LEFT JOIN ${r.id} ON ${r.id}.person_id = p.person_id`).join("");
  pieces.push({ sql: `\nSELECT p.*${select} FROM p${joins} ORDER BY p.pos`, params: [] });
  return Object.freeze({
    dialect: options.dialect.name,
    sql: pieces.map((p) => p.sql).join("\n"),
    params: Object.freeze(pieces.flatMap((p) => [...p.params])),
  });
}

export interface MemberPage {
  /** People on the filtered list. */
  readonly total: number;
  readonly reasons: readonly { readonly id: string; readonly label: string; readonly path: string }[];
  readonly rows: readonly MemberRow[];
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const date = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));

/** A page (or, with `page: null`, all) of a resolved definition's members, with their reasons. */
export async function memberPageOn(
  target: CohortTarget,
  def: CohortDefinition,
  at: EvaluationDates,
  query: MemberPageQuery,
  reasons: readonly ReasonColumn[] = reasonColumns(def),
): Promise<MemberPage> {
  const options: CompileOptions = {
    dialect: target.dialect,
    asOf: at.asOf,
    buildAsOf: at.buildAsOf,
    ...(target.table ? { tables: target.table.bind(target) } : {}),
  };
  const q = compileMemberPage(def, options, reasons, query);
  const found = await target.json<Record<string, unknown>>(q.sql, [...q.params] as Params);
  let total = found[0] ? Number(found[0].total) : 0;
  // An offset past the end has no rows to carry the total: count the filtered list instead.
  if (!found[0] && query.page && query.page.offset > 0) {
    const all = compileMemberPage(def, options, [], { ...query, page: { limit: 1, offset: 0 } });
    const first = await target.json<Record<string, unknown>>(all.sql, [...all.params] as Params);
    total = first[0] ? Number(first[0].total) : 0;
  }
  return {
    total,
    reasons: reasons.map((r) => ({ id: r.id, label: r.label, path: r.path })),
    rows: found.map((r) => {
      const values: Record<string, ReasonValue> = {};
      for (const c of reasons) {
        const v = { value: num(r[`${c.id}_v`]), date: date(r[`${c.id}_d`]), count: num(r[`${c.id}_n`]) };
        const text = r[`${c.id}_t`] === null || r[`${c.id}_t`] === undefined ? null : String(r[`${c.id}_t`]);
        if (v.value !== null || v.date !== null || v.count !== null || text !== null)
          values[c.id] = { ...v, text };
      }
      return {
        personId: String(r.person_id),
        age: Number(r.age),
        sex: String(r.sex),
        practiceCode: String(r.practice_code),
        pcnCode: r.pcn_code === null ? null : String(r.pcn_code),
        imdQuintile: num(r.imd_quintile),
        ethnicityGroup: String(r.ethnicity_group),
        reasons: values,
      };
    }),
  };
}
