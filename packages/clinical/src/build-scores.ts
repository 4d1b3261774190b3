// Fills person_clinical at the as-of date: multimorbidity count, eFI, HFRS and Charlson in one
// set-based statement (score-sql.ts, generated from the rule data of ./scores), and QRISK3 /
// QDiabetes from each person's latest recorded values (the equations in TypeScript, batched).
// Needs `_person_base`, `register` and the clinical codelists; leaves `_clin`, `_latest` and
// `_days` for the diabetes care processes (the caller drops them).
import { personClinical } from "@bevan/domain";
import type { Warehouse } from "@bevan/engine";
import type { EfiDeficitSource } from "./efi-codelists.ts";
import {
  clinicalEventsSql,
  FEATURE_FLAGS,
  type FeatureFlag,
  latestDaysSql,
  latestValuesSql,
  riskFeaturesSql,
} from "./score-features.ts";
import { charlsonSql, efiBandSql, efiSql, hfrsBandSql, hfrsSql, SCORE_MIN_AGE } from "./score-sql.ts";
import { qdiabetes } from "./scores/qdiabetes.ts";
import { qrisk3 } from "./scores/qrisk3.ts";
import { qdiabetesFromRecord, qrisk3FromRecord, type RecordedFeatures } from "./scores/risk-inputs.ts";

/** Registers that are conditions for the multimorbidity count (not NDH, a risk state, nor PC, a care status). */
export const MULTIMORBIDITY_EXCLUDED = ["NDH", "PC"] as const;

/** Work table of the equations' results, joined into person_clinical and dropped. */
const RISK_TABLE = "_risk_scores";

export async function buildPersonClinical(
  wh: Warehouse,
  asOf: string,
  efiSources: readonly EfiDeficitSource[],
): Promise<void> {
  const d = wh.dialect;

  // QRISK3 and QDiabetes, aged 25–84: inputs gathered in SQL, the equations in TypeScript,
  // results appended in one batch to a work table.
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _clin AS ${clinicalEventsSql(d, asOf)}`);
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _latest AS ${latestValuesSql()}`);
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _days AS ${latestDaysSql()}`);
  await wh.exec(`CREATE OR REPLACE TABLE ${RISK_TABLE} (person_id BIGINT, qrisk3 DOUBLE, qrisk3_imputed VARCHAR,
    qdiabetes DOUBLE, qdiabetes_model VARCHAR)`);
  const features = await wh.columns(riskFeaturesSql(d, asOf));
  const featureIds = features.person_id as bigint[];
  const app = await wh.appender(RISK_TABLE);
  for (let i = 0; i < featureIds.length; i++) {
    const f = toFeatures(features, i);
    const q = qrisk3FromRecord(f);
    const qd = qdiabetesFromRecord(f);
    if (!q && !qd) continue;
    app.appendBigInt(featureIds[i] as bigint);
    if (q) {
      app.appendDouble(qrisk3(q.input).value);
      app.appendVarchar(q.imputed.join(","));
    } else {
      app.appendNull();
      app.appendNull();
    }
    if (qd) {
      app.appendDouble(qdiabetes(qd.model, qd.input).value);
      app.appendVarchar(qd.model);
    } else {
      app.appendNull();
      app.appendNull();
    }
    app.endRow();
  }
  app.closeSync();

  // Everything else in one set-based statement over the registered population.
  const cols = personClinical.columns.map((c) => d.quoteIdent(c.name)).join(", ");
  const excluded = MULTIMORBIDITY_EXCLUDED.map((r) => d.stringLiteral(r)).join(", ");
  await wh.exec(`DELETE FROM ${personClinical.name}`);
  await wh.exec(`INSERT INTO ${personClinical.name} (${cols})
    SELECT b.person_id, CAST(coalesce(mm.n, 0) AS INTEGER), e.efi, ${efiBandSql(d, "e.efi")},
      h.hfrs, ${hfrsBandSql(d, "h.hfrs")},
      CASE WHEN b.age >= ${SCORE_MIN_AGE.charlson} THEN coalesce(ch.charlson, 0) END,
      r.qrisk3, r.qrisk3_imputed, r.qdiabetes, r.qdiabetes_model
    FROM _person_base AS b
    LEFT JOIN (SELECT person_id, count(*) AS n FROM register WHERE register NOT IN (${excluded})
      GROUP BY person_id) AS mm ON mm.person_id = b.person_id
    LEFT JOIN (${efiSql(d, asOf, efiSources)}) AS e ON e.person_id = b.person_id
    LEFT JOIN (SELECT b2.person_id, coalesce(hs.hfrs, 0) AS hfrs FROM _person_base AS b2
        LEFT JOIN (${hfrsSql(d, asOf)}) AS hs ON hs.person_id = b2.person_id
        WHERE b2.age >= ${SCORE_MIN_AGE.hfrs}) AS h ON h.person_id = b.person_id
    LEFT JOIN (${charlsonSql(d, asOf)}) AS ch ON ch.person_id = b.person_id
    LEFT JOIN ${RISK_TABLE} AS r ON r.person_id = b.person_id
    WHERE b.registered`);
  await wh.exec(`DROP TABLE ${RISK_TABLE}`);
}

const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toFeatures(c: Record<string, unknown[]>, i: number): RecordedFeatures {
  const at = (k: string) => c[k]?.[i];
  const flags = Number(at("flags") ?? 0);
  const flag = (f: FeatureFlag) => (flags & (1 << FEATURE_FLAGS.indexOf(f))) !== 0;
  return {
    age: Number(at("age")),
    sex: String(at("sex") ?? "U"),
    ethnicityCode: (at("ethnicity_code") as string | null) ?? null,
    af: flag("af"),
    ckd: flag("ckd"),
    smi: flag("smi"),
    ra: flag("ra"),
    ld: flag("ld"),
    cvd: flag("cvd"),
    hypertension: flag("hyp"),
    diabetes: (at("diabetes") as string | null) ?? null,
    sle: flag("sle"),
    gdm: flag("gdm"),
    pcos: flag("pcos"),
    antipsychotics: flag("antipsychotics"),
    corticosteroids: flag("corticosteroids"),
    antihypertensives: flag("antihypertensives"),
    statins: flag("statins"),
    smoking: (at("smoking") as string | null) ?? null,
    bmi: numOrNull(at("bmi")),
    sbp: numOrNull(at("sbp")),
    sbpSd: numOrNull(at("sbp_sd")),
    cholRatio: numOrNull(at("chol_ratio")),
    hba1c: numOrNull(at("hba1c")),
  };
}
