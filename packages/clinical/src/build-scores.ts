// Fills person_clinical at the as-of date: multimorbidity count, eFI, HFRS, Charlson (counted
// in SQL, scored by the pure functions in ./scores) and QRISK3 / QDiabetes from each person's
// latest recorded values. Needs `_person_base`, `register` and the clinical codelists; leaves
// `_clin`, `_latest` and `_days` for the diabetes care processes (the caller drops them).
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
import { type CharlsonDomain, charlsonScoreOf } from "./scores/charlson.ts";
import { CHARLSON_QUAN } from "./scores/charlson-map.ts";
import { efiOfCount } from "./scores/efi.ts";
import { hfrsBand } from "./scores/hfrs.ts";
import { HFRS_POINTS } from "./scores/hfrs-points.ts";
import { qdiabetes } from "./scores/qdiabetes.ts";
import { qrisk3 } from "./scores/qrisk3.ts";
import { qdiabetesFromRecord, qrisk3FromRecord, type RecordedFeatures } from "./scores/risk-inputs.ts";

/** Registers that are conditions for the multimorbidity count (not NDH, a risk state, nor PC, a care status). */
export const MULTIMORBIDITY_EXCLUDED = ["NDH", "PC"] as const;

interface Scores {
  conditions: number;
  efi: number | null;
  efiBand: string | null;
  hfrs: number | null;
  charlson: number | null;
  qrisk3: number | null;
  qrisk3Imputed: string | null;
  qdiabetes: number | null;
  qdiabetesModel: string | null;
}

export async function buildPersonClinical(
  wh: Warehouse,
  asOf: string,
  efiSources: readonly EfiDeficitSource[],
): Promise<void> {
  const d = wh.dialect;
  const a = d.dateLiteral(asOf);
  const people = new Map<bigint, Scores>();
  const base = await wh.columns(
    `SELECT b.person_id, b.age, CAST(coalesce(c.n, 0) AS INTEGER) AS conditions
      FROM _person_base AS b
      LEFT JOIN (SELECT person_id, count(*) AS n FROM register
        WHERE register NOT IN (${MULTIMORBIDITY_EXCLUDED.map((r) => `'${r}'`).join(", ")}) GROUP BY person_id) AS c
        ON c.person_id = b.person_id
      WHERE b.registered`,
  );
  const age = new Map<bigint, number>();
  const ids = base.person_id as bigint[];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as bigint;
    age.set(id, base.age?.[i] as number);
    people.set(id, {
      conditions: base.conditions?.[i] as number,
      efi: null,
      efiBand: null,
      hfrs: null,
      charlson: null,
      qrisk3: null,
      qrisk3Imputed: null,
      qdiabetes: null,
      qdiabetesModel: null,
    });
  }

  // eFI, aged 65+: coded deficits ever recorded, and distinct medicines issued in 12 months.
  const deficitValues = efiSources.map((s) => `(${d.stringLiteral(s.id)}, ${s.deficit})`).join(", ");
  const efiRows = await wh.columns(
    `SELECT b.person_id,
        (SELECT CAST(count(DISTINCT x.deficit) AS INTEGER) FROM gp_event AS e
          JOIN codelist_code AS cc ON cc.code = e.code
          JOIN (VALUES ${deficitValues}) AS x(codelist_id, deficit) ON x.codelist_id = cc.codelist_id
          WHERE e.person_id = b.person_id AND e.coding_system = 'snomedct' AND e.event_date <= ${a}) AS deficits,
        (SELECT CAST(count(DISTINCT m.code) AS INTEGER) FROM medication_issue AS m WHERE m.person_id = b.person_id
          AND m.issue_date <= ${a} AND m.issue_date > ${d.addMonths(a, -12)}) AS medicines
      FROM _person_base AS b WHERE b.registered AND b.age >= 65`,
  );
  const efiIds = efiRows.person_id as bigint[];
  for (let i = 0; i < efiIds.length; i++) {
    const s = people.get(efiIds[i] as bigint);
    if (!s) continue;
    const e = efiOfCount(efiRows.deficits?.[i] as number, efiRows.medicines?.[i] as number);
    s.efi = e.value;
    s.efiBand = e.band ?? null;
  }

  // HFRS, aged 75+: distinct three-character codes of spells admitted in the 2 years to the as-of date.
  const points = [...HFRS_POINTS].map(([code, p]) => `(${d.stringLiteral(code)}, ${p})`).join(", ");
  const hfrsRows = await wh.columns(
    `SELECT c.person_id, CAST(sum(h.points) AS DOUBLE) AS score FROM (
        SELECT DISTINCT x.person_id, substr(x.code, 1, 3) AS code3 FROM hospital_diagnosis AS x
        JOIN hospital_spell AS s ON s.spell_id = x.spell_id
        WHERE s.admission_date <= ${a} AND s.admission_date > ${d.addMonths(a, -24)}) AS c
      JOIN (VALUES ${points}) AS h(code3, points) ON h.code3 = c.code3
      GROUP BY c.person_id`,
  );
  const hfrsOf = new Map(
    (hfrsRows.person_id as bigint[]).map((id, i) => [id, Math.round(Number(hfrsRows.score?.[i]) * 10) / 10]),
  );
  for (const [id, s] of people) {
    if ((age.get(id) ?? 0) >= 75) s.hfrs = hfrsOf.get(id) ?? 0;
  }

  // Charlson, aged 18+: domains of every hospital diagnosis up to the as-of date (prefixes of 3 or 4 characters).
  // Prefixes are 3 or 4 characters: one equi-join per length keeps this a hash join.
  const byLength = (n: number) =>
    CHARLSON_QUAN.flatMap((dm) =>
      dm.prefixes
        .filter((p) => p.length === n)
        .map((p) => `(${d.stringLiteral(dm.domain)}, ${d.stringLiteral(p)})`),
    ).join(", ");
  const domainSql = (n: number) => `SELECT x.person_id, m.domain FROM hospital_diagnosis AS x
      JOIN hospital_spell AS s ON s.spell_id = x.spell_id
      JOIN (VALUES ${byLength(n)}) AS m(domain, prefix) ON substr(x.code, 1, ${n}) = m.prefix
      WHERE s.admission_date <= ${a}`;
  if (CHARLSON_QUAN.some((dm) => dm.prefixes.some((p) => p.length !== 3 && p.length !== 4)))
    throw new Error("Charlson prefixes must be 3 or 4 characters long");
  const domainRows = await wh.columns(
    `SELECT DISTINCT person_id, domain FROM (${domainSql(3)} UNION ALL ${domainSql(4)}) AS u`,
  );
  const domains = new Map<bigint, Set<CharlsonDomain>>();
  const domainIds = domainRows.person_id as bigint[];
  for (let i = 0; i < domainIds.length; i++) {
    const id = domainIds[i] as bigint;
    let set = domains.get(id);
    if (!set) {
      set = new Set();
      domains.set(id, set);
    }
    set.add(domainRows.domain?.[i] as CharlsonDomain);
  }
  for (const [id, s] of people) {
    if ((age.get(id) ?? 0) >= 18) s.charlson = charlsonScoreOf(domains.get(id) ?? new Set());
  }

  // QRISK3 and QDiabetes, aged 25–84.
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _clin AS ${clinicalEventsSql(d, asOf)}`);
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _latest AS ${latestValuesSql()}`);
  await wh.exec(`CREATE OR REPLACE TEMP TABLE _days AS ${latestDaysSql()}`);
  const features = await wh.columns(riskFeaturesSql(d, asOf));
  const featureIds = features.person_id as bigint[];
  for (let i = 0; i < featureIds.length; i++) {
    const s = people.get(featureIds[i] as bigint);
    if (!s) continue;
    const f = toFeatures(features, i);
    const q = qrisk3FromRecord(f);
    if (q) {
      s.qrisk3 = qrisk3(q.input).value;
      s.qrisk3Imputed = q.imputed.join(",");
    }
    const qd = qdiabetesFromRecord(f);
    if (qd) {
      s.qdiabetes = qdiabetes(qd.model, qd.input).value;
      s.qdiabetesModel = qd.model;
    }
  }

  await wh.exec(`DELETE FROM ${personClinical.name}`);
  const app = await wh.appender(personClinical.name);
  const dbl = (v: number | null) => (v === null ? app.appendNull() : app.appendDouble(v));
  const str = (v: string | null) => (v === null ? app.appendNull() : app.appendVarchar(v));
  for (const [id, s] of people) {
    app.appendBigInt(id);
    app.appendInteger(s.conditions);
    dbl(s.efi);
    str(s.efiBand);
    dbl(s.hfrs);
    str(s.hfrs === null ? null : hfrsBand(s.hfrs));
    if (s.charlson === null) app.appendNull();
    else app.appendInteger(s.charlson);
    dbl(s.qrisk3);
    str(s.qrisk3Imputed);
    dbl(s.qdiabetes);
    str(s.qdiabetesModel);
    app.endRow();
  }
  app.closeSync();
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
