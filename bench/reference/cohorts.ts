// The optimum for the example cohorts: hand-written SQL for each answerable example's question,
// written from the example's description (not from the compiler), with literal dates, in SQL
// that runs unchanged on DuckDB and PostgreSQL 15. The codes come from the example file (the
// definition's data). Each query selects the members' person_id.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CohortDefinition, validateCohort } from "@bevan/query";
import { addMonths, lit } from "./dates.ts";

const EXAMPLES = join(import.meta.dirname, "..", "..", "packages", "query", "examples");

export function loadExample(name: string): CohortDefinition {
  return validateCohort(JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), "utf8")));
}

/** The derived tables the queries read: Bevan's, or the reference's own on PostgreSQL. */
export interface CohortTables {
  readonly personAsOf: string;
  readonly register: string;
}
export const BEVAN_TABLES: CohortTables = { personAsOf: "person_asof", register: "register" };
export const REF_TABLES: CohortTables = { personAsOf: "ref_person_asof", register: "ref_register" };

/** The codes of the n-th code set in an example, in document order. */
function codesIn(def: CohortDefinition, n: number): string {
  const found: string[][] = [];
  JSON.stringify(def, (_k, v) => {
    if (v && typeof v === "object" && v.kind === "codes") found.push(v.codes);
    return v;
  });
  const codes = found[n];
  if (!codes) throw new Error(`the example has no code set number ${n}`);
  return codes.map((c) => `'${c.replace(/'/g, "''")}'`).join(", ");
}

const LONG_TERM_CONDITIONS =
  "'AF', 'AST', 'CHD', 'CKD', 'COPD', 'DEM', 'DEP', 'DM', 'EP', 'HF', 'HYP', 'MH', 'OST', 'PAD', 'RA', 'STIA', 'CAN'";

type Query = (def: CohortDefinition, asOf: string, t: CohortTables) => string;

export const REFERENCE_COHORTS: Record<string, Query> = {
  "learning-disability": (_def, _a, t) =>
    `SELECT person_id FROM ${t.personAsOf} WHERE registered AND learning_disability`,
  // The cheap person-row filters first, as the candidates; the register rows are then grouped
  // for the candidates only.
  "deprived-multimorbidity": (_def, _a, t) =>
    `WITH deprived AS MATERIALIZED (SELECT person_id FROM ${t.personAsOf} WHERE registered AND imd_quintile = 1)
    SELECT person_id FROM ${t.register}
    WHERE register IN (${LONG_TERM_CONDITIONS}) AND person_id IN (SELECT person_id FROM deprived)
    GROUP BY person_id HAVING count(*) >= 5`,
  "clozapine-secondary-care-only": (def, asOf, t) =>
    `SELECT p.person_id FROM ${t.personAsOf} AS p
    JOIN (SELECT m.person_id FROM medication_issue AS m LEFT JOIN organisation AS o ON o.org_code = m.source_org
      WHERE m.code IN (${codesIn(def, 0)}) AND m.issue_date > ${lit(addMonths(asOf, -12))} AND m.issue_date <= ${lit(asOf)}
      GROUP BY m.person_id
      HAVING bool_and(o.org_type IS NULL OR o.org_type <> 'practice')) AS c ON c.person_id = p.person_id
    WHERE p.registered`,
  "inhaler-duplication": (def, asOf, t) => {
    const issued = (n: number) =>
      `SELECT person_id FROM medication_issue WHERE code IN (${codesIn(def, n)})
        AND issue_date > ${lit(addMonths(asOf, -12))} AND issue_date <= ${lit(asOf)}`;
    return `SELECT person_id FROM ${t.personAsOf}
    WHERE registered AND person_id IN (${issued(0)}) AND person_id IN (${issued(1)})`;
  },
  "bin-collection-frailty": (def, asOf, t) =>
    `SELECT person_id FROM ${t.personAsOf}
    WHERE registered
      AND person_id IN (SELECT person_id FROM social_care_service WHERE service_type = 'assisted_bin_collection'
        AND start_date <= ${lit(asOf)} AND (end_date IS NULL OR end_date > ${lit(addMonths(asOf, -12))}))
      AND person_id IN (SELECT person_id FROM gp_event WHERE coding_system = 'snomedct'
        AND code IN (${codesIn(def, 0)}) AND event_date <= ${lit(asOf)})`,
  // The registered over-75s on the diabetes register first, as the candidates; the HbA1c
  // window and the distinct-medicine count then read only the candidates' rows.
  "elderly-diabetes-polypharmacy": (def, asOf, t) => {
    const since = lit(addMonths(asOf, -15));
    const year = lit(addMonths(asOf, -12));
    return `WITH old AS MATERIALIZED (SELECT p.person_id FROM ${t.personAsOf} AS p
      JOIN ${t.register} AS r ON r.person_id = p.person_id AND r.register = 'DM'
      WHERE p.registered AND p.age >= 75)
    SELECT h.person_id
    FROM (SELECT person_id, value, row_number() OVER (PARTITION BY person_id ORDER BY event_date DESC, value DESC) AS rn
      FROM gp_event WHERE person_id IN (SELECT person_id FROM old) AND code IN (${codesIn(def, 0)}) AND value IS NOT NULL
        AND event_date > ${since} AND event_date <= ${lit(asOf)}) AS h
    JOIN (SELECT person_id FROM medication_issue
      WHERE person_id IN (SELECT person_id FROM old) AND issue_date > ${year} AND issue_date <= ${lit(asOf)}
      GROUP BY person_id HAVING count(DISTINCT code) >= 10) AS m ON m.person_id = h.person_id
    WHERE h.rn = 1 AND h.value < 58`;
  },
};
