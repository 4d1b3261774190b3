// QRISK3 and QDiabetes over a batch of people: the columns of riskFeaturesSql in, the scores
// out. The equations stay in TypeScript (./scores, tested against ClinRisk's vectors); this
// only turns columns into each person's record and collects the results. No I/O.
import { FEATURE_FLAGS, type FeatureFlag } from "./score-features.ts";
import { qdiabetes } from "./scores/qdiabetes.ts";
import { qrisk3 } from "./scores/qrisk3.ts";
import { qdiabetesFromRecord, qrisk3FromRecord, type RecordedFeatures } from "./scores/risk-inputs.ts";

/** One row per person with at least one of the two scores. */
export interface EquationResult {
  readonly personId: bigint;
  readonly qrisk3: number | null;
  readonly qrisk3Imputed: string | null;
  readonly qdiabetes: number | null;
  readonly qdiabetesModel: string | null;
}

const BIT = Object.fromEntries(FEATURE_FLAGS.map((f, i) => [f, 1 << i])) as Record<FeatureFlag, number>;
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown) => (v === null || v === undefined ? null : (v as string));

/** Scores rows `from` to `to` (exclusive; default all) of riskFeaturesSql's columns (person_id, age, sex, …, flags as a bit field). */
export function scoreEquations(
  c: Record<string, readonly unknown[]>,
  from = 0,
  to = c.person_id?.length ?? 0,
): EquationResult[] {
  const col = (k: string) => c[k] ?? [];
  const ids = col("person_id") as readonly bigint[];
  const [age, sex, eth, flagCol, diabetes, smoking] = [
    col("age"),
    col("sex"),
    col("ethnicity_code"),
    col("flags"),
    col("diabetes"),
    col("smoking"),
  ];
  const [bmi, sbp, sbpSd, cholRatio, hba1c] = [
    col("bmi"),
    col("sbp"),
    col("sbp_sd"),
    col("chol_ratio"),
    col("hba1c"),
  ];
  const out: EquationResult[] = [];
  for (let i = from; i < to; i++) {
    const flags = Number(flagCol[i] ?? 0);
    const has = (f: FeatureFlag) => (flags & BIT[f]) !== 0;
    const f: RecordedFeatures = {
      age: Number(age[i]),
      sex: String(sex[i] ?? "U"),
      ethnicityCode: strOrNull(eth[i]),
      af: has("af"),
      ckd: has("ckd"),
      smi: has("smi"),
      ra: has("ra"),
      ld: has("ld"),
      cvd: has("cvd"),
      hypertension: has("hyp"),
      diabetes: strOrNull(diabetes[i]),
      sle: has("sle"),
      gdm: has("gdm"),
      pcos: has("pcos"),
      antipsychotics: has("antipsychotics"),
      corticosteroids: has("corticosteroids"),
      antihypertensives: has("antihypertensives"),
      statins: has("statins"),
      smoking: strOrNull(smoking[i]),
      bmi: numOrNull(bmi[i]),
      sbp: numOrNull(sbp[i]),
      sbpSd: numOrNull(sbpSd[i]),
      cholRatio: numOrNull(cholRatio[i]),
      hba1c: numOrNull(hba1c[i]),
    };
    const q = qrisk3FromRecord(f);
    const qd = qdiabetesFromRecord(f);
    if (!q && !qd) continue;
    out.push({
      personId: ids[i] as bigint,
      qrisk3: q ? qrisk3(q.input).value : null,
      qrisk3Imputed: q ? q.imputed.join(",") : null,
      qdiabetes: qd ? qdiabetes(qd.model, qd.input).value : null,
      qdiabetesModel: qd ? qd.model : null,
    });
  }
  return out;
}
