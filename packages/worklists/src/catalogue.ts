// The worklists: patient lists to act on, as data in one place. Each is a cohort in the
// cohort language (cohorts/<id>.json, runnable as it is with `bevan cohort run`) plus what a
// practice needs to act on it: who it is for, what to do, and names for the values that put
// each person on it. Care coordination adds its actions (caseload, dismiss, recall) by id.
import { readFileSync } from "node:fs";
import { type CohortDefinition, validateCohort } from "@bevan/query";

export const WORKLIST_CATEGORIES = {
  safety: "Medicines safety",
  "care-gap": "Care gaps",
  "end-of-life": "End of life",
  prevention: "Prevention",
} as const;
export type WorklistCategory = keyof typeof WORKLIST_CATEGORIES;

export interface Worklist {
  readonly id: string;
  /** Bumped when the definition's meaning changes. */
  readonly version: number;
  readonly category: WorklistCategory;
  readonly title: string;
  /** Why the list matters, in a sentence a GP partner would read. */
  readonly why: string;
  /** What to do for each person on it. */
  readonly action: string;
  /** Where the definition comes from (audit, QOF rule, model). */
  readonly basis: string;
  /** Names for the reason columns, by the criterion's JSON Pointer in the definition. */
  readonly reasonLabels: Readonly<Record<string, string>>;
  readonly cohort: CohortDefinition;
}

type Entry = Omit<Worklist, "cohort">;

const ENTRIES: readonly Entry[] = [
  {
    id: "inhaler-duplication",
    version: 1,
    category: "safety",
    title: "Inhaler ingredient duplication",
    why: "Two inhalers with the same ingredient class (an inhaled corticosteroid, a LABA or a LAMA) issued together: double dosing and side effects often missed, even at respiratory reviews.",
    action:
      "Review the inhaler regimen: stop the duplicate product, check technique and update the repeat template.",
    basis: "Medicines-safety audit inhaler-duplication v1 (dm+d inhaler lists; 183 days)",
    reasonLabels: {
      "/criteria/of/0": "Inhaled corticosteroid products (183 days)",
      "/criteria/of/1": "LABA-containing products (183 days)",
      "/criteria/of/2": "LAMA-containing products (183 days)",
    },
  },
  {
    id: "clozapine-secondary-care-only",
    version: 1,
    category: "safety",
    title: "Clozapine from the mental-health trust, not in the GP record",
    why: "Clozapine prescribed by the trust but absent from the GP record: missed interactions, missed side effects (neutropenia, constipation, myocarditis) and unsafe transfers of care.",
    action:
      "Add clozapine to the GP record as a hospital-issued medicine and set the practice's clozapine alert.",
    basis: "Medicines-safety audit secondary-care-medicine-not-in-gp-record v1 (GM-SDE clozapine set)",
    reasonLabels: { "/criteria/of/0": "Clozapine issued by the trust (365 days)" },
  },
  {
    id: "elderly-diabetes-deprescribing",
    version: 1,
    category: "safety",
    title: "Elderly people with well-controlled diabetes on many medicines",
    why: "Tight glucose control with polypharmacy in later life risks hypoglycaemia and falls.",
    action: "Structured medication review: consider relaxing glucose targets and deprescribing.",
    basis: "Medicines-safety audit elderly-diabetes-deprescribing v1",
    reasonLabels: {
      "/criteria/of/1": "On the diabetes register",
      "/criteria/of/2": "Latest HbA1c (365 days)",
      "/criteria/of/3": "Different medicines (365 days)",
    },
  },
  {
    id: "end-of-life-not-palliative",
    version: 1,
    category: "end-of-life",
    title: "Possibly in the last year of life, not on the palliative care register",
    why: "People the mortality model places in the top 1% of risk with no palliative care record: they may benefit from an advance care plan.",
    action:
      "Clinical review: would you be surprised if this person died in the next year? If not, discuss an advance care plan and add them to the palliative care register.",
    basis: "Bevan's 12-month mortality model (top 1% of predicted risk), validated out of time",
    reasonLabels: { "/criteria/of/0": "Risk of dying in the next 12 months" },
  },
  {
    id: "diabetes-hba1c-above-target",
    version: 1,
    category: "care-gap",
    title: "Diabetes: HbA1c above 58 mmol/mol or not measured",
    why: "Glycaemic control outside the QOF target, or not known, in the last 12 months.",
    action: "Invite for an HbA1c test and a diabetes review; consider treatment intensification.",
    basis: "QOF-style diabetes target (as diabetes_care.hba1c_target)",
    reasonLabels: { "/criteria/of/0": "On the diabetes register" },
  },
  {
    id: "diabetes-no-statin",
    version: 1,
    category: "care-gap",
    title: "Diabetes: no statin issued in 12 months",
    why: "People with diabetes without a statin in the last year, one of the three treatment targets.",
    action:
      "Offer a statin for cardiovascular prevention unless contraindicated or declined; record the reason.",
    basis: "QOF-style diabetes treatment target (as diabetes_care.statin)",
    reasonLabels: { "/criteria/of/0": "On the diabetes register" },
  },
  {
    id: "diabetes-care-processes-missing",
    version: 1,
    category: "care-gap",
    title: "Diabetes: care processes missing",
    why: "At least one of the diabetes care processes (HbA1c, blood pressure, cholesterol, kidney function, urine albumin, BMI, smoking) not recorded in the last 12 months.",
    action: "Book an annual diabetes review covering the missing processes.",
    basis: "NICE diabetes care processes (as diabetes_care; foot surveillance has no codelist in the data)",
    reasonLabels: { "/criteria/of/0": "On the diabetes register" },
  },
  {
    id: "high-risk-type-2-diabetes",
    version: 1,
    category: "prevention",
    title: "At high risk of type 2 diabetes",
    why: "A QDiabetes-2018 10-year risk of 10% or more and no diabetes diagnosis.",
    action:
      "Offer an HbA1c or fasting glucose test if none in the last year, and a referral to the NHS Diabetes Prevention Programme.",
    basis: "QDiabetes-2018 (© ClinRisk Ltd), scored by the build from the GP record",
    reasonLabels: { "/criteria/of/1": "QDiabetes 10-year risk" },
  },
];

function load(id: string): CohortDefinition {
  const text = readFileSync(new URL(`../cohorts/${id}.json`, import.meta.url), "utf8");
  return validateCohort(JSON.parse(text));
}

export const WORKLISTS: readonly Worklist[] = ENTRIES.map((e) => ({ ...e, cohort: load(e.id) }));

export function worklist(id: string): Worklist | undefined {
  return WORKLISTS.find((w) => w.id === id);
}
