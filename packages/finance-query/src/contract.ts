// A contract's counts from a built warehouse, through the caller's scope: for each party (a
// PCN or a practice), its registered list (which divides the contract's value) and, for each
// indicator, the people in the denominator cohort and those of them in the numerator cohort —
// as cells (distinct people with their record keys) for the API to disclose.
import type { Cell, CohortDefinition, CohortTarget } from "@bevan/query";
import { cellOf, compileCohort } from "@bevan/query";

export interface PartyCells {
  readonly code: string;
  readonly name: string;
  readonly list: Cell;
  /** Per indicator id: numerator and denominator cells. */
  readonly counts: Record<string, { numerator: Cell; denominator: Cell }>;
}

export interface ResolvedIndicator {
  readonly id: string;
  readonly numerator: CohortDefinition;
  readonly denominator: CohortDefinition;
}

const name = (t: CohortTarget, table: string) => (t.table ? t.table(table) : table);

export async function contractCells(
  t: CohortTarget,
  level: "pcn" | "practice",
  codes: readonly string[] | undefined,
  indicators: readonly ResolvedIndicator[],
  buildAsOf: string,
): Promise<PartyCells[]> {
  const col = level === "pcn" ? "pcn_code" : "practice_code";
  const compile = (def: CohortDefinition) =>
    compileCohort(def, {
      dialect: t.dialect,
      asOf: buildAsOf,
      buildAsOf,
      ...(t.table ? { tables: t.table.bind(t) } : {}),
    });
  const lists = await t.json<{ code: string; n: number | bigint; k: number | bigint | null }>(
    `SELECT p.${col} AS code, count(*) AS n, sum(p.record_key) AS k
     FROM ${name(t, "person_asof")} AS p WHERE p.registered AND p.${col} IS NOT NULL GROUP BY p.${col}`,
  );
  const orgs = await t.json<{ org_code: string; org_name: string }>(
    "SELECT org_code, org_name FROM organisation WHERE org_type = ?",
    [level],
  );
  const wanted = codes ? new Set(codes) : null;
  const parties = new Map<string, PartyCells>();
  for (const r of lists) {
    if (wanted && !wanted.has(r.code)) continue;
    parties.set(r.code, {
      code: r.code,
      name: orgs.find((o) => o.org_code === r.code)?.org_name ?? r.code,
      list: cellOf(r.n, r.k),
      counts: {},
    });
  }
  for (const ind of indicators) {
    const den = compile(ind.denominator);
    const num = compile(ind.numerator);
    const rows = await t.json<{
      code: string;
      dn: number | bigint;
      dk: number | bigint | null;
      nn: number | bigint;
      nk: number | bigint | null;
    }>(
      `SELECT d.${col} AS code, count(*) AS dn, sum(d.record_key) AS dk,
              count(*) FILTER (WHERE d.person_id IN (SELECT n.person_id FROM (${num.sql}) AS n)) AS nn,
              sum(d.record_key) FILTER (WHERE d.person_id IN (SELECT n.person_id FROM (${num.sql}) AS n)) AS nk
       FROM (${den.sql}) AS d GROUP BY d.${col}`,
      [...num.params, ...num.params, ...den.params],
    );
    for (const p of parties.values()) {
      const r = rows.find((x) => x.code === p.code);
      p.counts[ind.id] = {
        numerator: r ? cellOf(r.nn, r.nk) : cellOf(0, 0),
        denominator: r ? cellOf(r.dn, r.dk) : cellOf(0, 0),
      };
    }
  }
  return [...parties.values()].sort((a, b) => a.code.localeCompare(b.code));
}
