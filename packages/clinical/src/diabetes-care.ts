// The NICE diabetes care processes (the "eight", plus retinal screening as the ninth) in the
// 12 months to the as-of date, and the three QOF-style treatment targets, per person on the
// DM register and per practice. Portable SQL; needs `_clin` (score-features.ts) and `register`.
import { diabetesCare, practiceDiabetesCare } from "@bevan/domain";
import type { Dialect } from "@bevan/engine";
import { type ClinicalCodelistKey, clinicalListId as id } from "./clinical-codelists.ts";
import { has } from "./score-features.ts";

/** QOF DM targets: HbA1c ≤ 58 mmol/mol; blood pressure ≤ 140/80 mmHg. */
export const DIABETES_TARGETS = { hba1c: 58, sbp: 140, dbp: 80 } as const;

export function diabetesCareInsertSql(d: Dialect, asOf: string): string {
  const a = d.dateLiteral(asOf);
  const within = `day > ${d.addMonths(a, -12)}`;
  const any = (...ks: ClinicalCodelistKey[]) =>
    has(`codelist_id IN (${ks.map(id).join(", ")}) AND ${within}`);
  const latest = (k: ClinicalCodelistKey) =>
    `max(CASE WHEN codelist_id = ${id(k)} AND ${within} THEN value END)`;
  const cols = diabetesCare.columns.map((c) => d.quoteIdent(c.name)).join(", ");
  return `INSERT INTO ${diabetesCare.name} (${cols})
    SELECT r.person_id, coalesce(c.hba1c, FALSE), coalesce(c.bp, FALSE), coalesce(c.chol, FALSE),
      coalesce(c.creat, FALSE), coalesce(c.uacr, FALSE), coalesce(c.foot, FALSE), coalesce(c.bmi, FALSE),
      coalesce(c.smoking, FALSE), coalesce(c.retinal, FALSE),
      CAST(CASE WHEN c.hba1c THEN 1 ELSE 0 END + CASE WHEN c.bp THEN 1 ELSE 0 END + CASE WHEN c.chol THEN 1 ELSE 0 END
        + CASE WHEN c.creat THEN 1 ELSE 0 END + CASE WHEN c.uacr THEN 1 ELSE 0 END + CASE WHEN c.foot THEN 1 ELSE 0 END
        + CASE WHEN c.bmi THEN 1 ELSE 0 END + CASE WHEN c.smoking THEN 1 ELSE 0 END AS INTEGER),
      l.hba1c, l.sbp, l.dbp,
      coalesce(l.hba1c <= ${DIABETES_TARGETS.hba1c}, FALSE),
      coalesce(l.sbp <= ${DIABETES_TARGETS.sbp} AND l.dbp <= ${DIABETES_TARGETS.dbp}, FALSE),
      coalesce(c.statin, FALSE),
      coalesce(l.hba1c <= ${DIABETES_TARGETS.hba1c} AND l.sbp <= ${DIABETES_TARGETS.sbp} AND l.dbp <= ${DIABETES_TARGETS.dbp} AND c.statin, FALSE)
    FROM register AS r
    LEFT JOIN (SELECT person_id, ${any("hba1c")} AS hba1c, ${any("sbp", "dbp")} AS bp, ${any("cholesterol", "cholHdlRatio")} AS chol,
        ${any("creatinine", "egfr")} AS creat, ${any("uacr")} AS uacr, ${any("footExamination")} AS foot,
        ${any("retinalScreening")} AS retinal, ${any("bmi")} AS bmi,
        ${any("smoking", "smokingCurrent", "smokingEx", "smokingNever")} AS smoking, ${any("statins")} AS statin
      FROM _days GROUP BY person_id) AS c ON c.person_id = r.person_id
    LEFT JOIN (SELECT person_id, ${latest("hba1c")} AS hba1c, ${latest("sbp")} AS sbp, ${latest("dbp")} AS dbp
      FROM _latest GROUP BY person_id) AS l ON l.person_id = r.person_id
    WHERE r.register = 'DM'`;
}

export function practiceDiabetesCareInsertSql(d: Dialect): string {
  const cols = practiceDiabetesCare.columns.map((c) => d.quoteIdent(c.name)).join(", ");
  const n = (cond: string) => `CAST(sum(CASE WHEN ${cond} THEN 1 ELSE 0 END) AS INTEGER)`;
  return `INSERT INTO ${practiceDiabetesCare.name} (${cols})
    SELECT p.practice_code, CAST(count(*) AS INTEGER), ${n("c.processes_8 = 8")}, ${n("c.hba1c_target")},
      ${n("c.bp_target")}, ${n("c.statin")}, ${n("c.all_three_targets")}
    FROM ${diabetesCare.name} AS c JOIN person_asof AS p ON p.person_id = c.person_id
    GROUP BY p.practice_code`;
}
