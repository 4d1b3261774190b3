// Row-level access, enforced in one place. The API never holds the Warehouse: it holds a
// ScopedWarehouse for the caller, whose SQL may read person-level tables only through
// `scoped_<table>` views, and every such view is restricted, by this module alone, to the
// people registered in the caller's organisations. An empty scope sees nobody.
import {
  BOOKKEEPING_TABLES,
  DERIVED_TABLES,
  INGESTED_TABLES,
  REFERENCE_TABLES,
  RESOURCE_TABLES,
  RISK_TABLES,
  type TableDef,
} from "@bevan/domain";
import { type Dialect, duckdb, type Engine, type Params, type Row } from "@bevan/engine";

import type { OrgLevel } from "./cohort/ir.ts";
import { PERSON_SCORE_TABLE } from "./cohort/score-contract.ts";

/**
 * Where a grant reaches: an organisation of the ICB → place → PCN → practice hierarchy (the
 * people registered there), or a provider trust (the activity it carried out: rows of
 * `TRUST_TABLES` with its trust code, whoever the patient).
 */
export type ScopeLevel = OrgLevel | "trust";

export interface OrgGrant {
  readonly level: ScopeLevel;
  readonly code: string;
}

/**
 * Person-level tables of a provider's activity, with a `trust_code`: a trust grant sees the
 * rows of its trust; a grant of people sees its people's rows at any trust.
 */
export const TRUST_TABLES: readonly string[] = ["imaging_request"];

/** The organisations a caller may see; person rows are in scope when their practice lies in one. */
export interface Scope {
  readonly grants: readonly OrgGrant[];
  /** Further restrictions (e.g. a drill-down to one practice), each ANDed with the grants. */
  readonly within?: readonly OrgGrant[];
  /**
   * Named people only (a patient record, or one page of a patient list): every view is
   * further restricted to these people, so the queries look a few people up instead of
   * listing everyone in scope. Never wider than the grants: a person outside them stays out.
   */
  readonly people?: readonly bigint[];
  /**
   * For a purpose other than direct care (planning and commissioning): people who opted out
   * (type 1 or National Data Opt-out, person_asof.planning_opt_out) are left out of every
   * view, so nothing used for planning counts, lists or models them. Direct care sees them.
   */
  readonly planning?: boolean;
}

const ALL_TABLES: readonly TableDef[] = [
  ...REFERENCE_TABLES,
  ...INGESTED_TABLES,
  ...DERIVED_TABLES,
  ...BOOKKEEPING_TABLES,
  ...RISK_TABLES,
  ...RESOURCE_TABLES,
];

/** Tables with one or more rows per person: readable only through their scoped view. */
export const PERSON_TABLES: readonly string[] = [
  ...ALL_TABLES.filter((t) => t.columns.some((c) => c.name === "person_id")).map((t) => t.name),
  // The view over the clinical and risk scores that the cohort language reads.
  PERSON_SCORE_TABLE,
];

/** The name scoped SQL reads a table by: `scoped_<table>` for person-level tables. */
export function scopedTableName(name: string): string {
  return PERSON_TABLES.includes(name) ? `scoped_${name}` : name;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/;
const LEVEL_COLUMN: Record<OrgLevel, string> = {
  icb: "icb_code",
  place: "place_code",
  pcn: "pcn_code",
  practice: "practice_code",
};

/** The ids of the people in scope, computed once per query. */
const SCOPE_IDS = "scope_person_ids";

/** A query that reached around the scoped views: a programming error, never shown to users. */
export class UnscopedQueryError extends Error {
  constructor(table: string) {
    super(`query reads person-level table ${table} directly; use scoped_${table}`);
    this.name = "UnscopedQueryError";
  }
}

function checkedCodes(grants: readonly OrgGrant[]): string[] {
  const codes = grants.map((g) => g.code);
  // Codes come from policy data and route schemas; checked again here because they are inlined.
  for (const c of codes) if (!CODE.test(c)) throw new Error("invalid organisation code in scope");
  return codes;
}

/**
 * The mandatory predicate over person_asof for a scope: FALSE when the scope is empty. Trust
 * grants reach no one here (they see activity, not people).
 */
export function scopePredicate(scope: Scope, alias = "p"): string {
  const anyOf = (grants: readonly OrgGrant[]) => {
    const clauses: string[] = [];
    for (const level of Object.keys(LEVEL_COLUMN) as OrgLevel[]) {
      const codes = grants.filter((g) => g.level === level).map((g) => g.code);
      if (codes.length === 0) continue;
      // Codes come from policy data and route schemas; checked again here because they are inlined.
      for (const c of codes) if (!CODE.test(c)) throw new Error("invalid organisation code in scope");
      clauses.push(`${alias}.${LEVEL_COLUMN[level]} IN (${codes.map((c) => `'${c}'`).join(", ")})`);
    }
    return clauses.length === 0 ? "FALSE" : `(${clauses.join(" OR ")})`;
  };
  const within = (scope.within ?? []).filter((g) => g.level !== "trust").map((g) => anyOf([g]));
  // A bigint renders as digits only, so inlining it cannot inject SQL.
  const ids = (scope.people ?? []).map((id) => BigInt(id).toString());
  const people =
    scope.people === undefined
      ? []
      : ids.length === 0
        ? ["FALSE"]
        : ids.length === 1
          ? [`${alias}.person_id = ${ids[0]}`]
          : [`${alias}.person_id IN (${ids.join(", ")})`];
  const optOuts = scope.planning ? [`NOT ${alias}.planning_opt_out`] : [];
  return [anyOf(scope.grants), ...within, ...people, ...optOuts].join(" AND ");
}

/**
 * The person-level tables `sql` reads through their scoped views. Rejects SQL naming a
 * person-level table other than as `scoped_<table>` (a column qualified as `r.register` is fine).
 */
export function scopedTablesOf(sql: string): Set<string> {
  // String literals are data, not table names ('gp_event' AS kind).
  const words = sql.replace(/'(?:[^']|'')*'/g, "''").matchAll(/(?<![.\w$])([A-Za-z_][A-Za-z0-9_]*)/g);
  const used = new Set<string>();
  for (const m of words) {
    const word = (m[1] ?? "").toLowerCase();
    if (PERSON_TABLES.includes(word)) throw new UnscopedQueryError(word);
    if (word.startsWith("scoped_") && PERSON_TABLES.includes(word.slice(7))) used.add(word.slice(7));
  }
  return used;
}

/**
 * Wraps `sql` with the scoped views it names (see `scopedTablesOf`).
 *
 * The views are inlined at each reference (`Dialect.inlineCte`), never stored: a patient
 * record's `WHERE person_id = $id` reaches the base table's scan instead of filtering a copy
 * of every row in scope. Every other table is restricted by a semi-join on one list of the
 * ids in scope (`Dialect.onceCte`), so person_asof is scanned for the scope once per query,
 * not once per table. Tables in `whole` are read unrestricted: only for a scope that covers
 * every person in person_asof, and tables whose every row belongs to one of them, where the
 * semi-join would remove nothing (`ScopedWarehouse` decides, from the warehouse's data).
 */
export function scopeSql(
  scope: Scope,
  sql: string,
  dialect: Dialect = duckdb,
  whole: ReadonlySet<string> = NONE,
): string {
  const used = scopedTablesOf(sql);
  if (used.size === 0) return sql;
  const predicate = scopePredicate(scope);
  const ctes: string[] = [];
  const restricted = (t: string) => t !== "person_asof" && !whole.has(t);
  // The people in scope are found once per query (one scan of person_asof), however many
  // other person-level tables the query reads.
  if ([...used].some(restricted)) ctes.push(dialect.onceCte(SCOPE_IDS, scopeIdsSql(scope, predicate)));
  // A whole-scope read for a planning purpose still leaves out the people who opted out: an
  // anti-join on their (few) ids instead of a semi-join on everyone else's.
  const wholeOptedOut = scope.planning && [...used].some((t) => t !== "person_asof" && whole.has(t));
  if (wholeOptedOut)
    ctes.push(dialect.onceCte(OPTED_OUT_IDS, "SELECT person_id FROM person_asof WHERE planning_opt_out"));
  const unrestricted = (t: string) =>
    wholeOptedOut
      ? `SELECT * FROM ${t} WHERE person_id NOT IN (SELECT person_id FROM ${OPTED_OUT_IDS})`
      : `SELECT * FROM ${t}`;
  const trusts = checkedCodes(scope.grants.filter((g) => g.level === "trust"));
  const withinTrusts = (scope.within ?? []).filter((g) => g.level === "trust").map((g) => checkedCodes([g]));
  const trustView = (t: string) => {
    const people = restricted(t)
      ? `person_id IN (SELECT person_id FROM ${SCOPE_IDS})`
      : wholeOptedOut
        ? `person_id NOT IN (SELECT person_id FROM ${OPTED_OUT_IDS})`
        : "TRUE";
    const reach = trusts.length
      ? `(${people} OR trust_code IN (${trusts.map((c) => `'${c}'`).join(", ")}))`
      : people;
    const narrowed = withinTrusts.map(
      (codes) => ` AND trust_code IN (${codes.map((c) => `'${c}'`).join(", ")})`,
    );
    return `SELECT * FROM ${t} WHERE ${reach}${narrowed.join("")}`;
  };
  for (const t of [...used].sort()) {
    ctes.push(
      dialect.inlineCte(
        `scoped_${t}`,
        t === "person_asof"
          ? `SELECT * FROM person_asof p WHERE ${predicate}`
          : TRUST_TABLES.includes(t) && (trusts.length > 0 || withinTrusts.length > 0)
            ? trustView(t)
            : restricted(t)
              ? `SELECT * FROM ${t} WHERE person_id IN (SELECT person_id FROM ${SCOPE_IDS})`
              : unrestricted(t),
      ),
    );
  }
  const body = sql.trimStart();
  // A query with its own WITH continues the list; otherwise ours opens it.
  return /^with\s/i.test(body)
    ? `WITH ${ctes.join(",\n")},\n${body.slice(4)}`
    : `WITH ${ctes.join(",\n")}\n${body}`;
}

const NONE: ReadonlySet<string> = new Set();
/** The ids of people who opted out, for a planning scope's whole-scope reads. */
const OPTED_OUT_IDS = "opted_out_person_ids";

/**
 * The ids in scope. For several named people the list drives a join, so person_asof is
 * probed for them instead of scanned against a long IN list (at 1M people, 20 ms against 35).
 */
function scopeIdsSql(scope: Scope, predicate: string): string {
  const people = scope.people;
  if (people === undefined || people.length < 2)
    return `SELECT p.person_id FROM person_asof p WHERE ${predicate}`;
  const named = people.map((id) => `(${BigInt(id).toString()})`).join(", ");
  const wider = scopePredicate({
    grants: scope.grants,
    within: scope.within ?? [],
    ...(scope.planning ? { planning: true } : {}),
  });
  return `SELECT p.person_id FROM (VALUES ${named}) AS named(person_id) JOIN person_asof p ON p.person_id = named.person_id WHERE ${wider}`;
}

/** The caller's view of the warehouse: the only warehouse handle the API gives handlers. */
export class ScopedWarehouse {
  readonly scope: Scope;
  readonly #wh: Engine;

  constructor(wh: Engine, scope: Scope) {
    this.#wh = wh;
    this.scope = Object.freeze({
      grants: Object.freeze([...scope.grants]),
      within: Object.freeze([...(scope.within ?? [])]),
      ...(scope.people === undefined ? {} : { people: Object.freeze([...scope.people]) }),
      ...(scope.planning ? { planning: true } : {}),
    });
  }

  /**
   * The same caller restricted to one person (never wider than before): for a patient
   * record, whose many small queries then each find one row of person_asof rather than
   * every id in scope. Empty if the person is outside the scope.
   */
  forPerson(personId: bigint): ScopedWarehouse {
    return this.forPeople([personId]);
  }

  /**
   * The same caller restricted to these people (never wider than before): for the rows of
   * one page of a list, whose details are then looked up for those people only, not joined
   * to every id in scope. People outside the scope stay invisible.
   */
  forPeople(personIds: readonly bigint[]): ScopedWarehouse {
    const before = this.scope.people;
    if (before !== undefined && personIds.some((id) => !before.includes(id)))
      throw new Error("a view of named people cannot be widened to others");
    return new ScopedWarehouse(this.#wh, { ...this.scope, people: [...new Set(personIds)] });
  }

  /** The same caller restricted further to one organisation: never wider than before. */
  narrow(grant: OrgGrant): ScopedWarehouse {
    return new ScopedWarehouse(this.#wh, {
      ...this.scope,
      within: [...(this.scope.within ?? []), grant],
    });
  }

  get dialect() {
    return this.#wh.dialect;
  }

  /** The name this caller's SQL reads a table by: `scoped_<table>` for person-level tables. */
  table(name: string): string {
    return scopedTableName(name);
  }

  // Reads go through the warehouse's read pool, so one caller's slow query does not hold up
  // everyone else's.
  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.#wh.reads.all<T>(await this.#scoped(sql), params);
  }

  async json<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.#wh.reads.json<T>(await this.#scoped(sql), params);
  }

  /**
   * An aggregate query whose answer may be remembered for the life of a read-only warehouse
   * (`Warehouse.reads.cached`). Never for patient-level reads. The cache key is the scoped
   * SQL, so callers with different scopes never share an answer.
   */
  aggregate<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.#remembered<T>("all", sql, params);
  }

  /** `aggregate`, answered as JSON values (the cohort language's counts). */
  aggregateJson<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.#remembered<T>("json", sql, params);
  }

  async #remembered<T extends Row>(format: "all" | "json", sql: string, params?: Params): Promise<T[]> {
    const scoped = await this.#scoped(sql);
    // On a view of named people, a query reading person-level tables is patient-level: never
    // remembered. One reading none (the as-of date) is the same for every caller.
    if (this.scope.people !== undefined && scoped !== sql)
      return format === "all"
        ? this.#wh.reads.all<T>(scoped, params)
        : this.#wh.reads.json<T>(scoped, params);
    return this.#wh.reads.cached<T>(format, scoped, params);
  }

  async #scoped(sql: string): Promise<string> {
    return scopeSql(this.scope, sql, this.#wh.dialect, await this.#whole(scopedTablesOf(sql)));
  }

  /**
   * The tables `scopeSql` may read unrestricted for this caller. Only on a read-only warehouse
   * (whose answers are remembered, so each check runs once), only when the scope covers every
   * person in person_asof (a whole-ICS analyst), and only for tables without a row for
   * anyone outside person_asof: there the semi-join on a million ids would remove nothing.
   */
  async #whole(used: ReadonlySet<string>): Promise<ReadonlySet<string>> {
    const tables = [...used].filter((t) => t !== "person_asof");
    if (tables.length === 0 || this.scope.people !== undefined || !this.#wh.reads.cache) return NONE;
    const [outside] = await this.#wh.reads.cached<{ n: bigint }>(
      "all",
      // Opted-out people do not count as outside: they are left out by an anti-join instead.
      `SELECT count(*) AS n FROM person_asof p WHERE NOT coalesce(${scopePredicate({ ...this.scope, planning: false })}, FALSE)`,
    );
    if (outside?.n !== 0n) return NONE;
    const whole = new Set<string>();
    for (const t of tables) if (await everyoneKnown(this.#wh, t)) whole.add(t);
    return whole;
  }

  async one<T extends Row = Row>(sql: string, params?: Params): Promise<T> {
    const rows = await this.all<T>(sql, params);
    const first = rows[0];
    if (first === undefined) throw new Error("expected one row, got none");
    return first;
  }
}

/** Whether every row of a person-level table belongs to someone in person_asof (remembered). */
export async function everyoneKnown(wh: Engine, table: string): Promise<boolean> {
  if (!PERSON_TABLES.includes(table)) throw new Error("not a person-level table");
  const [strays] = await wh.reads.cached<{ n: bigint }>(
    "all",
    `SELECT count(*) AS n FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM person_asof p WHERE p.person_id = t.person_id)`,
  );
  return strays?.n === 0n;
}
