// The patient view's one-page snapshot beyond demographics and registers: latest values,
// medicines in the last 12 months, risk scores with their top factors, frailty, diabetes care
// gaps and the safety audits that flag the person. Read through the scoped views only; the
// API audits the read.

import { SAFETY_AUDITS } from "@bevan/clinical";
import { RISK_TIER_NAMES, riskFactorLabel } from "@bevan/domain";
import type { ScopedWarehouse } from "../scope.ts";
import { SEGMENT_LABELS } from "./segments.ts";
import { hasTable } from "./table-exists.ts";

export interface PatientDetails {
  readonly latestValues: readonly {
    code: string;
    term: string | null;
    value: number;
    unit: string | null;
    date: string;
  }[];
  readonly medicines: readonly { code: string; name: string; lastIssued: string; issues12m: number }[];
  readonly risk: {
    readonly admissionRisk: number;
    readonly tier: string;
    readonly tierLabel: string;
    readonly mortalityRisk: number;
    readonly segment: string;
    readonly segmentLabel: string;
    readonly endOfLifeCandidate: boolean;
    readonly factors: readonly {
      model: string;
      rank: number;
      feature: string;
      label: string;
      contribution: number;
    }[];
  } | null;
  readonly frailty: {
    readonly efi: number | null;
    readonly efiBand: string | null;
    readonly hfrs: number | null;
    readonly hfrsBand: string | null;
    readonly conditionCount: number;
  } | null;
  /** Diabetes care processes not recorded in 12 months and targets not met (empty when not on the DM register). */
  readonly careGaps: readonly string[];
  readonly safetyAudits: readonly { audit: string; title: string; detail: string }[];
}

const PROCESSES = [
  ["hba1c", "HbA1c"],
  ["blood_pressure", "blood pressure"],
  ["cholesterol", "cholesterol"],
  ["serum_creatinine", "serum creatinine"],
  ["urine_albumin", "urine albumin"],
  ["foot_surveillance", "foot surveillance"],
  ["bmi", "BMI"],
  ["smoking", "smoking status"],
] as const;

export async function patientDetails(
  sw: ScopedWarehouse,
  personId: bigint,
  asOf: string,
): Promise<PatientDetails> {
  const d = sw.dialect;
  const a = d.dateLiteral(asOf);
  const id = { id: personId };
  const [values, meds, clinical, dm, audits] = await Promise.all([
    sw.json<{ code: string; term: string | null; value: number; unit: string | null; date: string }>(
      `SELECT v.code, (SELECT min(cc.term) FROM codelist_code cc WHERE cc.code = v.code) AS term, v.value, v.unit, v.event_date AS date
       FROM (SELECT g.code, g.value, g.unit, g.event_date,
                    row_number() OVER (PARTITION BY g.code ORDER BY g.event_date DESC, g.value DESC) AS k
             FROM scoped_gp_event g WHERE g.person_id = $id AND g.value IS NOT NULL AND g.event_date <= ${a}) v
       WHERE v.k = 1 ORDER BY v.event_date DESC, v.code LIMIT 30`,
      id,
    ),
    sw.json<{ code: string; name: string; last_issued: string; n: bigint }>(
      `SELECT m.code, max(m.description) AS name, max(m.issue_date) AS last_issued, count(*) AS n
       FROM scoped_medication_issue m
       WHERE m.person_id = $id AND m.issue_date > ${d.addMonths(a, -12)} AND m.issue_date <= ${a}
       GROUP BY 1 ORDER BY 3 DESC, 2`,
      id,
    ),
    sw.all<{
      efi: number | null;
      efi_band: string | null;
      hfrs: number | null;
      hfrs_band: string | null;
      condition_count: number;
    }>(
      "SELECT c.efi, c.efi_band, c.hfrs, c.hfrs_band, c.condition_count FROM scoped_person_clinical c WHERE c.person_id = $id",
      id,
    ),
    sw.all<Record<string, boolean | null>>(
      "SELECT * FROM scoped_diabetes_care c WHERE c.person_id = $id",
      id,
    ),
    sw.all<{ audit_id: string; detail: string }>(
      "SELECT f.audit_id, f.detail FROM scoped_safety_audit_finding f WHERE f.person_id = $id ORDER BY 1",
      id,
    ),
  ]);
  let risk: PatientDetails["risk"] = null;
  if (await hasTable(sw, "person_risk")) {
    const r = (
      await sw.all<{
        admission_risk: number;
        risk_tier: string;
        mortality_risk: number;
        segment: string;
        end_of_life_candidate: boolean;
      }>(
        "SELECT r.admission_risk, r.risk_tier, r.mortality_risk, r.segment, r.end_of_life_candidate FROM scoped_person_risk r WHERE r.person_id = $id",
        id,
      )
    )[0];
    if (r) {
      const factors = await sw.all<{ model: string; rank: number; feature: string; contribution: number }>(
        "SELECT f.model, f.rank, f.feature, f.contribution FROM scoped_person_risk_factor f WHERE f.person_id = $id ORDER BY 1, 2",
        id,
      );
      risk = {
        admissionRisk: r.admission_risk,
        tier: r.risk_tier,
        tierLabel: RISK_TIER_NAMES[r.risk_tier] ?? r.risk_tier,
        mortalityRisk: r.mortality_risk,
        segment: r.segment,
        segmentLabel: SEGMENT_LABELS.find((g) => g.id === r.segment)?.label ?? r.segment,
        endOfLifeCandidate: r.end_of_life_candidate,
        factors: factors.map((f) => ({
          model: f.model,
          rank: Number(f.rank),
          feature: f.feature,
          label: riskFactorLabel(f.feature),
          contribution: f.contribution,
        })),
      };
    }
  }
  const c = clinical[0];
  const care = dm[0];
  const careGaps: string[] = [];
  if (care) {
    for (const [col, label] of PROCESSES)
      if (care[col] === false) careGaps.push(`${label} not recorded in 12 months`);
    if (care.hba1c_target === false) careGaps.push("HbA1c above 58 mmol/mol (or not measured)");
    if (care.bp_target === false) careGaps.push("blood pressure above 140/80 mmHg (or not measured)");
    if (care.statin === false) careGaps.push("no statin issued in 12 months");
  }
  return {
    latestValues: values.map((v) => ({
      code: v.code,
      term: v.term,
      value: v.value,
      unit: v.unit,
      date: v.date,
    })),
    medicines: meds.map((m) => ({
      code: m.code,
      name: m.name,
      lastIssued: m.last_issued,
      issues12m: Number(m.n),
    })),
    risk,
    frailty: c
      ? {
          efi: c.efi,
          efiBand: c.efi_band,
          hfrs: c.hfrs,
          hfrsBand: c.hfrs_band,
          conditionCount: Number(c.condition_count),
        }
      : null,
    careGaps,
    safetyAudits: audits.map((f) => ({
      audit: f.audit_id,
      title: SAFETY_AUDITS.find((a) => a.id === f.audit_id)?.title ?? f.audit_id,
      detail: f.detail,
    })),
  };
}
