// Derived tables of clinical scores, diabetes care processes and medicines-safety audits,
// filled by `bevan build` at the as-of date (rules in @bevan/clinical, documented in
// docs/clinical-scores.md).
import { column as c, table } from "./table.ts";

const personId = c("person_id", "person_id", "Pseudonymous person key.");

export const personClinical = table({
  name: "person_clinical",
  layer: "derived",
  description: "Multimorbidity, frailty, comorbidity and risk scores of each registered person.",
  grain: "One row per person registered and alive at the as-of date.",
  source:
    "Derived by `bevan build` from register, gp_event, medication_issue and hospital_diagnosis (scores in @bevan/clinical).",
  knownGaps: [
    "QRISK3 and QDiabetes use the latest recorded values; missing values are imputed as documented in docs/clinical-scores.md and listed per person.",
    "Townsend deprivation is not in the extract: it is imputed at the model's centring value (population mean).",
    "Migraine, erectile dysfunction and family history have no codelist in the shared data: taken as absent.",
    "HFRS and Charlson see only hospital diagnoses in the extract's history (up to 3 years).",
  ],
  primaryKey: ["person_id"],
  columns: [
    personId,
    c(
      "condition_count",
      "integer",
      "Long-term-condition registers the person is on (all registers except NDH and PC).",
    ),
    c("efi", "double", "Electronic Frailty Index (deficits / 36); aged 65+ only.", { nullable: true }),
    c("efi_band", "varchar", "fit, mild, moderate or severe.", { nullable: true }),
    c(
      "hfrs",
      "double",
      "Hospital Frailty Risk Score over the 2 years before the as-of date; aged 75+ only.",
      {
        nullable: true,
      },
    ),
    c("hfrs_band", "varchar", "low (<5), intermediate (5–15) or high (>15).", { nullable: true }),
    c("charlson", "integer", "Charlson index (Quan 2011 weights) from hospital diagnoses; aged 18+.", {
      nullable: true,
    }),
    c(
      "qrisk3_10y_percent",
      "double",
      "QRISK3-2017 10-year CVD risk (%), aged 25–84 without CHD, stroke/TIA or PAD. © ClinRisk Ltd; display with its disclaimer.",
      { nullable: true },
    ),
    c("qrisk3_imputed", "varchar", "Inputs imputed for QRISK3, comma-separated (empty when none).", {
      nullable: true,
    }),
    c(
      "qdiabetes_10y_percent",
      "double",
      "QDiabetes-2018 10-year risk of type 2 diabetes (%), aged 25–84 and not on the diabetes register.",
      { nullable: true },
    ),
    c("qdiabetes_model", "varchar", "A (no blood test) or C (HbA1c in the last 2 years, below 48).", {
      nullable: true,
    }),
  ],
});

export const diabetesCare = table({
  name: "diabetes_care",
  layer: "derived",
  description:
    "The NICE diabetes care processes in the 12 months to the as-of date, and treatment targets, for each person on the diabetes register.",
  grain: "One row per person on the DM register.",
  source: "Derived by `bevan build` from register and gp_event (GM-SDE test and status code sets).",
  knownGaps: [
    "Foot surveillance and retinal screening are read from the diabetic foot examination and retinopathy screening codes of the GM-SDE eFI diabetes set (derived codelists); other local codes are not counted.",
    "Serum creatinine is evidenced by a creatinine or an eGFR result.",
  ],
  primaryKey: ["person_id"],
  columns: [
    personId,
    c("hba1c", "boolean", "HbA1c recorded."),
    c("blood_pressure", "boolean", "Blood pressure recorded."),
    c("cholesterol", "boolean", "Cholesterol recorded."),
    c("serum_creatinine", "boolean", "Serum creatinine (or eGFR) recorded."),
    c("urine_albumin", "boolean", "Urine albumin:creatinine ratio recorded."),
    c("foot_surveillance", "boolean", "Foot examination recorded.", { nullable: true }),
    c("bmi", "boolean", "BMI recorded."),
    c("smoking", "boolean", "Smoking status recorded."),
    c("retinal_screening", "boolean", "Retinal screening recorded (the ninth process).", { nullable: true }),
    c(
      "processes_8",
      "integer",
      "How many of the eight care processes (all but retinal screening) were recorded: HbA1c, blood pressure, cholesterol, serum creatinine, urine albumin, foot surveillance, BMI, smoking.",
    ),
    c("latest_hba1c", "double", "Latest HbA1c in the 12 months (mmol/mol).", { nullable: true }),
    c("latest_sbp", "double", "Systolic of the latest blood pressure in the 12 months.", { nullable: true }),
    c("latest_dbp", "double", "Diastolic of the latest blood pressure in the 12 months.", { nullable: true }),
    c("hba1c_target", "boolean", "Latest HbA1c ≤ 58 mmol/mol (QOF DM target)."),
    c("bp_target", "boolean", "Latest blood pressure ≤ 140/80 mmHg."),
    c("statin", "boolean", "Statin issued in the 12 months."),
    c("all_three_targets", "boolean", "HbA1c and blood pressure targets met and on a statin."),
  ],
});

export const practiceDiabetesCare = table({
  name: "practice_diabetes_care",
  layer: "derived",
  description: "Diabetes care processes and treatment targets per practice.",
  grain: "One row per practice with anyone on the diabetes register.",
  source: "Aggregated from diabetes_care and person_asof by `bevan build`.",
  knownGaps: ["Counts are not suppressed here; suppression is applied where aggregates are shown."],
  primaryKey: ["practice_code"],
  columns: [
    c("practice_code", "varchar", "Practice."),
    c("register_count", "integer", "People on the diabetes register."),
    c("all_8_processes", "integer", "People with all eight care processes recorded."),
    c("hba1c_target", "integer", "People with HbA1c ≤ 58 mmol/mol."),
    c("bp_target", "integer", "People with blood pressure ≤ 140/80 mmHg."),
    c("statin", "integer", "People issued a statin."),
    c("all_three_targets", "integer", "People meeting all three."),
  ],
});

export const safetyAuditFinding = table({
  name: "safety_audit_finding",
  layer: "derived",
  description: "Patients found by each medicines-safety audit at the as-of date (a patient list per audit).",
  grain: "One row per person per audit that finds them.",
  source:
    "Derived by `bevan build` from medication_issue, register and gp_event (audits in @bevan/clinical).",
  knownGaps: ["Issued is not dispensed: an audit finding is a prompt for review, not proof of harm."],
  primaryKey: ["audit_id", "person_id"],
  columns: [
    c("audit_id", "varchar", "Audit name, e.g. inhaler-duplication."),
    c("audit_version", "varchar", "Version of the audit's definition."),
    personId,
    c("detail", "varchar", "What the audit found (classes or medicines), without patient values."),
  ],
});
