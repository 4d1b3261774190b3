// Codes the generator writes: real dm+d medicines, SNOMED CT observables and findings,
// ICD-10 diagnoses and OPCS-4 procedures, as found in shared/data/codelists (tests check that).
import type { RegisterCode } from "@bevan/domain";

export interface Medicine {
  readonly code: string;
  readonly name: string;
  /** Quantity per issue (56-day supply for tablets; one device for inhalers). */
  readonly quantity: number;
}

const med = (code: string, name: string, quantity = 56): Medicine => ({ code, name, quantity });

export const MEDICINES = {
  amlodipine: med("37075711000001101", "Amlodipine 5mg tablets"),
  ramipril: med("1304911000001107", "Ramipril 5mg capsules"),
  losartan: med("1234911000001107", "Losartan 50mg tablets"),
  indapamide: med("1170911000001102", "Indapamide 2.5mg tablets"),
  metformin: med("1306211000001108", "Metformin 500mg tablets", 112),
  gliclazide: med("10378111000001100", "Gliclazide 80mg tablets", 112),
  empagliflozin: med("25290511000001101", "Empagliflozin 10mg tablets"),
  sitagliptin: med("11473611000001104", "Sitagliptin 100mg tablets"),
  insulinAspart: med(
    "10543211000001104",
    "NovoRapid FlexPen 100units/ml solution for injection 3ml pre-filled pens",
    5,
  ),
  atorvastatin20: med("1271511000001104", "Atorvastatin 20mg tablets"),
  atorvastatin80: med("1161411000001107", "Atorvastatin 80mg tablets"),
  aspirin: med("1113811000001107", "Aspirin 75mg dispersible tablets"),
  clopidogrel: med("1005311000001106", "Clopidogrel 75mg tablets"),
  bisoprolol: med("1205111000001103", "Bisoprolol 2.5mg tablets"),
  apixaban: med("21677411000001106", "Apixaban 5mg tablets", 112),
  edoxaban: med("29902611000001108", "Edoxaban 60mg tablets"),
  warfarin: med("1119211000001108", "Warfarin 1mg tablets", 112),
  furosemide: med("1127411000001105", "Furosemide 40mg tablets"),
  spironolactone: med("1042111000001105", "Spironolactone 25mg tablets"),
  salbutamol: med("320139002", "Salbutamol 100micrograms/dose inhaler CFC free", 1),
  beclometasone: med("320537007", "Beclometasone 100micrograms/dose inhaler", 1),
  beclometasoneFormoterol: med(
    "12911011000001100",
    "Beclometasone 100micrograms/dose / Formoterol 6micrograms/dose inhaler CFC free",
    1,
  ),
  tiotropium: med(
    "33596311000001107",
    "Tiotropium bromide 10microgram inhalation powder capsules with device",
    1,
  ),
  tiotropiumOlodaterol: med(
    "37692511000001100",
    "Tiotropium bromide 2.5micrograms/dose / Olodaterol 2.5micrograms/dose inhalation solution cartridge CFC free",
    1,
  ),
  trelegy: med(
    "34955111000001103",
    "Generic Trelegy Ellipta 92micrograms/dose / 55micrograms/dose / 22micrograms/dose dry powder inhaler",
    1,
  ),
  sertraline: med("10295311000001108", "Sertraline 50mg tablets"),
  citalopram: med("10394411000001109", "Citalopram 20mg tablets"),
  mirtazapine: med("10302211000001104", "Mirtazapine 15mg tablets"),
  olanzapine: med("1321711000001101", "Olanzapine 10mg tablets"),
  aripiprazole: med("28345711000001107", "Aripiprazole 10mg tablets"),
  quetiapine: med("1125711000001105", "Quetiapine 25mg tablets"),
  risperidone: med("1073211000001109", "Risperidone 1mg tablets"),
  lithium: med("1269111000001100", "Lithium carbonate 400mg modified-release tablets"),
  clozapine: med("10122111000001109", "Clozapine 100mg tablets", 112),
  donepezil: med("1254611000001100", "Donepezil 10mg tablets"),
  memantine: med("14064511000001106", "Memantine 10mg tablets"),
  levetiracetam: med("1058311000001107", "Levetiracetam 500mg tablets", 112),
  lamotrigine: med("2928611000001106", "Lamotrigine 100mg tablets"),
  valproate: med("1027211000001104", "Sodium valproate 200mg gastro-resistant tablets", 112),
  alendronate: med("1273311000001106", "Alendronic acid 70mg tablets", 8),
  methotrexate: med("11925811000001104", "Methotrexate 2.5mg tablets", 24),
  prednisolone: med("10410111000001103", "Prednisolone 5mg tablets"),
  morphine: med("3162811000001106", "Morphine sulfate 10mg/5ml oral solution", 300),
  omeprazole: med("1068411000001105", "Omeprazole 20mg gastro-resistant capsules"),
  paracetamol: med("1023411000001107", "Paracetamol 500mg tablets", 200),
  levothyroxine: med("1036911000001108", "Levothyroxine sodium 50microgram tablets"),
} as const satisfies Record<string, Medicine>;

export type MedicineKey = keyof typeof MEDICINES;

/** Treatment of a diagnosed condition: each option is started with its probability. */
export const TREATMENTS: Partial<Record<RegisterCode, readonly (readonly [MedicineKey, number])[]>> = {
  HYP: [
    ["amlodipine", 0.5],
    ["ramipril", 0.35],
    ["losartan", 0.2],
    ["indapamide", 0.15],
  ],
  CHD: [
    ["atorvastatin80", 0.85],
    ["aspirin", 0.7],
    ["bisoprolol", 0.5],
  ],
  STIA: [
    ["atorvastatin80", 0.8],
    ["clopidogrel", 0.7],
  ],
  PAD: [
    ["atorvastatin20", 0.7],
    ["clopidogrel", 0.5],
  ],
  AF: [
    ["apixaban", 0.6],
    ["edoxaban", 0.15],
    ["warfarin", 0.05],
    ["bisoprolol", 0.5],
  ],
  HF: [
    ["furosemide", 0.8],
    ["bisoprolol", 0.7],
    ["ramipril", 0.6],
    ["spironolactone", 0.35],
  ],
  DEP: [
    ["sertraline", 0.35],
    ["citalopram", 0.2],
    ["mirtazapine", 0.12],
  ],
  DEM: [
    ["donepezil", 0.5],
    ["memantine", 0.2],
  ],
  EP: [
    ["levetiracetam", 0.5],
    ["lamotrigine", 0.3],
    ["valproate", 0.2],
  ],
  OST: [["alendronate", 0.7]],
  RA: [
    ["methotrexate", 0.6],
    ["prednisolone", 0.2],
  ],
  PC: [["morphine", 0.6]],
};

/** SNOMED CT observables and findings for GP-recorded measurements. */
export const OBSERVATIONS = {
  hba1c: { code: "999791000000106", unit: "mmol/mol" },
  systolic: { code: "72313002", unit: "mm[Hg]" },
  diastolic: { code: "271650006", unit: "mm[Hg]" },
  cholesterol: { code: "1005671000000105", unit: "mmol/L" },
  egfr: { code: "1011481000000105", unit: "mL/min/1.73m2" },
  bmi: { code: "60621009", unit: "kg/m2" },
} as const;

export const SMOKING_CODES = { never: "266919005", ex: "160617001", current: "77176002" } as const;
export const DIABETES_RESOLVED = "315051004";
/** "Resolved" codes (QOF resolved refsets; diabetes: PRIMIS DMRES) by condition. */
export const RESOLVED_CODES: Partial<Record<RegisterCode, string>> = {
  DM: DIABETES_RESOLVED,
  HYP: "162659009",
  COPD: "941201000000103",
  CKD: "939211000000104",
  EP: "162658001",
  HF: "521691000000100",
};
/** The diabetes care processes not covered by OBSERVATIONS (GM-SDE code sets). */
export const DIABETES_CARE_CODES = {
  /** Urine albumin:creatinine ratio (mg/mmol). */
  uacr: { code: "1023491000000104", unit: "mg/mmol" },
  footExamination: "401191002",
  footScreen: "367011000000100",
  retinalScreening: "134395001",
} as const;
export const SMI_REMISSION = "4926007";
export const DIABETES_TYPE1 = "46635009";
export const CARE_HOME_RESIDENT = "160734000";
export const FRAILTY_CODES = {
  mild: "925791000000100",
  moderate: "925831000000107",
  severe: "925861000000102",
} as const;

/** Reasons for an emergency admission not tied to a long-term condition (ICD-10, no dot). */
export const GENERAL_EMERGENCY_DIAGNOSES: readonly (readonly [string, number])[] = [
  ["J189", 0.12], // pneumonia
  ["N390", 0.1], // urinary tract infection
  ["R074", 0.1], // chest pain
  ["R104", 0.1], // abdominal pain
  ["S7200", 0.05], // fractured neck of femur
  ["L039", 0.05], // cellulitis
  ["R55X", 0.06], // syncope
  ["A419", 0.05], // sepsis
  ["A099", 0.06], // gastroenteritis
  ["S060", 0.04], // concussion
  ["K529", 0.05], // colitis
  ["R296", 0.06], // falls
  ["J22X", 0.1], // lower respiratory infection
  ["T391", 0.02], // paracetamol poisoning
  ["K359", 0.04], // appendicitis
];

/** Emergency admission diagnoses caused by a long-term condition. */
export const CONDITION_EMERGENCY_DIAGNOSES: Partial<Record<RegisterCode, string>> = {
  COPD: "J441",
  HF: "I500",
  AF: "I48X",
  AST: "J459",
  CHD: "I214",
  STIA: "I639",
  DM: "E110",
  CKD: "N179",
  DEM: "F051",
  EP: "G403",
  MH: "F209",
};

/** Elective procedures: OPCS-4 code, the ICD-10 diagnosis that goes with it, its weight and minimum age. */
export const ELECTIVE_PROCEDURES: readonly {
  opcs: string;
  icd10: string;
  weight: number;
  minAge: number;
  specialty: string;
}[] = [
  { opcs: "C751", icd10: "H259", weight: 0.18, minAge: 55, specialty: "Ophthalmology" },
  { opcs: "W371", icd10: "M169", weight: 0.06, minAge: 55, specialty: "Trauma and orthopaedics" },
  { opcs: "W401", icd10: "M179", weight: 0.07, minAge: 55, specialty: "Trauma and orthopaedics" },
  { opcs: "H229", icd10: "K635", weight: 0.14, minAge: 40, specialty: "Gastroenterology" },
  { opcs: "G451", icd10: "K219", weight: 0.14, minAge: 30, specialty: "Gastroenterology" },
  { opcs: "M459", icd10: "R31X", weight: 0.07, minAge: 40, specialty: "Urology" },
  { opcs: "T201", icd10: "K409", weight: 0.06, minAge: 20, specialty: "General surgery" },
  { opcs: "J183", icd10: "K802", weight: 0.06, minAge: 20, specialty: "General surgery" },
  { opcs: "F341", icd10: "J350", weight: 0.04, minAge: 2, specialty: "Ear, nose and throat" },
  { opcs: "Q073", icd10: "N920", weight: 0.05, minAge: 25, specialty: "Gynaecology" },
  { opcs: "S062", icd10: "D229", weight: 0.13, minAge: 18, specialty: "Dermatology" },
];

export const OUTPATIENT_SPECIALTIES: readonly string[] = [
  "General medicine",
  "Cardiology",
  "Respiratory medicine",
  "Diabetic medicine",
  "Ophthalmology",
  "Trauma and orthopaedics",
  "General surgery",
  "Gynaecology",
  "Dermatology",
  "Ear, nose and throat",
  "Paediatrics",
  "Rheumatology",
  "Clinical oncology",
  "Gastroenterology",
  "Urology",
];

export const COMMUNITY_SERVICES: readonly string[] = [
  "District nursing",
  "Community physiotherapy",
  "Podiatry",
  "Community matron",
  "Falls service",
  "Occupational therapy",
];
