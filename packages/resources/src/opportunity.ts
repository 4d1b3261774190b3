// Opportunity analysis for costing year 0: for each kind of avoidable or discretionary activity,
// each practice's (or place's) events against what its age–sex mix predicts at the scope's
// rates, priced at the scope's average cost of such an event. Events are SQL over the scoped
// tables, so the same definition gives the table, its test and the cohort behind each row.
import type { Dialect } from "@bevan/engine";
import type { ScopedWarehouse } from "@bevan/query";
import { spellCurrencySql, yearBounds } from "./costing-sql.ts";
import { CHRONIC_ACSC, EBI_INTERVENTIONS, FREQUENT_ATTENDER_THRESHOLD } from "./opportunity-lists.ts";
import { addKeys, ageSexCellSql, keyOf, LEVEL_COLUMN, type Level, num, onListSql } from "./read-common.ts";

export const OPPORTUNITY_KINDS = ["acsc", "short_stay", "frequent_ae", "ebi", "elective"] as const;
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];

export const OPPORTUNITY_NAMES: Record<OpportunityKind, { name: string; unit: string }> = {
  acsc: { name: "Emergency admissions for chronic ambulatory care sensitive conditions", unit: "admissions" },
  short_stay: { name: "Short-stay emergency admissions (0 or 1 night)", unit: "admissions" },
  frequent_ae: {
    name: `Frequent A&E attenders (${FREQUENT_ATTENDER_THRESHOLD} or more attendances a year)`,
    unit: "people",
  },
  ebi: { name: "Evidence-Based Interventions procedures", unit: "procedures" },
  elective: { name: "Elective admissions (day case and ordinary)", unit: "admissions" },
};

const prefixMatch = (d: Dialect, col: string, prefixes: readonly string[]) =>
  prefixes.map((p) => `substr(${col}, 1, ${p.length}) = ${d.stringLiteral(p)}`).join(" OR ");

/** The ACSC condition of a spell's primary diagnosis, as SQL (null when none). */
function acscMatchSql(d: Dialect, s: string): string {
  return CHRONIC_ACSC.map((c) => {
    const primary = `(${prefixMatch(d, `${s}.primary_diagnosis`, c.diagnoses)})`;
    if (!c.withSecondary) return primary;
    return `(${primary} AND EXISTS (SELECT 1 FROM scoped_hospital_diagnosis hd WHERE hd.spell_id = ${s}.spell_id
      AND hd.position > 1 AND (${prefixMatch(d, "hd.code", c.withSecondary)})))`;
  }).join(" OR ");
}

function ebiMatchSql(d: Dialect, s: string): string {
  return EBI_INTERVENTIONS.map((e) => {
    const proc = `EXISTS (SELECT 1 FROM scoped_hospital_procedure hp WHERE hp.spell_id = ${s}.spell_id
      AND hp.position = 1 AND (${prefixMatch(d, "hp.code", e.procedures)}))`;
    return e.diagnoses
      ? `(${proc} AND (${prefixMatch(d, `${s}.primary_diagnosis`, e.diagnoses)}))`
      : `(${proc})`;
  }).join(" OR ");
}

/** One row per event (per person for frequent attenders) in costing year 0: person_id, cost. */
export function opportunityEventsSql(d: Dialect, kind: OpportunityKind, asOf: string): string {
  const y = yearBounds(d, asOf, 0);
  const inYear = (col: string) => `${col} > ${y.from} AND ${col} <= ${y.to}`;
  const spells = (cond: string) => `SELECT s.person_id, coalesce(u.cost, 0) AS cost
    FROM scoped_hospital_spell s LEFT JOIN unit_cost u ON u.currency = ${spellCurrencySql(d)}
    WHERE ${inYear("s.admission_date")} AND ${cond}`;
  switch (kind) {
    case "acsc":
      return spells(`s.admission_method = 'emergency' AND (${acscMatchSql(d, "s")})`);
    case "short_stay":
      return spells("s.admission_method = 'emergency' AND s.length_of_stay <= 1");
    case "ebi":
      return spells(`s.admission_method = 'elective' AND (${ebiMatchSql(d, "s")})`);
    case "elective":
      return spells("s.admission_method = 'elective'");
    case "frequent_ae":
      return `SELECT a.person_id, sum(coalesce(u.cost, 0)) AS cost
        FROM scoped_ae_attendance a LEFT JOIN unit_cost u ON u.currency = CASE WHEN a.department_type = 3 THEN 'AE-T3' ELSE 'AE-T1' END
        WHERE ${inYear("a.arrival_date")}
        GROUP BY a.person_id HAVING count(*) >= ${FREQUENT_ATTENDER_THRESHOLD}`;
  }
}

export interface OpportunityUnit {
  readonly code: string;
  readonly population: number;
  readonly populationKey: number;
  readonly events: number;
  /** People with any of the events, and their cell key. */
  readonly people: number;
  readonly peopleKey: number;
  readonly cost: number;
  readonly expected: number;
}

export interface OpportunityResult {
  readonly kind: OpportunityKind;
  readonly level: Level;
  readonly units: readonly OpportunityUnit[];
  /** The scope's average cost of one event (pounds), the price of the excess. */
  readonly unitCost: number;
}

const CELLS = 16;

export async function opportunity(
  sw: ScopedWarehouse,
  asOf: string,
  kind: OpportunityKind,
  level: Level,
): Promise<OpportunityResult> {
  const d = sw.dialect;
  const col = LEVEL_COLUMN[level];
  const rows = await sw.aggregate<Record<string, unknown>>(
    `WITH ev AS (${opportunityEventsSql(d, kind, asOf)}),
      per AS (SELECT person_id, count(*) AS events, sum(cost) AS cost FROM ev GROUP BY person_id)
     SELECT p.${col} AS unit, ${ageSexCellSql()} AS cell, count(*) AS pop, sum(p.record_key) AS pop_key,
        sum(coalesce(per.events, 0)) AS events, count(per.person_id) AS people,
        sum(p.record_key) FILTER (WHERE per.person_id IS NOT NULL) AS people_key, sum(coalesce(per.cost, 0)) AS cost
     FROM scoped_person_asof p LEFT JOIN per ON per.person_id = p.person_id
     WHERE ${onListSql(d, asOf)} AND p.${col} IS NOT NULL
     GROUP BY 1, 2`,
  );
  const ref = Array.from({ length: CELLS }, () => ({ pop: 0, events: 0 }));
  let events = 0;
  let cost = 0;
  for (const r of rows) {
    const c = ref[num(r.cell)];
    if (c) {
      c.pop += num(r.pop);
      c.events += num(r.events);
    }
    events += num(r.events);
    cost += num(r.cost);
  }
  const by = new Map<string, OpportunityUnit & { pops: number[] }>();
  for (const r of rows) {
    const code = String(r.unit);
    const u = by.get(code) ?? {
      code,
      population: 0,
      populationKey: 0,
      events: 0,
      people: 0,
      peopleKey: 0,
      cost: 0,
      expected: 0,
      pops: [],
    };
    const cell = num(r.cell);
    const c = ref[cell];
    by.set(code, {
      ...u,
      population: u.population + num(r.pop),
      populationKey: addKeys(u.populationKey, keyOf(r.pop_key)),
      events: u.events + num(r.events),
      people: u.people + num(r.people),
      peopleKey: addKeys(u.peopleKey, keyOf(r.people_key)),
      cost: u.cost + num(r.cost),
      expected: u.expected + (c && c.pop > 0 ? (num(r.pop) * c.events) / c.pop : 0),
    });
  }
  return {
    kind,
    level,
    units: [...by.values()].map(({ pops: _, ...u }) => u).sort((a, b) => (a.code < b.code ? -1 : 1)),
    unitCost: events > 0 ? cost / events : 0,
  };
}
