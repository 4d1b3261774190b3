// Medicines-safety audits: named, versioned checks, each a query that lists the registered
// patients it finds at the as-of date. Portable SQL. Change a definition → bump its version.
import { safetyAuditFinding } from "@bevan/domain";
import type { Dialect } from "@bevan/engine";
import { type ClinicalCodelistKey, clinicalListId as id } from "./clinical-codelists.ts";

export interface SafetyAudit {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  /** The definition in words, as the documentation gives it. */
  readonly rule: string;
  /** SELECT person_id, detail of the patients found (registered people only). */
  sql(d: Dialect, asOf: string): string;
}

/** Inhaler ingredient classes and the dm+d lists whose products contain each. */
export const INHALER_CLASSES: Readonly<Record<"ICS" | "LABA" | "LAMA", readonly ClinicalCodelistKey[]>> = {
  ICS: ["ics"],
  LABA: ["labaSingle", "labaIcs", "lamaLaba", "lamaTriple"],
  LAMA: ["lamaSingle", "lamaMulti"],
};

export const AUDIT_WINDOWS = { inhalerDays: 183, secondaryCareDays: 365, deprescribingDays: 365 } as const;
export const DEPRESCRIBING = { minAge: 75, hba1cBelow: 53, minMedicines: 10 } as const;

const registered = (_d: Dialect, _asOf: string) =>
  `person_id IN (SELECT person_id FROM person_asof WHERE registered)`;

export const SAFETY_AUDITS: readonly SafetyAudit[] = [
  {
    id: "inhaler-duplication",
    version: "1",
    title: "Inhaler ingredient duplication",
    rule: `Two or more different inhaler products containing the same ingredient class (inhaled corticosteroid, LABA or LAMA; dm+d lists in codelists/inhalers-dmd) issued in the ${AUDIT_WINDOWS.inhalerDays} days to the as-of date.`,
    sql: (d, asOf) => {
      const a = d.dateLiteral(asOf);
      const classes = Object.entries(INHALER_CLASSES)
        .flatMap(([cls, lists]) => lists.map((k) => `(${id(k)}, '${cls}')`))
        .join(", ");
      const flag = (cls: string) => `max(CASE WHEN cls = '${cls}' THEN '${cls} ' ELSE '' END)`;
      return `SELECT person_id, trim(${flag("ICS")} || ${flag("LABA")} || ${flag("LAMA")}) AS detail FROM (
          SELECT m.person_id, k.cls FROM medication_issue AS m
          JOIN codelist_code AS cc ON cc.code = m.code
          JOIN (VALUES ${classes}) AS k(codelist_id, cls) ON k.codelist_id = cc.codelist_id
          WHERE m.coding_system = 'dmd' AND m.issue_date <= ${a} AND m.issue_date > ${d.addDays(a, -AUDIT_WINDOWS.inhalerDays)}
          GROUP BY m.person_id, k.cls HAVING count(DISTINCT m.code) >= 2) AS dup
        WHERE ${registered(d, asOf)}
        GROUP BY person_id`;
    },
  },
  {
    id: "secondary-care-medicine-not-in-gp-record",
    version: "1",
    title: "Clozapine from the mental-health trust missing from the GP record",
    rule: `Clozapine (GM-SDE clozapine set) issued by a mental-health trust in the ${AUDIT_WINDOWS.secondaryCareDays} days to the as-of date, with no clozapine issue by any other organisation (the GP record) on or before it.`,
    sql: (d, asOf) => {
      const a = d.dateLiteral(asOf);
      const clozapine = `SELECT m.person_id, m.issue_date, o.org_type FROM medication_issue AS m
        JOIN codelist_code AS cc ON cc.code = m.code AND cc.codelist_id = ${id("clozapine")}
        LEFT JOIN organisation AS o ON o.org_code = m.source_org
        WHERE m.coding_system = 'dmd' AND m.issue_date <= ${a}`;
      return `SELECT DISTINCT t.person_id, 'clozapine' AS detail FROM (${clozapine}) AS t
        WHERE t.org_type = 'mental_health_trust' AND t.issue_date > ${d.addDays(a, -AUDIT_WINDOWS.secondaryCareDays)}
          AND NOT EXISTS (SELECT 1 FROM (${clozapine}) AS g WHERE g.person_id = t.person_id
            AND (g.org_type IS NULL OR g.org_type <> 'mental_health_trust'))
          AND t.${registered(d, asOf)}`;
    },
  },
  {
    id: "elderly-diabetes-deprescribing",
    version: "1",
    title: "Elderly people with well-controlled diabetes on many medicines",
    rule: `Aged ${DEPRESCRIBING.minAge}+, on the diabetes register, latest HbA1c in the ${AUDIT_WINDOWS.deprescribingDays} days to the as-of date below ${DEPRESCRIBING.hba1cBelow} mmol/mol, and ${DEPRESCRIBING.minMedicines} or more different medicines issued in those days: candidates for a deprescribing review.`,
    sql: (d, asOf) => {
      const a = d.dateLiteral(asOf);
      const since = d.addDays(a, -AUDIT_WINDOWS.deprescribingDays);
      return `SELECT p.person_id, CAST(m.n AS VARCHAR) || ' medicines' AS detail
        FROM person_asof AS p
        JOIN register AS r ON r.person_id = p.person_id AND r.register = 'DM'
        JOIN (SELECT person_id, value FROM (
            SELECT e.person_id, e.value, row_number() OVER (PARTITION BY e.person_id ORDER BY e.event_date DESC, e.value DESC) AS rn
            FROM gp_event AS e JOIN codelist_code AS cc ON cc.code = e.code AND cc.codelist_id = ${id("hba1c")}
            WHERE e.coding_system = 'snomedct' AND e.value IS NOT NULL AND e.event_date <= ${a} AND e.event_date > ${since}) AS x
          WHERE rn = 1) AS h ON h.person_id = p.person_id
        JOIN (SELECT person_id, count(DISTINCT code) AS n FROM medication_issue
          WHERE issue_date <= ${a} AND issue_date > ${since} GROUP BY person_id) AS m ON m.person_id = p.person_id
        WHERE p.registered AND p.age >= ${DEPRESCRIBING.minAge} AND h.value < ${DEPRESCRIBING.hba1cBelow}
          AND m.n >= ${DEPRESCRIBING.minMedicines}`;
    },
  },
];

export function safetyAuditInsertSql(audit: SafetyAudit, d: Dialect, asOf: string): string {
  return `INSERT INTO ${safetyAuditFinding.name} (audit_id, audit_version, person_id, detail)
    SELECT ${d.stringLiteral(audit.id)}, ${d.stringLiteral(audit.version)}, q.person_id, q.detail
    FROM (${audit.sql(d, asOf)}) AS q`;
}
