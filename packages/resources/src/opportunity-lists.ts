// The code lists behind the opportunity analysis, with their sources. ICD-10 and OPCS-4 codes
// are prefixes without dots (the warehouse stores codes without dots): "J45" matches J45.0 …
// J45.9 and "E100" matches E10.0 only.

export interface CodedCondition {
  readonly name: string;
  /** ICD-10 primary-diagnosis prefixes. */
  readonly diagnoses: readonly string[];
  /** Counted only with one of these ICD-10 prefixes among the secondary diagnoses. */
  readonly withSecondary?: readonly string[];
}

export const ACSC_SOURCE = {
  name: "NHS Outcomes Framework indicator 2.3.i, unplanned hospitalisation for chronic ambulatory care sensitive conditions (NHS Digital indicator specification)",
  url: "https://digital.nhs.uk/data-and-information/publications/statistical/nhs-outcomes-framework/february-2021/domain-2-enhancing-quality-of-life-for-people-with-long-term-conditions-nof/2.3.i-unplanned-hospitalisation-for-chronic-ambulatory-care-sensitive-conditions",
  note: "Emergency admissions with one of these primary diagnoses. The specification also leaves out angina, heart-failure and hypertension admissions with certain cardiac procedures; that exclusion is not applied here.",
} as const;

const range = (letter: string, from: number, to: number, width = 2) =>
  Array.from({ length: to - from + 1 }, (_, k) => `${letter}${String(from + k).padStart(width, "0")}`);

/** Chronic ambulatory care sensitive conditions (NHS OF 2.3.i). */
export const CHRONIC_ACSC: readonly CodedCondition[] = [
  { name: "Angina", diagnoses: ["I20", "I240", "I248", "I249", "I25", "Z034"] },
  { name: "Asthma", diagnoses: ["J45", "J46"] },
  { name: "Congestive heart failure", diagnoses: ["I110", "I50", "J81"] },
  { name: "Convulsions and epilepsy", diagnoses: ["G40", "G41", "R56", "O15"] },
  { name: "Chronic obstructive pulmonary disease", diagnoses: ["J41", "J42", "J43", "J44", "J47"] },
  {
    name: "Acute bronchitis with COPD",
    diagnoses: ["J20"],
    withSecondary: ["J41", "J42", "J43", "J44", "J47"],
  },
  { name: "Dementia", diagnoses: ["F00", "F01", "F02", "F03", "G30"] },
  {
    name: "Diabetes complications",
    diagnoses: ["E10", "E11", "E12", "E13", "E14"].flatMap((e) => range(e, 0, 8, 1)),
  },
  { name: "Hypertension", diagnoses: ["I10", "I119"] },
  { name: "Iron deficiency anaemia", diagnoses: ["D501", "D508", "D509"] },
  { name: "Atrial fibrillation and flutter", diagnoses: ["I48"] },
  { name: "Chronic viral hepatitis B", diagnoses: ["B180", "B181"] },
];

export interface EbiIntervention {
  readonly name: string;
  /** OPCS-4 prefixes of the main procedure. */
  readonly procedures: readonly string[];
  /** ICD-10 primary-diagnosis prefixes the intervention is judged against (any when absent). */
  readonly diagnoses?: readonly string[];
  /** Programme list: 1 (2019) or 2 (2020). */
  readonly list: 1 | 2;
}

export const EBI_SOURCE = {
  name: "Evidence-Based Interventions programme (NHS England and the Academy of Medical Royal Colleges), lists 1 and 2",
  url: "https://www.aomrc.org.uk/ebi/clinician/",
  note: "Elective procedures that should be offered only when clinical criteria are met: counts here are procedures to review against the criteria, not all inappropriate. Coding is simplified from the programme's specifications to the main procedure and primary diagnosis.",
} as const;

export const EBI_INTERVENTIONS: readonly EbiIntervention[] = [
  {
    name: "Tonsillectomy for recurrent tonsillitis",
    procedures: ["F34"],
    diagnoses: ["J03", "J35"],
    list: 1,
  },
  { name: "Grommets for glue ear in children", procedures: ["D151"], diagnoses: ["H65", "H66"], list: 1 },
  {
    name: "Removal of benign skin lesions",
    procedures: ["S05", "S06", "S08", "S09", "S10", "S11"],
    diagnoses: ["D22", "D23", "L72", "L82", "B07"],
    list: 1,
  },
  {
    name: "Hysterectomy for heavy menstrual bleeding",
    procedures: ["Q07", "Q08"],
    diagnoses: ["N92"],
    list: 1,
  },
  { name: "Haemorrhoid surgery", procedures: ["H51", "H52", "H53"], diagnoses: ["I84", "K64"], list: 1 },
  {
    name: "Knee arthroscopy for osteoarthritis",
    procedures: ["W85", "W87", "W88"],
    diagnoses: ["M17"],
    list: 1,
  },
  { name: "Carpal tunnel syndrome release", procedures: ["A651"], diagnoses: ["G560"], list: 1 },
  { name: "Dupuytren's contracture release", procedures: ["T52", "T54"], diagnoses: ["M720"], list: 1 },
  {
    name: "Varicose vein interventions",
    procedures: ["L84", "L85", "L86", "L87", "L88"],
    diagnoses: ["I83"],
    list: 1,
  },
  { name: "Cholecystectomy", procedures: ["J18"], diagnoses: ["K80", "K81"], list: 2 },
  {
    name: "Repair of minimally symptomatic inguinal hernia",
    procedures: ["T19", "T20"],
    diagnoses: ["K40"],
    list: 2,
  },
  { name: "Upper GI endoscopy", procedures: ["G45"], list: 2 },
  {
    name: "Cataract surgery",
    procedures: ["C71", "C72", "C73", "C74", "C75"],
    diagnoses: ["H25", "H26"],
    list: 2,
  },
];

/** The High Intensity Use programme's threshold: 5 or more A&E attendances in 12 months. */
export const FREQUENT_ATTENDER_THRESHOLD = 5;
export const FREQUENT_ATTENDER_SOURCE = {
  name: "NHS England High Intensity Use programme: people attending A&E 5 or more times a year",
  url: "https://www.england.nhs.uk/high-intensity-use-programme/",
} as const;
