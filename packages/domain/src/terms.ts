// Words for codes, so screens show "Pneumonia, unspecified" rather than J189. SNOMED CT terms
// come from the codelists in the warehouse (`codelist_code.term`) and dm+d names from the
// medicine issues themselves; ICD-10 and OPCS-4 have no codelist here, so this module holds
// the titles of the codes Bevan's extracts carry (ICD-10 5th edition as used in England, with
// its X padding; OPCS-4.10), and the three-character category titles as a fallback. A
// deployment that loads the full classifications (NHS England TRUD) extends these tables.
// Also: readable names for the risk models' factors, tiers, segments and score bands.
import { REGISTER_NAMES, type RegisterCode } from "./registers.ts";

/** ICD-10 titles by code (four characters, X-padded, or five for fifth-character codes). */
export const ICD10_TERMS: Readonly<Record<string, string>> = Object.freeze({
  A099: "Gastroenteritis and colitis of unspecified origin",
  A419: "Sepsis, unspecified",
  C189: "Malignant neoplasm of colon, unspecified",
  C349: "Malignant neoplasm of bronchus or lung, unspecified",
  C509: "Malignant neoplasm of breast, unspecified",
  C61X: "Malignant neoplasm of prostate",
  D229: "Melanocytic naevi, unspecified",
  E109: "Type 1 diabetes mellitus without complications",
  E110: "Type 2 diabetes mellitus with coma",
  E119: "Type 2 diabetes mellitus without complications",
  F03X: "Unspecified dementia",
  F051: "Delirium superimposed on dementia",
  F209: "Schizophrenia, unspecified",
  F329: "Depressive episode, unspecified",
  F799: "Unspecified learning disability",
  G403: "Generalised idiopathic epilepsy and epileptic syndromes",
  G409: "Epilepsy, unspecified",
  H259: "Senile cataract, unspecified",
  I10X: "Essential (primary) hypertension",
  I214: "Acute subendocardial myocardial infarction",
  I219: "Acute myocardial infarction, unspecified",
  I251: "Atherosclerotic heart disease",
  I489: "Atrial fibrillation and atrial flutter, unspecified",
  I48X: "Atrial fibrillation and flutter",
  I500: "Congestive heart failure",
  I639: "Cerebral infarction, unspecified",
  I64X: "Stroke, not specified as haemorrhage or infarction",
  I739: "Peripheral vascular disease, unspecified",
  J189: "Pneumonia, unspecified",
  J22X: "Unspecified acute lower respiratory infection",
  J350: "Chronic tonsillitis",
  J441: "Chronic obstructive pulmonary disease with acute exacerbation",
  J449: "Chronic obstructive pulmonary disease, unspecified",
  J459: "Asthma, unspecified",
  K219: "Gastro-oesophageal reflux disease without oesophagitis",
  K359: "Acute appendicitis, unspecified",
  K409: "Inguinal hernia, without obstruction or gangrene",
  K529: "Non-infective gastroenteritis and colitis, unspecified",
  K635: "Polyp of colon",
  K802: "Calculus of gallbladder without cholecystitis",
  L039: "Cellulitis, unspecified",
  M069: "Rheumatoid arthritis, unspecified",
  M169: "Osteoarthritis of hip, unspecified",
  M179: "Osteoarthritis of knee, unspecified",
  M819: "Osteoporosis, unspecified",
  N179: "Acute kidney injury, unspecified",
  N183: "Chronic kidney disease, stage 3",
  N184: "Chronic kidney disease, stage 4",
  N185: "Chronic kidney disease, stage 5",
  N390: "Urinary tract infection, site not specified",
  N920: "Excessive and frequent menstruation with regular cycle",
  R074: "Chest pain, unspecified",
  R104: "Other and unspecified abdominal pain",
  R296: "Tendency to fall",
  R31X: "Unspecified haematuria",
  R55X: "Syncope and collapse",
  R69X: "Unknown and unspecified causes of morbidity",
  R739: "Hyperglycaemia, unspecified",
  S060: "Concussion",
  S7200: "Fracture of neck of femur, closed",
  T391: "Poisoning by paracetamol (4-aminophenol derivatives)",
  Z515: "Palliative care",
});

/** ICD-10 three-character category titles, for codes without a title of their own. */
export const ICD10_CATEGORIES: Readonly<Record<string, string>> = Object.freeze({
  A09: "Gastroenteritis and colitis",
  A41: "Sepsis",
  C18: "Malignant neoplasm of colon",
  C34: "Malignant neoplasm of bronchus and lung",
  C50: "Malignant neoplasm of breast",
  C61: "Malignant neoplasm of prostate",
  E10: "Type 1 diabetes mellitus",
  E11: "Type 2 diabetes mellitus",
  F03: "Unspecified dementia",
  F20: "Schizophrenia",
  F32: "Depressive episode",
  G40: "Epilepsy",
  I10: "Essential (primary) hypertension",
  I21: "Acute myocardial infarction",
  I25: "Chronic ischaemic heart disease",
  I48: "Atrial fibrillation and flutter",
  I50: "Heart failure",
  I63: "Cerebral infarction",
  I64: "Stroke, not specified as haemorrhage or infarction",
  J18: "Pneumonia, organism unspecified",
  J44: "Other chronic obstructive pulmonary disease",
  J45: "Asthma",
  N17: "Acute kidney injury",
  N18: "Chronic kidney disease",
  N39: "Other disorders of urinary system",
  O80: "Single spontaneous delivery",
  O81: "Single delivery by forceps and vacuum extractor",
  O82: "Single delivery by caesarean section",
  S72: "Fracture of femur",
});

/** OPCS-4 titles by code (four characters, no point). */
export const OPCS4_TERMS: Readonly<Record<string, string>> = Object.freeze({
  C751: "Insertion of prosthetic replacement for lens (cataract surgery)",
  F341: "Bilateral dissection tonsillectomy",
  G451: "Upper gastrointestinal endoscopy with biopsy",
  H229: "Diagnostic endoscopic examination of colon (colonoscopy)",
  J183: "Total cholecystectomy",
  M459: "Diagnostic endoscopic examination of bladder (cystoscopy)",
  Q073: "Abdominal hysterectomy",
  R179: "Elective caesarean delivery, unspecified",
  R189: "Other caesarean delivery, unspecified",
  R219: "Forceps cephalic delivery, unspecified",
  R249: "Normal delivery, unspecified",
  S062: "Excision of lesion of skin",
  T201: "Primary repair of inguinal hernia using mesh",
  W371: "Primary total hip replacement using cement",
  W401: "Primary total knee replacement using cement",
});

const clean = (code: string) => code.replace(/[.\s]/g, "").toUpperCase();

/** The ICD-10 title of a code (its category's when the code has none of its own), or null. */
export function icd10Term(code: string): string | null {
  const c = clean(code);
  return ICD10_TERMS[c] ?? ICD10_TERMS[c.slice(0, 4)] ?? ICD10_CATEGORIES[c.slice(0, 3)] ?? null;
}

/** The OPCS-4 title of a code, or null. */
export function opcs4Term(code: string): string | null {
  return OPCS4_TERMS[clean(code)] ?? null;
}

/** Emergency-admission risk tiers as people say them. */
export const RISK_TIER_NAMES: Readonly<Record<string, string>> = Object.freeze({
  very_high: "Very high",
  high: "High",
  moderate: "Moderate",
  low: "Low",
});

/** Electronic Frailty Index bands (Clegg et al. 2016) and Hospital Frailty Risk Score bands. */
export const FRAILTY_BAND_NAMES: Readonly<Record<string, string>> = Object.freeze({
  fit: "Fit",
  mild: "Mild frailty",
  moderate: "Moderate frailty",
  severe: "Severe frailty",
  low: "Low risk",
  intermediate: "Intermediate risk",
  high: "High risk",
});

const AGE_FACTOR = /^age_(\d+)_(\d+|plus)$/;
const WINDOW_FACTOR = /^([a-z_]+)_(\d+)m$/;
const WINDOW_WORDS: Readonly<Record<string, string>> = {
  emergency_admissions: "Emergency admissions",
  elective_admissions: "Planned (elective) admissions",
  emergency_bed_days: "Days in hospital after emergency admission",
  ae_attendances: "A&E attendances",
  outpatient_attendances: "Outpatient appointments attended",
  outpatient_dna: "Outpatient appointments missed",
  community_contacts: "Community health contacts",
  medicines: "Different medicines issued",
  efi_deficits: "Frailty deficits recorded",
  frailty_moderate_severe: "Moderate or severe frailty recorded",
};
const FLAG_FACTORS: Readonly<Record<string, string>> = {
  age_0: "Aged under 1",
  age_decades: "Age (per 10 years)",
  female: "Female",
  deprivation: "Deprivation of home area",
  imd_unknown: "Home area's deprivation not known",
  multimorbidity: "Number of long-term conditions",
  polypharmacy_10: "10 or more medicines",
  hba1c_58_plus: "HbA1c 58 mmol/mol or above",
  systolic_160_plus: "Systolic blood pressure 160 mmHg or above",
  egfr_below_45: "eGFR below 45",
  bmi_35_plus: "BMI 35 or above",
  bmi_below_18_5: "BMI below 18.5",
  current_smoker: "Current smoker",
  care_home: "Lives in a care home",
  social_care: "Receives social care",
  assisted_bin_collection: "Assisted bin collection",
  blue_badge: "Blue Badge holder",
};

/** A risk model's factor (feature name) in words, e.g. emergency_admissions_24m → "Emergency admissions in the last 24 months". */
export function riskFactorLabel(feature: string): string {
  const flag = FLAG_FACTORS[feature];
  if (flag) return flag;
  if (feature.startsWith("register_")) {
    const code = feature.slice(9).toUpperCase() as RegisterCode;
    const name = REGISTER_NAMES[code];
    if (name) return `On the ${name.charAt(0).toLowerCase()}${name.slice(1)} register`;
  }
  const age = AGE_FACTOR.exec(feature);
  if (age) return age[2] === "plus" ? `Aged ${age[1]} or over` : `Aged ${age[1]}–${age[2]}`;
  const window = WINDOW_FACTOR.exec(feature);
  const words = window ? WINDOW_WORDS[window[1] ?? ""] : undefined;
  if (window && words) return `${words} in the last ${window[2]} months`;
  return feature.replace(/_/g, " ");
}
