// The currencies activity is priced in, and the rules that give each activity row its
// currency: data, so a finance lead can read the whole costing in one place (docs/resources.md
// prints it). A unit-cost table prices currencies; a currency it has no row for is reported
// in cost_gap, never silently dropped.

export const POINTS_OF_DELIVERY = [
  "emergency_admission",
  "elective_day_case",
  "elective_ordinary",
  "maternity",
  "other_admission",
  "ae",
  "outpatient_first",
  "outpatient_follow_up",
  "community",
  "gp",
  "prescribing",
  "social_care",
  "diagnostic_imaging",
] as const;
export type PointOfDelivery = (typeof POINTS_OF_DELIVERY)[number];

export const POD_NAMES: Record<PointOfDelivery, { name: string; activity: string }> = {
  emergency_admission: { name: "Emergency admissions", activity: "spells" },
  elective_day_case: { name: "Elective day cases", activity: "spells" },
  elective_ordinary: { name: "Elective ordinary admissions", activity: "spells" },
  maternity: { name: "Maternity admissions", activity: "spells" },
  other_admission: { name: "Other admissions (transfers, method not known)", activity: "spells" },
  ae: { name: "A&E attendances", activity: "attendances" },
  outpatient_first: { name: "Outpatient first attendances", activity: "attendances" },
  outpatient_follow_up: { name: "Outpatient follow-ups", activity: "attendances" },
  community: { name: "Community health contacts", activity: "contacts" },
  gp: { name: "GP contacts", activity: "contact days" },
  prescribing: { name: "Prescribing", activity: "items" },
  social_care: { name: "Social care", activity: "episodes" },
  diagnostic_imaging: { name: "Direct-access imaging (GP-requested)", activity: "tests" },
};

/**
 * Specialty groups of emergency admissions, by ICD-10 primary diagnosis (the HRG chapters the
 * default unit costs come from). First match wins; anything else is general medicine.
 */
export const EMERGENCY_SPECIALTIES: readonly {
  code: string;
  name: string;
  /** ICD-10 prefixes, without dots. */
  prefixes: readonly string[];
}[] = [
  { code: "RESP", name: "Respiratory medicine", prefixes: ["J"] },
  {
    code: "CARD",
    name: "Cardiology",
    prefixes: [
      "I0",
      "I1",
      "I2",
      "I3",
      "I40",
      "I41",
      "I42",
      "I43",
      "I44",
      "I45",
      "I46",
      "I47",
      "I48",
      "I49",
      "I50",
      "I51",
      "I52",
      "R07",
      "R55",
    ],
  },
  { code: "NEUR", name: "Neurology and stroke", prefixes: ["G", "I6", "S06", "R56"] },
  { code: "GAST", name: "Gastroenterology", prefixes: ["K", "A0", "R10", "R11"] },
];

export const GENERAL_MEDICINE = { code: "GEN", name: "General medicine" } as const;

/** Community services by name (as the community extract records them) → currency. */
export const COMMUNITY_CURRENCIES: Readonly<Record<string, string>> = {
  "District nursing": "CHS-DN",
  "Community matron": "CHS-MATRON",
  "Community physiotherapy": "CHS-PHYSIO",
  "Occupational therapy": "CHS-OT",
  Podiatry: "CHS-PODIATRY",
  "Falls service": "CHS-FALLS",
};

/** Social care services → currency priced per week. Council services that are not care (blue badge, assisted bin collection) are not spend. */
export const SOCIAL_CARE_CURRENCIES: Readonly<Record<string, string>> = {
  residential_care: "SC-RES-WEEK",
  nursing_care: "SC-NURS-WEEK",
  home_care: "SC-HOME-WEEK",
  reablement: "SC-REABLE-WEEK",
  meals: "SC-MEALS-WEEK",
};

export const IMAGING_MODALITIES = ["CR", "US", "CT", "MR", "BMD", "RF", "DXA", "NM"] as const;

/** Every currency the rules can produce (besides RX:<code>), with its point of delivery. */
export function currencyCatalogue(): Map<string, PointOfDelivery> {
  const m = new Map<string, PointOfDelivery>();
  for (const s of [...EMERGENCY_SPECIALTIES, GENERAL_MEDICINE])
    for (const band of ["SS", "LS"]) m.set(`NEL-${s.code}-${band}`, "emergency_admission");
  m.set("EL-DC", "elective_day_case");
  m.set("EL-IP", "elective_ordinary");
  m.set("MAT-SPELL", "maternity");
  m.set("APC-OTHER", "other_admission");
  m.set("AE-T1", "ae");
  m.set("AE-T3", "ae");
  m.set("OP-FIRST", "outpatient_first");
  m.set("OP-FUP", "outpatient_follow_up");
  for (const c of [...Object.values(COMMUNITY_CURRENCIES), "CHS-OTHER"]) m.set(c, "community");
  m.set("GP-CONS", "gp");
  for (const c of Object.values(SOCIAL_CARE_CURRENCIES)) m.set(c, "social_care");
  for (const mod of IMAGING_MODALITIES) m.set(`DI-${mod}`, "diagnostic_imaging");
  return m;
}

/** The point of delivery of a currency, or null if the rules never produce it. */
export function podOfCurrency(currency: string): PointOfDelivery | null {
  if (/^RX:[0-9]{6,20}$/.test(currency)) return "prescribing";
  return currencyCatalogue().get(currency) ?? null;
}
