// The QOF-style registers Bevan keeps, named as in QOF.

export const REGISTER_CODES = [
  "AF",
  "AST",
  "CHD",
  "CKD",
  "COPD",
  "DEM",
  "DEP",
  "DM",
  "EP",
  "HF",
  "HYP",
  "LD",
  "MH",
  "OST",
  "PAD",
  "PC",
  "RA",
  "STIA",
  "CAN",
  "NDH",
] as const;

export type RegisterCode = (typeof REGISTER_CODES)[number];

export const REGISTER_NAMES: Readonly<Record<RegisterCode, string>> = {
  AF: "Atrial fibrillation",
  AST: "Asthma",
  CHD: "Coronary heart disease",
  CKD: "Chronic kidney disease (stages 3–5)",
  COPD: "Chronic obstructive pulmonary disease",
  DEM: "Dementia",
  DEP: "Depression",
  DM: "Diabetes mellitus",
  EP: "Epilepsy",
  HF: "Heart failure",
  HYP: "Hypertension",
  LD: "Learning disability",
  MH: "Severe mental illness",
  OST: "Osteoporosis",
  PAD: "Peripheral arterial disease",
  PC: "Palliative care",
  RA: "Rheumatoid arthritis",
  STIA: "Stroke and transient ischaemic attack",
  CAN: "Cancer",
  NDH: "Non-diabetic hyperglycaemia",
};
