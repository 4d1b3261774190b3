// The optimum for `bevan build --no-risk`: hand-written SQL that derives the same tables from
// the ingested ones, written from the rules in docs/clinical-scores.md and the register
// definitions rather than from Bevan's SQL (one pass over gp_event for every register code,
// pivoted per person; the scores' counts as plain aggregates). Only the rules' data — codelist
// ids, HFRS points, Charlson prefixes and weights, thresholds — come from @bevan/clinical, and the
// QRISK3/QDiabetes equations, evaluated with the SQL Bevan generates from the published
// coefficients (the optimum for a published formula is the formula; see CONTEXT.md).
// The statements run unchanged on DuckDB and PostgreSQL 15 (dates are literals, booleans
// aggregate with bool_or, doubles are FLOAT8). Results go to ref_* tables.
import {
  CHARLSON_HIERARCHY,
  CLINICAL_CODELISTS,
  type ClinicalCodelistKey,
  EFI_DEFICIT_COUNT,
  type EfiDeficitSource,
  MULTIMORBIDITY_EXCLUDED,
  POLYPHARMACY_MIN_MEDICINES,
  REGISTER_CODELISTS,
  type RegisterCodelistKey,
  riskScoresSql,
} from "@bevan/clinical";
import { type Dialect, doubleText, duckdb } from "@bevan/engine";
import { CHARLSON_QUAN } from "../../packages/clinical/src/scores/charlson-map.ts";
import { HFRS_POINTS } from "../../packages/clinical/src/scores/hfrs-points.ts";
import { careAndAuditSteps } from "./care-audits.ts";
import { addMonths, ageMonthsAt, lit } from "./dates.ts";

/** One reference statement: a name for timings and the SQL. */
export interface RefStep {
  readonly name: string;
  readonly sql: string;
}

/** Tables the reference writes that have a Bevan counterpart: ref table → Bevan table. */
export const COMPARED_TABLES = {
  ref_person_asof: "person_asof",
  ref_register: "register",
  ref_person_clinical: "person_clinical",
  ref_diabetes_care: "diabetes_care",
  ref_practice_diabetes_care: "practice_diabetes_care",
  ref_safety_audit_finding: "safety_audit_finding",
} as const;

/**
 * Constants and casts for the generated equations that DuckDB and PostgreSQL read alike
 * (FLOAT8 is DuckDB's DOUBLE; a string cast parses to the same double on both).
 */
const PORTABLE_DOUBLES: Pick<Dialect, "doubleLiteral" | "stringLiteral" | "columnType"> = {
  doubleLiteral: (v) => `CAST('${doubleText(v)}' AS FLOAT8)`,
  stringLiteral: duckdb.stringLiteral,
  columnType: (t) => (t === "double" ? "FLOAT8" : duckdb.columnType(t)),
};

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const R = (k: RegisterCodelistKey) => q(REGISTER_CODELISTS[k].id);
const C = (k: ClinicalCodelistKey) => q(CLINICAL_CODELISTS[k].id);
const DIAGNOSIS_LISTS = (Object.keys(REGISTER_CODELISTS) as RegisterCodelistKey[]).filter(
  (k) => REGISTER_CODELISTS[k].system === "snomedct",
);

export const REF_TABLES = [
  "ref_person_base",
  "ref_coded",
  "ref_px",
  "ref_asthma_rx",
  "ref_register",
  "ref_person_asof",
  "ref_meds12",
  "ref_efi_deficits",
  "ref_hfrs",
  "ref_charlson",
  "ref_recent",
  "ref_score_inputs",
  "ref_risk_scores",
  "ref_person_clinical",
  "ref_dm_recent",
  "ref_diabetes_care",
  "ref_practice_diabetes_care",
  "ref_audit_hba1c",
  "ref_safety_audit_finding",
] as const;

export function referenceBuild(asOf: string, efi: readonly EfiDeficitSource[]): RefStep[] {
  const a = lit(asOf);
  const m12 = lit(addMonths(asOf, -12));
  const m24 = lit(addMonths(asOf, -24));
  const m60 = lit(addMonths(asOf, -60));
  const m6 = lit(addMonths(asOf, -6));
  const steps: RefStep[] = [];
  const step = (name: string, sql: string) => steps.push({ name, sql });
  const death = "coalesce(p.death_date, x.death_date)";

  step(
    "person base",
    `CREATE TABLE ref_person_base AS
    SELECT p.person_id,
      CAST(floor((${ageMonthsAt(asOf)} - (EXTRACT(YEAR FROM p.birth_month) * 12 + EXTRACT(MONTH FROM p.birth_month))) / 12.0) AS INTEGER) AS age,
      (p.registration_start <= ${a} AND (p.registration_end IS NULL OR p.registration_end > ${a})
        AND (${death} IS NULL OR ${death} > ${a})) AS registered,
      coalesce(${death} <= ${a}, FALSE) AS deceased
    FROM person AS p LEFT JOIN death AS x ON x.person_id = p.person_id
    WHERE p.birth_month <= ${a}`,
  );

  // Registers: one pass over gp_event for every register codelist, then one row per person.
  step(
    "register codes",
    `CREATE TABLE ref_coded AS
    SELECT e.person_id, cc.codelist_id, min(e.event_date) AS f, max(e.event_date) AS l
    FROM gp_event AS e
    JOIN codelist_code AS cc ON cc.code = e.code AND cc.codelist_id IN (${DIAGNOSIS_LISTS.map(R).join(", ")})
    JOIN codelist AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = e.coding_system
    WHERE e.event_date <= ${a}
    GROUP BY e.person_id, cc.codelist_id`,
  );
  step(
    "register pivot",
    `CREATE TABLE ref_px AS
    SELECT c.person_id, b.age, ${DIAGNOSIS_LISTS.map(
      (k) =>
        `min(CASE WHEN c.codelist_id = ${R(k)} THEN c.f END) AS ${k}_f, max(CASE WHEN c.codelist_id = ${R(k)} THEN c.l END) AS ${k}_l`,
    ).join(",\n      ")}
    FROM ref_coded AS c JOIN ref_person_base AS b ON b.person_id = c.person_id AND b.registered AND b.age >= 0
    GROUP BY c.person_id, b.age`,
  );
  step(
    "asthma inhalers",
    `CREATE TABLE ref_asthma_rx AS
    SELECT DISTINCT m.person_id FROM medication_issue AS m
    JOIN codelist_code AS cc ON cc.code = m.code AND cc.codelist_id IN (${R("astrx")}, ${R("saba")})
    JOIN codelist AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = m.coding_system
    WHERE m.issue_date > ${m12} AND m.issue_date <= ${a}`,
  );
  const dm = `(age >= 17 AND dm_l IS NOT NULL AND (dmres_l IS NULL OR dm_l > dmres_l))`;
  const none = "CAST(NULL AS VARCHAR)";
  // ref_px holds registered people aged 0 or more (every register's floor).
  const ever = (reg: string, k: RegisterCodelistKey, minAge = 0) =>
    `SELECT person_id, '${reg}' AS register, ${k}_f AS first_date, ${k}_l AS latest_date, ${none} AS subtype FROM ref_px WHERE ${k}_l IS NOT NULL${minAge ? ` AND age >= ${minAge}` : ""}`;
  // The latest diagnosis later than the latest resolved code (QOF resolved refsets).
  const unresolved = (reg: string, k: RegisterCodelistKey, res: RegisterCodelistKey, minAge = 0) =>
    `${ever(reg, k, minAge)} AND (${res}_l IS NULL OR ${k}_l > ${res}_l)`;
  const registers = [
    ever("AF", "afib"),
    `SELECT person_id, 'AST', ast_f, ast_l, ${none} FROM ref_px WHERE ast_l IS NOT NULL AND age >= 6 AND person_id IN (SELECT person_id FROM ref_asthma_rx)`,
    ever("CHD", "chd"),
    `SELECT person_id, 'CKD', ckd35_f, ckd35_l, ${none} FROM ref_px WHERE age >= 18 AND ckd35_l IS NOT NULL AND (ckd12_l IS NULL OR ckd35_l >= ckd12_l)
        AND (ckdres_l IS NULL OR ckd35_l > ckdres_l)`,
    unresolved("COPD", "copd", "copdres"),
    ever("DEM", "dem"),
    `SELECT person_id, 'DEP', depr_f, depr_l, ${none} FROM ref_px WHERE age >= 18 AND depr_l >= DATE '2006-04-01'`,
    `SELECT person_id, 'DM', dm_f, dm_l, CASE WHEN dmtype1_l IS NOT NULL AND (dmtype2_l IS NULL OR dmtype2_l <= dmtype1_l) THEN 'type1' ELSE 'type2' END
      FROM ref_px WHERE ${dm}`,
    unresolved("EP", "epil", "epilres", 18),
    unresolved("HF", "hf", "hfres"),
    unresolved("HYP", "hyp", "hypres"),
    ever("LD", "ld"),
    `SELECT person_id, 'MH', mh_f, mh_l, ${none} FROM ref_px WHERE mh_l IS NOT NULL AND (smhres_l IS NULL OR mh_l > smhres_l)`,
    ever("OST", "osteo", 50),
    ever("PAD", "pad"),
    `SELECT person_id, 'PC', palcare_f, palcare_l, ${none} FROM ref_px
      WHERE palcare_l >= DATE '2008-04-01' AND (palcareni_l IS NULL OR palcare_l > palcareni_l)`,
    ever("RA", "rarth", 16),
    `SELECT person_id, 'STIA', CASE WHEN tia_f IS NULL OR strk_f < tia_f THEN strk_f ELSE tia_f END,
        CASE WHEN tia_l IS NULL OR strk_l > tia_l THEN strk_l ELSE tia_l END, ${none}
      FROM ref_px WHERE strk_l IS NOT NULL OR tia_l IS NOT NULL`,
    `SELECT person_id, 'CAN', f, l, ${none} FROM (
        SELECT person_id, CASE WHEN haemcan_f IS NULL OR can_f < haemcan_f THEN can_f ELSE haemcan_f END AS f,
          CASE WHEN haemcan_l IS NULL OR can_l > haemcan_l THEN can_l ELSE haemcan_l END AS l
        FROM ref_px WHERE can_l IS NOT NULL OR haemcan_l IS NOT NULL) AS c
      WHERE f >= DATE '2003-04-01'`,
    `SELECT person_id, 'NDH', ndh_f, ndh_l, ${none} FROM ref_px WHERE age >= 18 AND ndh_l IS NOT NULL AND NOT ${dm}`,
  ];
  step("registers", `CREATE TABLE ref_register AS\n    ${registers.join("\n    UNION ALL ")}`);

  step(
    "person status",
    `CREATE TABLE ref_person_asof AS
    SELECT p.person_id, b.age,
      CASE WHEN b.age >= 90 THEN '90+' ELSE CAST(b.age - b.age % 5 AS VARCHAR) || '-' || CAST(b.age - b.age % 5 + 4 AS VARCHAR) END AS age_band,
      p.sex, p.ethnicity_group, p.lsoa_code, l.imd_decile, l.imd_quintile, p.practice_code,
      pcn.org_code AS pcn_code, place.org_code AS place_code, icb.org_code AS icb_code,
      b.registered, b.deceased, p.care_home, ld.person_id IS NOT NULL AS learning_disability
    FROM person AS p
    JOIN ref_person_base AS b ON b.person_id = p.person_id
    LEFT JOIN lsoa AS l ON l.lsoa_code = p.lsoa_code
    LEFT JOIN organisation AS prac ON prac.org_code = p.practice_code
    LEFT JOIN organisation AS pcn ON pcn.org_code = prac.parent_code AND pcn.org_type = 'pcn'
    LEFT JOIN organisation AS place ON place.org_code = pcn.parent_code AND place.org_type = 'place'
    LEFT JOIN organisation AS icb ON icb.org_code = place.parent_code AND icb.org_type = 'icb'
    LEFT JOIN (SELECT person_id FROM ref_register WHERE register = 'LD') AS ld ON ld.person_id = p.person_id`,
  );

  // Scores whose arithmetic is expressible in SQL: multimorbidity, eFI, HFRS, Charlson.
  step(
    "medicines in 12 months",
    `CREATE TABLE ref_meds12 AS
    SELECT person_id, count(DISTINCT code) AS n FROM medication_issue
    WHERE issue_date > ${m12} AND issue_date <= ${a} GROUP BY person_id`,
  );
  step(
    "eFI deficits",
    `CREATE TABLE ref_efi_deficits AS
    SELECT e.person_id, count(DISTINCT d.deficit) AS n
    FROM gp_event AS e
    JOIN codelist_code AS cc ON cc.code = e.code
    JOIN (VALUES ${efi.map((s) => `(${q(s.id)}, ${s.deficit})`).join(", ")}) AS d(codelist_id, deficit) ON d.codelist_id = cc.codelist_id
    WHERE e.coding_system = 'snomedct' AND e.event_date <= ${a}
    GROUP BY e.person_id`,
  );
  step(
    "HFRS",
    `CREATE TABLE ref_hfrs AS
    SELECT c.person_id, floor(CAST(sum(h.points) AS FLOAT8) * 10 + 0.5) / 10 AS score FROM (
      SELECT DISTINCT x.person_id, substr(x.code, 1, 3) AS code3 FROM hospital_diagnosis AS x
      JOIN hospital_spell AS s ON s.spell_id = x.spell_id
      WHERE s.admission_date > ${m24} AND s.admission_date <= ${a}) AS c
    JOIN (VALUES ${[...HFRS_POINTS].map(([c, p]) => `(${q(c)}, ${p.toFixed(1)})`).join(", ")}) AS h(code3, points) ON h.code3 = c.code3
    GROUP BY c.person_id`,
  );
  const prefixes = CHARLSON_QUAN.flatMap((d) =>
    d.prefixes.map((p) => `(${q(d.domain)}, ${q(p)}, ${d.weight})`),
  );
  const weight = new Map(CHARLSON_QUAN.map((d) => [d.domain, d.weight]));
  const hierarchy = CHARLSON_HIERARCHY.map(
    ([severe, mild]) =>
      ` - CASE WHEN bool_or(domain = ${q(severe)}) AND bool_or(domain = ${q(mild)}) THEN ${weight.get(mild) ?? 0} ELSE 0 END`,
  ).join("");
  step(
    "Charlson",
    `CREATE TABLE ref_charlson AS
    SELECT person_id, CAST(sum(w)${hierarchy} AS INTEGER) AS score FROM (
      SELECT DISTINCT x.person_id, m.domain, m.w FROM hospital_diagnosis AS x
      JOIN hospital_spell AS s ON s.spell_id = x.spell_id
      JOIN (VALUES ${prefixes.join(", ")}) AS m(domain, prefix, w)
        ON substr(m.prefix, 1, 3) = substr(x.code, 1, 3) AND (length(m.prefix) = 3 OR substr(x.code, 1, 4) = m.prefix)
      WHERE s.admission_date <= ${a}) AS d
    GROUP BY person_id`,
  );
  const efiValue = `CAST(coalesce(ed.n, 0) + CASE WHEN coalesce(md.n, 0) >= ${POLYPHARMACY_MIN_MEDICINES} THEN 1 ELSE 0 END AS FLOAT8) / ${EFI_DEFICIT_COUNT}`;
  // QRISK3 / QDiabetes inputs (ages 25–84), hand-written; the equations are the published
  // formulas, so the reference evaluates them with the SQL Bevan generates from the same
  // coefficients (see CONTEXT.md).
  const gm = (Object.keys(CLINICAL_CODELISTS) as ClinicalCodelistKey[]).filter((k) =>
    CLINICAL_CODELISTS[k].id.startsWith("gm-sde/"),
  );
  step(
    "recent clinical codes",
    `CREATE TABLE ref_recent AS
    SELECT e.person_id, cc.codelist_id, e.event_date AS day, e.value FROM gp_event AS e
    JOIN codelist_code AS cc ON cc.code = e.code AND cc.codelist_id IN (${gm.map(C).join(", ")})
    JOIN codelist AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = e.coding_system
    WHERE e.event_date > ${m60} AND e.event_date <= ${a}
    UNION ALL
    SELECT m.person_id, cc.codelist_id, m.issue_date, NULL FROM medication_issue AS m
    JOIN codelist_code AS cc ON cc.code = m.code
      AND cc.codelist_id IN (${C("statins")}, ${C("antihypertensives")}, ${C("antipsychotics")}, ${C("corticosteroids")})
    JOIN codelist AS cl ON cl.codelist_id = cc.codelist_id AND cl.coding_system = m.coding_system
    WHERE m.issue_date > ${m12} AND m.issue_date <= ${a}`,
  );
  const latest = (k: ClinicalCodelistKey, since: string) =>
    `max(CASE WHEN codelist_id = ${C(k)} AND rn = 1 AND day > ${since} THEN value END)`;
  const flag = (k: ClinicalCodelistKey, since?: string) =>
    `bool_or(codelist_id = ${C(k)}${since ? ` AND day > ${since}` : ""})`;
  const lastDay = (k: ClinicalCodelistKey) => `max(CASE WHEN codelist_id = ${C(k)} THEN day END)`;
  step(
    "score inputs",
    `CREATE TABLE ref_score_inputs AS
    SELECT b.person_id, b.age, p.sex, p.ethnicity_code, r.af, r.ckd, r.smi, r.ra, r.ld, r.cvd, r.hyp, r.diabetes,
      v.sle, v.gdm, v.pcos, v.antipsychotics, v.corticosteroids, v.antihypertensives, v.statins,
      v.smoke_current, v.smoke_ex, v.smoke_never, v.bmi, v.sbp, v.chol_ratio, v.hba1c, v.sbp_sd, l.townsend
    FROM ref_person_base AS b
    JOIN person AS p ON p.person_id = b.person_id
    LEFT JOIN lsoa AS l ON l.lsoa_code = p.lsoa_code
    LEFT JOIN (SELECT person_id, bool_or(register = 'AF') AS af, bool_or(register = 'CKD') AS ckd,
        bool_or(register = 'MH') AS smi, bool_or(register = 'RA') AS ra, bool_or(register = 'LD') AS ld,
        bool_or(register IN ('CHD', 'STIA', 'PAD')) AS cvd, bool_or(register = 'HYP') AS hyp,
        max(subtype) AS diabetes
      FROM ref_register GROUP BY person_id) AS r ON r.person_id = b.person_id
    LEFT JOIN (SELECT person_id, ${flag("sle")} AS sle, ${flag("gestationalDiabetes")} AS gdm, ${flag("pcos")} AS pcos,
        ${flag("antipsychotics", m6)} AS antipsychotics, ${flag("corticosteroids", m6)} AS corticosteroids,
        ${flag("antihypertensives", m6)} AS antihypertensives, ${flag("statins", m6)} AS statins,
        ${lastDay("smokingCurrent")} AS smoke_current, ${lastDay("smokingEx")} AS smoke_ex, ${lastDay("smokingNever")} AS smoke_never,
        ${latest("bmi", m60)} AS bmi, ${latest("sbp", m60)} AS sbp, ${latest("cholHdlRatio", m60)} AS chol_ratio,
        ${latest("hba1c", m24)} AS hba1c,
        stddev_samp(CASE WHEN codelist_id = ${C("sbp")} THEN value END) AS sbp_sd
      FROM (SELECT person_id, codelist_id, day, value,
          row_number() OVER (PARTITION BY person_id, codelist_id ORDER BY value IS NULL, day DESC, value DESC) AS rn
        FROM ref_recent) AS x
      GROUP BY person_id) AS v ON v.person_id = b.person_id
    WHERE b.registered AND b.age BETWEEN 25 AND 84`,
  );
  // The record as the equations' generator reads it: smoking status from the latest of the
  // three smoking codes (current on a tie with ex or never, ex on a tie with never).
  step(
    "risk equations",
    `CREATE TABLE ref_risk_scores AS
    ${riskScoresSql(
      PORTABLE_DOUBLES,
      `SELECT person_id, age, sex, ethnicity_code, af, ckd, smi, ra, ld, cvd, hyp AS hypertension, diabetes, sle, gdm,
        pcos, antipsychotics, corticosteroids, antihypertensives, statins, bmi, sbp, sbp_sd, chol_ratio, hba1c, townsend,
        CASE
          WHEN smoke_current IS NOT NULL AND (smoke_ex IS NULL OR smoke_current >= smoke_ex)
            AND (smoke_never IS NULL OR smoke_current >= smoke_never) THEN 'current'
          WHEN smoke_ex IS NOT NULL AND (smoke_never IS NULL OR smoke_ex >= smoke_never) THEN 'ex'
          WHEN smoke_never IS NOT NULL THEN 'never'
        END AS smoking
      FROM ref_score_inputs`,
    )}`,
  );
  step(
    "person scores",
    `CREATE TABLE ref_person_clinical AS
    SELECT b.person_id, CAST(coalesce(mm.n, 0) AS INTEGER) AS condition_count,
      e.efi,
      CASE WHEN e.efi IS NULL THEN NULL WHEN e.efi <= 0.12 THEN 'fit' WHEN e.efi <= 0.24 THEN 'mild' WHEN e.efi <= 0.36 THEN 'moderate' ELSE 'severe' END AS efi_band,
      h.hfrs,
      CASE WHEN h.hfrs IS NULL THEN NULL WHEN h.hfrs < 5 THEN 'low' WHEN h.hfrs <= 15 THEN 'intermediate' ELSE 'high' END AS hfrs_band,
      CASE WHEN b.age >= 18 THEN coalesce(ch.score, 0) END AS charlson,
      rs.qrisk3_10y_percent, rs.qrisk3_imputed, rs.qdiabetes_10y_percent, rs.qdiabetes_model
    FROM ref_person_base AS b
    LEFT JOIN (SELECT person_id, count(*) AS n FROM ref_register
      WHERE register NOT IN (${MULTIMORBIDITY_EXCLUDED.map(q).join(", ")}) GROUP BY person_id) AS mm ON mm.person_id = b.person_id
    LEFT JOIN (SELECT b2.person_id, ${efiValue} AS efi FROM ref_person_base AS b2
      LEFT JOIN ref_efi_deficits AS ed ON ed.person_id = b2.person_id
      LEFT JOIN ref_meds12 AS md ON md.person_id = b2.person_id
      WHERE b2.registered AND b2.age >= 65) AS e ON e.person_id = b.person_id
    LEFT JOIN (SELECT b3.person_id, coalesce(hf.score, 0) AS hfrs FROM ref_person_base AS b3
      LEFT JOIN ref_hfrs AS hf ON hf.person_id = b3.person_id WHERE b3.age >= 75) AS h ON h.person_id = b.person_id
    LEFT JOIN ref_charlson AS ch ON ch.person_id = b.person_id
    LEFT JOIN ref_risk_scores AS rs ON rs.person_id = b.person_id
    WHERE b.registered`,
  );

  steps.push(...careAndAuditSteps(asOf));
  return steps;
}
