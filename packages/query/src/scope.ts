// Row-level access, enforced in one place. The API never holds the Warehouse: it holds a
// ScopedWarehouse for the caller, whose SQL may read person-level tables only through
// `scoped_<table>` views, and every such view is restricted, by this module alone, to the
// people registered in the caller's organisations. An empty scope sees nobody.
import {
  BOOKKEEPING_TABLES,
  DERIVED_TABLES,
  INGESTED_TABLES,
  REFERENCE_TABLES,
  RISK_TABLES,
  type TableDef,
} from "@bevan/domain";
import type { Params, Row, Warehouse } from "@bevan/engine";

import type { OrgLevel } from "./cohort/ir.ts";
import { PERSON_SCORE_TABLE } from "./cohort/score-contract.ts";

export interface OrgGrant {
  readonly level: OrgLevel;
  readonly code: string;
}

/** The organisations a caller may see; person rows are in scope when their practice lies in one. */
export interface Scope {
  readonly grants: readonly OrgGrant[];
  /** Further restrictions (e.g. a drill-down to one practice), each ANDed with the grants. */
  readonly within?: readonly OrgGrant[];
}

const ALL_TABLES: readonly TableDef[] = [
  ...REFERENCE_TABLES,
  ...INGESTED_TABLES,
  ...DERIVED_TABLES,
  ...BOOKKEEPING_TABLES,
  ...RISK_TABLES,
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

/** A query that reached around the scoped views: a programming error, never shown to users. */
export class UnscopedQueryError extends Error {
  constructor(table: string) {
    super(`query reads person-level table ${table} directly; use scoped_${table}`);
    this.name = "UnscopedQueryError";
  }
}

/** The mandatory predicate over person_asof for a scope: FALSE when the scope is empty. */
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
  const within = (scope.within ?? []).map((g) => anyOf([g]));
  return [anyOf(scope.grants), ...within].join(" AND ");
}

/**
 * Wraps `sql` with the scoped views it names. Rejects SQL naming a person-level table
 * other than as `scoped_<table>` (a column qualified as `r.register` is fine).
 */
export function scopeSql(scope: Scope, sql: string): string {
  // String literals are data, not table names ('gp_event' AS kind).
  const words = sql.replace(/'(?:[^']|'')*'/g, "''").matchAll(/(?<![.\w$])([A-Za-z_][A-Za-z0-9_]*)/g);
  const used = new Set<string>();
  for (const m of words) {
    const word = (m[1] ?? "").toLowerCase();
    if (PERSON_TABLES.includes(word)) throw new UnscopedQueryError(word);
    if (word.startsWith("scoped_") && PERSON_TABLES.includes(word.slice(7))) used.add(word.slice(7));
  }
  if (used.size === 0) return sql;
  const ctes = [`scoped_person_asof AS (SELECT * FROM person_asof p WHERE ${scopePredicate(scope)})`];
  for (const t of [...used].sort()) {
    if (t === "person_asof") continue;
    ctes.push(
      `scoped_${t} AS (SELECT * FROM ${t} WHERE person_id IN (SELECT person_id FROM scoped_person_asof))`,
    );
  }
  const body = sql.trimStart();
  // A query with its own WITH continues the list; otherwise ours opens it.
  return /^with\s/i.test(body)
    ? `WITH ${ctes.join(",\n")},\n${body.slice(4)}`
    : `WITH ${ctes.join(",\n")}\n${body}`;
}

/** The caller's view of the warehouse: the only warehouse handle the API gives handlers. */
export class ScopedWarehouse {
  readonly scope: Scope;
  readonly #wh: Warehouse;

  constructor(wh: Warehouse, scope: Scope) {
    this.#wh = wh;
    this.scope = Object.freeze({
      grants: Object.freeze([...scope.grants]),
      within: Object.freeze([...(scope.within ?? [])]),
    });
  }

  /** The same caller restricted further to one organisation: never wider than before. */
  narrow(grant: OrgGrant): ScopedWarehouse {
    return new ScopedWarehouse(this.#wh, {
      grants: this.scope.grants,
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

  all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.#wh.all<T>(scopeSql(this.scope, sql), params);
  }

  json<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.#wh.json<T>(scopeSql(this.scope, sql), params);
  }

  async one<T extends Row = Row>(sql: string, params?: Params): Promise<T> {
    const rows = await this.all<T>(sql, params);
    const first = rows[0];
    if (first === undefined) throw new Error("expected one row, got none");
    return first;
  }
}
