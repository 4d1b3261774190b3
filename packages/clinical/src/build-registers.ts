// Derives the register table at an as-of date from gp_event and medication_issue.
import { codelistCode, codelistTable, registerTable } from "@bevan/domain";
import type { Dialect, Engine } from "@bevan/engine";
import { REGISTER_CODELISTS } from "./register-codelists.ts";
import { diabetesSubtypeSql, REGISTER_RULES, type RegisterRule } from "./registers.ts";

/**
 * Creates the temporary `_coded` (first and latest date of each codelist's codes per person,
 * up to `asOf`) and `_issued` (latest issue per medicine codelist in the 24 months to `asOf`)
 * summaries that the register rules read. Drop them with `dropCodedSummaries`.
 */
export async function createCodedSummaries(wh: Engine, asOf: string): Promise<void> {
  const d = wh.dialect;
  const asOfSql = d.dateLiteral(asOf);
  // Only the register rules' lists: a warehouse built before also holds the clinical and eFI
  // lists (about three times the codes), which would swell these summaries and their join
  // (at 1M people 0.5 s became 3 s).
  const lists = Object.values(REGISTER_CODELISTS)
    .map((l) => d.stringLiteral(l.id))
    .join(", ");
  await wh.createWorkTable(
    "_coded",
    `SELECT e.person_id, cc.codelist_id, min(e.event_date) AS first_date, max(e.event_date) AS latest_date
    FROM gp_event AS e
    JOIN ${codelistCode.name} AS cc ON cc.code = e.code AND cc.codelist_id IN (${lists})
    JOIN ${codelistTable.name} AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = e.coding_system
    WHERE e.event_date <= ${asOfSql}
    GROUP BY e.person_id, cc.codelist_id`,
  );
  await wh.createWorkTable(
    "_issued",
    `SELECT m.person_id, cc.codelist_id, max(m.issue_date) AS latest_date
    FROM medication_issue AS m
    JOIN ${codelistCode.name} AS cc ON cc.code = m.code AND cc.codelist_id IN (${lists})
    JOIN ${codelistTable.name} AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = m.coding_system
    WHERE m.issue_date <= ${asOfSql} AND m.issue_date > ${d.addMonths(asOfSql, -24)}
    GROUP BY m.person_id, cc.codelist_id`,
  );
}

export async function dropCodedSummaries(wh: Engine): Promise<void> {
  await wh.dropTable("_coded");
  await wh.dropTable("_issued");
}

/**
 * One rule's qualifying people, limited to those registered and old enough in `baseTable`
 * (person_id, age, registered). Needs the coded summaries.
 */
export function registerRuleSql(rule: RegisterRule, d: Dialect, asOf: string, baseTable: string): string {
  return `SELECT q.person_id, '${rule.register}' AS register, q.first_date, q.latest_date
      FROM (${rule.sql(d, asOf)}) AS q
      JOIN ${baseTable} AS b ON b.person_id = q.person_id
      WHERE b.registered AND b.age >= ${rule.minAge}`;
}

/**
 * Several rules' qualifying people in one statement: the rules' results stacked, then one
 * join to `baseTable` for the registration and age filters (one pass instead of one per rule),
 * with the DM register's subtype.
 */
export function registerRulesSql(
  rules: readonly RegisterRule[],
  d: Dialect,
  asOf: string,
  baseTable: string,
  registers = "register",
): string {
  const parts = rules.map(
    (
      rule,
    ) => `SELECT person_id, '${rule.register}' AS register, first_date, latest_date, ${rule.minAge} AS min_age
        FROM (${rule.sql(d, asOf, registers)}) AS q`,
  );
  const subtype = rules.some((r) => r.register === "DM") ? diabetesSubtypeSql("r") : null;
  return `SELECT r.person_id, r.register, r.first_date, r.latest_date, ${subtype ? subtype.column : "CAST(NULL AS VARCHAR)"} AS subtype
      FROM (${parts.join("\n      UNION ALL ")}) AS r
      JOIN ${baseTable} AS b ON b.person_id = r.person_id
      ${subtype ? `${subtype.join}\n      ` : ""}WHERE b.registered AND b.age >= r.min_age`;
}

/**
 * The rules in the order they can be filled: the ones that read no register first, then those
 * that read the first set (NDH reads DM). One INSERT per set.
 */
export function registerRuleWaves(rules: readonly RegisterRule[]): RegisterRule[][] {
  const waves: RegisterRule[][] = [];
  const done = new Set<string>();
  let left = [...rules];
  while (left.length > 0) {
    const ready = left.filter((r) => (r.after ?? []).every((reg) => done.has(reg)));
    if (ready.length === 0) throw new Error("register rules depend on each other in a cycle");
    waves.push(ready);
    for (const r of ready) done.add(r.register);
    left = left.filter((r) => !ready.includes(r));
  }
  return waves;
}

/**
 * Needs `_person_base(person_id, age, registered)` and an empty `register`. Builds the coded
 * summaries, then fills `register`.
 */
export async function buildRegisters(wh: Engine, asOf: string): Promise<void> {
  const d = wh.dialect;
  await createCodedSummaries(wh, asOf);
  for (const wave of registerRuleWaves(REGISTER_RULES)) {
    await wh.exec(`INSERT INTO ${registerTable.name} (person_id, register, first_date, latest_date, subtype)
      ${registerRulesSql(wave, d, asOf, "_person_base")}`);
  }
  await dropCodedSummaries(wh);
}
