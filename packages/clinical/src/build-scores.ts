// Fills person_clinical at the as-of date: multimorbidity count, eFI, HFRS and Charlson in one
// set-based statement (score-sql.ts, generated from the rule data of ./scores), and QRISK3 /
// QDiabetes from each person's latest recorded values (the equations in TypeScript, batched).
// Needs `_person_base`, `register` and the clinical codelists; leaves `_clin`, `_latest` and
// `_days` for the diabetes care processes (the caller drops them).
import { personClinical } from "@bevan/domain";
import type { Warehouse } from "@bevan/engine";
import type { EfiDeficitSource } from "./efi-codelists.ts";
import { EquationResults, scoreEquations } from "./score-equations.ts";
import { clinicalEventsSql, latestDaysSql, latestValuesSql, riskFeaturesSql } from "./score-features.ts";
import { charlsonSql, efiBandSql, efiSql, hfrsBandSql, hfrsSql, SCORE_MIN_AGE } from "./score-sql.ts";

/** Registers that are conditions for the multimorbidity count (not NDH, a risk state, nor PC, a care status). */
export const MULTIMORBIDITY_EXCLUDED = ["NDH", "PC"] as const;

/** Work table of the equations' results, joined into person_clinical and dropped. */
const RISK_TABLE = "_risk_scores";

/** People scored between yields to the event loop, so that queued SQL keeps DuckDB busy. */
const EQUATION_CHUNK = 20_000;

/**
 * `alongside`: statements that DuckDB runs, in order, while the equations are computed here
 * (they must not read person_clinical); the build passes the care processes and audits.
 */
export async function buildPersonClinical(
  wh: Warehouse,
  asOf: string,
  efiSources: readonly EfiDeficitSource[],
  alongside: readonly string[] = [],
): Promise<void> {
  const d = wh.dialect;

  // QRISK3 and QDiabetes, aged 25–84: inputs gathered in SQL, the equations in TypeScript.
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _clin AS ${clinicalEventsSql(d, asOf)}`);
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _latest AS ${latestValuesSql()}`);
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _days AS ${latestDaysSql()}`);
  const features = await wh.columns(riskFeaturesSql(d, asOf));

  // Everything else is set-based SQL over the registered population, which DuckDB computes
  // on its own threads while this one runs the equations.
  const excluded = MULTIMORBIDITY_EXCLUDED.map((r) => d.stringLiteral(r)).join(", ");
  const sqlScoresSql = `CREATE OR REPLACE TEMP TABLE _sql_scores AS
    SELECT b.person_id, CAST(coalesce(mm.n, 0) AS INTEGER) AS condition_count, e.efi, ${efiBandSql(d, "e.efi")} AS efi_band,
      h.hfrs, ${hfrsBandSql(d, "h.hfrs")} AS hfrs_band,
      CASE WHEN b.age >= ${SCORE_MIN_AGE.charlson} THEN coalesce(ch.charlson, 0) END AS charlson
    FROM _person_base AS b
    LEFT JOIN (SELECT person_id, count(*) AS n FROM register WHERE register NOT IN (${excluded})
      GROUP BY person_id) AS mm ON mm.person_id = b.person_id
    LEFT JOIN (${efiSql(d, asOf, efiSources)}) AS e ON e.person_id = b.person_id
    LEFT JOIN (SELECT b2.person_id, coalesce(hs.hfrs, 0) AS hfrs FROM _person_base AS b2
        LEFT JOIN (${hfrsSql(d, asOf)}) AS hs ON hs.person_id = b2.person_id
        WHERE b2.age >= ${SCORE_MIN_AGE.hfrs}) AS h ON h.person_id = b.person_id
    LEFT JOIN (${charlsonSql(d, asOf)}) AS ch ON ch.person_id = b.person_id
    WHERE b.registered`;
  const sqlWork = (async () => {
    for (const sql of [sqlScoresSql, ...alongside]) await wh.exec(sql);
  })();
  const ids = (features.person_id ?? []) as bigint[];
  const results = new EquationResults(ids.length);
  try {
    for (let from = 0; from < ids.length; from += EQUATION_CHUNK) {
      scoreEquations(features, results, from, Math.min(ids.length, from + EQUATION_CHUNK));
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    await sqlWork;
  }

  // Numbers only through the appender; the texts (imputed inputs, QDiabetes model) by code.
  await wh.exec(`CREATE OR REPLACE TABLE ${RISK_TABLE} (person_id BIGINT, qrisk3 DOUBLE, qrisk3_imputed INTEGER,
    qdiabetes DOUBLE, qdiabetes_model INTEGER)`);
  const app = await wh.appender(RISK_TABLE);
  for (let i = 0; i < ids.length; i++) {
    const q = results.qrisk3[i] ?? Number.NaN;
    const qd = results.qdiabetes[i] ?? Number.NaN;
    if (Number.isNaN(q) && Number.isNaN(qd)) continue;
    app.appendBigInt(ids[i] as bigint);
    if (Number.isNaN(q)) {
      app.appendNull();
      app.appendNull();
    } else {
      app.appendDouble(q);
      app.appendInteger(results.qrisk3Imputed[i] ?? -1);
    }
    if (Number.isNaN(qd)) {
      app.appendNull();
      app.appendNull();
    } else {
      app.appendDouble(qd);
      app.appendInteger(results.qdiabetesModel[i] ?? -1);
    }
    app.endRow();
  }
  app.closeSync();
  const texts = [
    `(-1, ${d.stringLiteral("")})`,
    ...results.texts.map((t, i) => `(${i}, ${d.stringLiteral(t)})`),
  ].join(", ");

  const cols = personClinical.columns.map((c) => d.quoteIdent(c.name)).join(", ");
  await wh.exec(`DELETE FROM ${personClinical.name}`);
  await wh.exec(`INSERT INTO ${personClinical.name} (${cols})
    SELECT s.person_id, s.condition_count, s.efi, s.efi_band, s.hfrs, s.hfrs_band, s.charlson,
      r.qrisk3, ti.text, r.qdiabetes, tm.text
    FROM _sql_scores AS s LEFT JOIN ${RISK_TABLE} AS r ON r.person_id = s.person_id
    LEFT JOIN (VALUES ${texts}) AS ti(code, text) ON ti.code = r.qrisk3_imputed
    LEFT JOIN (VALUES ${texts}) AS tm(code, text) ON tm.code = r.qdiabetes_model`);
  await wh.exec(`DROP TABLE ${RISK_TABLE}; DROP TABLE _sql_scores`);
}
