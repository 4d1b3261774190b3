// QRISK3 and QDiabetes from each person's recorded features, as one set-based SELECT: the
// record rules of ./scores/risk-inputs.ts (eligibility, missing-value imputation, QDiabetes model
// choice, which record field feeds which input), rendered from the same data the TypeScript
// reads, then the equations (risk-equations-sql.ts). Portable SQL; concat_ws skips NULLs on
// DuckDB, Trino and PostgreSQL alike.
import { type EquationCase, type EquationDialect, equationSql, snake } from "./risk-equations-sql.ts";
import type { Sex } from "./scores/equation.ts";
import { QDIABETES_EQUATIONS } from "./scores/qdiabetes.ts";
import { QDIABETES_2018 } from "./scores/qdiabetes-coefficients.ts";
import { QRISK3_EQUATIONS } from "./scores/qrisk3.ts";
import { QRISK3_2017 } from "./scores/qrisk3-coefficients.ts";
import {
  EQUATION_SEX,
  type FlagSource,
  QDIABETES_FLAGS,
  QDIABETES_HBA1C,
  QDIABETES_MEASURES,
  QRISK_ETHNICITY,
  QRISK3_FLAGS,
  QRISK3_MEASURES,
  type RecordedFeatures,
  type RecordedMeasure,
  SMOKING_CATEGORY,
  SMOKING_NOT_RECORDED,
  TOWNSEND_IMPUTED,
} from "./scores/risk-inputs.ts";

const SEXES = Object.entries(EQUATION_SEX) as [string, Sex][];

/**
 * `SELECT person_id, qrisk3_10y_percent, qrisk3_imputed, qdiabetes_10y_percent, qdiabetes_model`
 * from a relation of person_id and the RecordedFeatures fields in snake_case (yes/no fields may
 * be NULL for no). A person a score does not apply to gets NULLs for it.
 */
export function riskScoresSql(d: EquationDialect, features: string): string {
  const s = d.stringLiteral;
  const f = (k: keyof RecordedFeatures) => `f.${snake(k)}`;
  const flag = (k: keyof RecordedFeatures) => `coalesce(${f(k)}, FALSE)`;
  const flagSql = (src: FlagSource) =>
    src === false ? "FALSE" : typeof src === "string" ? flag(src) : `(${flag(src[0])} AND ${flag(src[1])})`;
  const sexIn = `${f("sex")} IN (${SEXES.map(([code]) => s(code)).join(", ")})`;
  const valid = (m: RecordedMeasure) => `${f(m.record)} >= ${m.range[0]} AND ${f(m.record)} <= ${m.range[1]}`;
  const ethnicity = `CASE upper(${f("ethnicityCode")}) ${Object.entries(QRISK_ETHNICITY)
    .map(([code, n]) => `WHEN ${s(code)} THEN ${n}`)
    .join(" ")} ELSE 1 END`;
  const smoking = `CASE ${f("smoking")} ${Object.entries(SMOKING_CATEGORY)
    .map(([status, n]) => `WHEN ${s(status)} THEN ${n}`)
    .join(" ")} ELSE 0 END`;
  const [tLo, tHi] = TOWNSEND_IMPUTED.range;
  const townsendValid = `${f("townsend")} >= ${tLo} AND ${f("townsend")} <= ${tHi}`;
  /** The list of imputed inputs, as risk-inputs.ts writes it (measures, townsend, smoking). */
  const imputedList = (measures: readonly RecordedMeasure[]) =>
    `concat_ws(',', ${[
      ...measures.map((m) => `CASE WHEN ${valid(m)} THEN NULL ELSE ${s(m.name)} END`),
      `CASE WHEN ${townsendValid} THEN NULL ELSE ${s(TOWNSEND_IMPUTED.name)} END`,
      `CASE WHEN ${f("smoking")} IS NULL THEN ${s(SMOKING_NOT_RECORDED)} END`,
    ].join(", ")})`;

  // QRISK3: not with existing CVD; sex recorded.
  const q3ok = `NOT ${flag("cvd")} AND ${sexIn}`;
  const q3 = [
    `CASE WHEN NOT ${flag("cvd")} THEN CASE ${f("sex")} ${SEXES.map(([code, sex]) => `WHEN ${s(code)} THEN ${s(sex)}`).join(" ")} END END AS q_sex`,
    `${f("age")} AS q_age`,
    `${ethnicity} AS q_ethnicity`,
    `${smoking} AS q_smoking`,
    `CASE WHEN ${f("diabetes")} = 'type1' THEN 'type1' WHEN ${f("diabetes")} IS NULL THEN 'none' ELSE 'type2' END AS q_diabetes`,
    ...Object.entries(QRISK3_FLAGS).map(([input, src]) => `${flagSql(src)} AS q_${snake(input)}`),
    ...QRISK3_MEASURES.map(
      (m) =>
        `CASE WHEN ${valid(m)} THEN ${f(m.record)} ${SEXES.map(([code, sex]) => `WHEN ${f("sex")} = ${s(code)} THEN ${d.doubleLiteral(m.imputed(QRISK3_2017[sex].centring, sex))}`).join(" ")} END AS q_${snake(m.input)}`,
    ),
    `CASE WHEN ${townsendValid} THEN ${f("townsend")} ${SEXES.map(([code, sex]) => `WHEN ${f("sex")} = ${s(code)} THEN ${d.doubleLiteral(TOWNSEND_IMPUTED.qrisk3(QRISK3_2017[sex].centring))}`).join(" ")} END AS q_townsend`,
    `CASE WHEN ${q3ok} THEN ${imputedList(QRISK3_MEASURES)} END AS qrisk3_imputed`,
  ];

  // QDiabetes: not on the diabetes register, sex recorded, HbA1c (if any) below the diabetic range.
  const h = QDIABETES_HBA1C;
  const qdok = `${f("diabetes")} IS NULL AND ${sexIn} AND (${f("hba1c")} IS NULL OR ${f("hba1c")} < ${h.diabeticFrom})`;
  const model = `CASE WHEN ${f("hba1c")} >= ${h.modelCFrom} THEN 'C' ELSE 'A' END`;
  const MODELS = ["A", "C"] as const;
  const perModelSex = (value: (m: (typeof MODELS)[number], sex: Sex) => number) =>
    MODELS.flatMap((m) =>
      SEXES.map(
        ([code, sex]) =>
          `WHEN ${model} = '${m}' AND ${f("sex")} = ${s(code)} THEN ${d.doubleLiteral(value(m, sex))}`,
      ),
    ).join(" ");
  const qd = [
    `CASE WHEN ${qdok} THEN CASE ${f("sex")} ${SEXES.map(([code, sex]) => `WHEN ${s(code)} THEN ${s(sex)}`).join(" ")} END END AS d_sex`,
    `CASE WHEN ${qdok} THEN ${model} END AS qdiabetes_model`,
    `${f("age")} AS d_age`,
    `${ethnicity} AS d_ethnicity`,
    `${smoking} AS d_smoking`,
    ...Object.entries(QDIABETES_FLAGS).map(([input, src]) => `${flagSql(src)} AS d_${snake(input)}`),
    ...QDIABETES_MEASURES.map(
      (m) =>
        `CASE WHEN ${valid(m)} THEN ${f(m.record)} ${perModelSex((mo, sex) => m.imputed(QDIABETES_2018[mo][sex].centring, sex))} END AS d_${snake(m.input)}`,
    ),
    `CASE WHEN ${townsendValid} THEN ${f("townsend")} ${perModelSex((mo, sex) => TOWNSEND_IMPUTED.qdiabetes(QDIABETES_2018[mo][sex].centring))} END AS d_townsend`,
    `${f("hba1c")} AS d_hba1c`,
  ];

  const q3Cases: EquationCase[] = SEXES.map(([, sex]) => ({
    when: `q_sex = ${s(sex)}`,
    equation: QRISK3_EQUATIONS[sex],
  }));
  const qdCases: EquationCase[] = MODELS.flatMap((m) =>
    SEXES.map(([, sex]) => ({
      when: `qdiabetes_model = '${m}' AND d_sex = ${s(sex)}`,
      equation: QDIABETES_EQUATIONS[m][sex],
    })),
  );
  const q3Sql = equationSql(d, q3Cases, (i) => `q_${snake(i)}`, "_q");
  const qdSql = equationSql(d, qdCases, (i) => `d_${snake(i)}`, "_d");
  return `SELECT person_id, ${q3Sql.risk} AS qrisk3_10y_percent, qrisk3_imputed,
    ${qdSql.risk} AS qdiabetes_10y_percent, qdiabetes_model
  FROM (SELECT *, ${[...q3Sql.vars, ...qdSql.vars].join(",\n      ")}
    FROM (SELECT f.person_id, ${[...q3, ...qd].join(",\n      ")}
      FROM (${features}) AS f) AS p) AS v`;
}
