// QRISK3 and QDiabetes over a batch of people: the columns of riskFeaturesSql in, the scores
// out. The equations stay in TypeScript (./scores, tested against ClinRisk's vectors); this
// only turns columns into each person's record and collects the results. No I/O.
import { FEATURE_FLAGS, type FeatureFlag } from "./score-features.ts";
import { qdiabetes } from "./scores/qdiabetes.ts";
import { qrisk3 } from "./scores/qrisk3.ts";
import { qdiabetesFromRecord, qrisk3FromRecord, type RecordedFeatures } from "./scores/risk-inputs.ts";

/**
 * The scores of a batch, column by column (a million people's results as objects would keep
 * the garbage collector busy). Text values travel as codes into `texts` (-1 for none), so
 * the warehouse receives numbers and maps them back in SQL.
 */
export class EquationResults {
  readonly qrisk3: Float64Array;
  readonly qrisk3Imputed: Int32Array;
  readonly qdiabetes: Float64Array;
  readonly qdiabetesModel: Int32Array;
  /** Text of each code. */
  readonly texts: string[] = [];
  readonly #codes = new Map<string, number>();

  readonly size: number;

  constructor(size: number) {
    this.size = size;
    this.qrisk3 = new Float64Array(size).fill(Number.NaN);
    this.qdiabetes = new Float64Array(size).fill(Number.NaN);
    this.qrisk3Imputed = new Int32Array(size).fill(-1);
    this.qdiabetesModel = new Int32Array(size).fill(-1);
  }

  code(text: string): number {
    let c = this.#codes.get(text);
    if (c === undefined) {
      c = this.texts.length;
      this.texts.push(text);
      this.#codes.set(text, c);
    }
    return c;
  }
}

const BIT = Object.fromEntries(FEATURE_FLAGS.map((f, i) => [f, 1 << i])) as Record<FeatureFlag, number>;
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown) => (v === null || v === undefined ? null : (v as string));

/**
 * Scores rows `from` to `to` (exclusive) of riskFeaturesSql's columns (person_id, age, sex, …,
 * flags as a bit field) into `out` at the same row numbers.
 */
export function scoreEquations(
  c: Record<string, readonly unknown[]>,
  out: EquationResults,
  from = 0,
  to = out.size,
): void {
  const col = (k: string) => c[k] ?? [];
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
    if (q) {
      out.qrisk3[i] = qrisk3(q.input).value;
      out.qrisk3Imputed[i] = out.code(q.imputed.join(","));
    }
    if (qd) {
      out.qdiabetes[i] = qdiabetes(qd.model, qd.input).value;
      out.qdiabetesModel[i] = out.code(qd.model);
    }
  }
}
