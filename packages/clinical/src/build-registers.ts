// Derives the register table at an as-of date from gp_event and medication_issue.
import { codelistCode, codelistTable, registerTable } from "@bevan/domain";
import type { Dialect, Warehouse } from "@bevan/engine";
import { diabetesSubtypeSql, REGISTER_RULES, type RegisterRule } from "./registers.ts";

/**
 * Creates the temporary `_coded` (first and latest date of each codelist's codes per person,
 * up to `asOf`) and `_issued` (latest issue per medicine codelist in the 24 months to `asOf`)
 * summaries that the register rules read. Drop them with `dropCodedSummaries`.
 */
export async function createCodedSummaries(wh: Warehouse, asOf: string): Promise<void> {
  const d = wh.dialect;
  const asOfSql = d.dateLiteral(asOf);
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _coded AS
    SELECT e.person_id, cc.codelist_id, min(e.event_date) AS first_date, max(e.event_date) AS latest_date
    FROM gp_event AS e
    JOIN ${codelistCode.name} AS cc ON cc.code = e.code
    JOIN ${codelistTable.name} AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = e.coding_system
    WHERE e.event_date <= ${asOfSql}
    GROUP BY e.person_id, cc.codelist_id`);
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _issued AS
    SELECT m.person_id, cc.codelist_id, max(m.issue_date) AS latest_date
    FROM medication_issue AS m
    JOIN ${codelistCode.name} AS cc ON cc.code = m.code
    JOIN ${codelistTable.name} AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = m.coding_system
    WHERE m.issue_date <= ${asOfSql} AND m.issue_date > ${d.addMonths(asOfSql, -24)}
    GROUP BY m.person_id, cc.codelist_id`);
}

export async function dropCodedSummaries(wh: Warehouse): Promise<void> {
  await wh.exec("DROP TABLE IF EXISTS _coded; DROP TABLE IF EXISTS _issued");
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
 * Needs `_person_base(person_id, age, registered)` to exist. Builds the coded summaries,
 * then fills `register`.
 */
export async function buildRegisters(wh: Warehouse, asOf: string): Promise<void> {
  const d = wh.dialect;
  await createCodedSummaries(wh, asOf);
  await wh.exec(`DELETE FROM ${registerTable.name}`);
  for (const rule of REGISTER_RULES) {
    await wh.exec(`INSERT INTO ${registerTable.name} (person_id, register, first_date, latest_date)
      ${registerRuleSql(rule, d, asOf, "_person_base")}`);
  }
  await wh.exec(diabetesSubtypeSql());
  await dropCodedSummaries(wh);
}
