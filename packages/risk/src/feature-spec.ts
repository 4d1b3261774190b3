// The risk-model feature specification: what each feature is, how far back it looks, and
// the SQL that computes it for a person at an index date. docs/risk-stratification.md is the
// prose version; the expressions below read the joins built in feature-sql.ts:
//   b: the person at the index date (age, registered)  p: person  l: lsoa
//   hs: hospital spells  ae: A&E  op: outpatients  cc: community contacts  mi: medicines
//   fx: eFI symptom deficits  gp: GP flags and latest biomarkers  sc: social care  rg: registers
import { REGISTER_CODES, REGISTER_NAMES, type RegisterCode } from "@bevan/domain";

export type FeatureGroup =
  | "demography"
  | "deprivation"
  | "conditions"
  | "frailty"
  | "hospital use"
  | "primary care"
  | "social care";

/** The source tables a feature's history comes from: each has its own first date (the data start). */
export type DataSource =
  | "hospital_spell"
  | "ae_attendance"
  | "outpatient_attendance"
  | "community_contact"
  | "medication_issue"
  | "gp_event"
  | "social_care_service";

/** Each source's date column, for its first date in the warehouse. */
export const SOURCE_DATES: Readonly<Record<DataSource, string>> = {
  hospital_spell: "admission_date",
  ae_attendance: "arrival_date",
  outpatient_attendance: "appointment_date",
  community_contact: "contact_date",
  medication_issue: "issue_date",
  gp_event: "event_date",
  social_care_service: "start_date",
};

export interface FeatureSpec {
  readonly name: string;
  readonly description: string;
  readonly group: FeatureGroup;
  /** How many months of history before the index date the feature reads (0: status at the date). */
  readonly lookbackMonths: number;
  /** Where that history comes from (features with a lookback): each must cover the whole window. */
  readonly sources: readonly DataSource[];
  /** SQL expression (numeric, never null) over the feature joins. */
  readonly sql: string;
}

const AGE_BANDS: readonly (readonly [string, number, number])[] = [
  ["age_0", 0, 0],
  ["age_1_4", 1, 4],
  ["age_5_15", 5, 15],
  ["age_16_29", 16, 29],
  // 30–44 is the reference band.
  ["age_45_59", 45, 59],
  ["age_60_69", 60, 69],
  ["age_70_79", 70, 79],
  ["age_80_89", 80, 89],
  ["age_90_plus", 90, 200],
];

const n = (expr: string) => `coalesce(${expr}, 0)`;
const flag = (cond: string) => `CASE WHEN ${cond} THEN 1 ELSE 0 END`;

function window(
  alias: string,
  label: string,
  what: string,
  months: readonly number[],
  group: FeatureGroup,
  source: DataSource,
): FeatureSpec[] {
  return months.map((m) => ({
    name: `${label}_${m}m`,
    description: `${what} in the ${m} months before the index date.`,
    group,
    lookbackMonths: m,
    sources: [source],
    sql: n(`${alias}.${label}_${m}m`),
  }));
}

/** Registers counted towards multimorbidity: long-term conditions (not LD, PC or NDH). */
export const MULTIMORBIDITY_REGISTERS: readonly RegisterCode[] = REGISTER_CODES.filter(
  (r) => r !== "LD" && r !== "PC" && r !== "NDH",
);

export const FEATURES: readonly FeatureSpec[] = [
  ...AGE_BANDS.map(([name, lo, hi]) => ({
    name,
    description: hi >= 200 ? `Aged ${lo} or over.` : lo === hi ? `Aged ${lo}.` : `Aged ${lo} to ${hi}.`,
    group: "demography" as const,
    lookbackMonths: 0,
    sources: [],
    sql: flag(`b.age BETWEEN ${lo} AND ${hi}`),
  })),
  {
    name: "age_decades",
    description: "Age in decades from 50 (a linear term alongside the bands).",
    group: "demography",
    lookbackMonths: 0,
    sources: [],
    sql: "(b.age - 50) / 10.0",
  },
  {
    name: "female",
    description: "Recorded sex female.",
    group: "demography",
    lookbackMonths: 0,
    sources: [],
    sql: flag("p.sex = 'F'"),
  },
  {
    name: "deprivation",
    description: "IMD 2025 decile rescaled: 0 least deprived, 1 most deprived (0.5 when unknown).",
    group: "deprivation",
    lookbackMonths: 0,
    sources: [],
    sql: "coalesce((10 - l.imd_decile) / 9.0, 0.5)",
  },
  {
    name: "imd_unknown",
    description: "No IMD decile (no LSOA recorded).",
    group: "deprivation",
    lookbackMonths: 0,
    sources: [],
    sql: flag("l.imd_decile IS NULL"),
  },
  ...REGISTER_CODES.map((r) => ({
    name: `register_${r.toLowerCase()}`,
    description: `On the ${REGISTER_NAMES[r]} register at the index date (QOF-style rule).`,
    group: "conditions" as const,
    lookbackMonths: 0,
    sources: [],
    sql: n(`rg.r_${r.toLowerCase()}`),
  })),
  {
    name: "multimorbidity",
    description: `Number of long-term-condition registers (${MULTIMORBIDITY_REGISTERS.join(", ")}).`,
    group: "conditions",
    lookbackMonths: 0,
    sources: [],
    sql: n("rg.multimorbidity"),
  },
  {
    name: "efi_deficits_12m",
    description:
      "Distinct eFI symptom deficits (Clegg 2016 symptom and sign sets, GM-SDE codes) coded in the 12 months before the index date: a frailty proxy.",
    group: "frailty",
    lookbackMonths: 12,
    sources: ["gp_event"],
    sql: n("fx.deficits"),
  },
  {
    name: "frailty_moderate_severe_12m",
    description: "A moderate or severe frailty code in the 12 months before the index date.",
    group: "frailty",
    lookbackMonths: 12,
    sources: ["gp_event"],
    sql: n("gp.frailty_ms"),
  },
  ...window(
    "hs",
    "emergency_admissions",
    "Emergency admissions",
    [3, 6, 12, 24],
    "hospital use",
    "hospital_spell",
  ),
  {
    name: "emergency_bed_days_12m",
    description: "Nights in hospital after emergency admissions in the 12 months before the index date.",
    group: "hospital use",
    lookbackMonths: 12,
    sources: ["hospital_spell"],
    sql: n("hs.emergency_bed_days_12m"),
  },
  ...window("hs", "elective_admissions", "Elective admissions", [12, 24], "hospital use", "hospital_spell"),
  ...window("ae", "ae_attendances", "A&E attendances", [3, 6, 12, 24], "hospital use", "ae_attendance"),
  ...window(
    "op",
    "outpatient_attendances",
    "Outpatient appointments attended",
    [3, 6, 12, 24],
    "hospital use",
    "outpatient_attendance",
  ),
  {
    name: "outpatient_dna_12m",
    description: "Outpatient appointments not attended in the 12 months before the index date.",
    group: "hospital use",
    lookbackMonths: 12,
    sources: ["outpatient_attendance"],
    sql: n("op.dna_12m"),
  },
  {
    name: "community_contacts_12m",
    description: "Community health service contacts in the 12 months before the index date.",
    group: "hospital use",
    lookbackMonths: 12,
    sources: ["community_contact"],
    sql: n("cc.contacts_12m"),
  },
  {
    name: "medicines_12m",
    description: "Distinct medicines (dm+d codes) issued in the 12 months before the index date.",
    group: "primary care",
    lookbackMonths: 12,
    sources: ["medication_issue"],
    sql: n("mi.medicines"),
  },
  {
    name: "polypharmacy_10",
    description: "Ten or more distinct medicines issued in the 12 months before the index date.",
    group: "primary care",
    lookbackMonths: 12,
    sources: ["medication_issue"],
    sql: flag("mi.medicines >= 10"),
  },
  {
    name: "hba1c_58_plus",
    description: "Latest HbA1c in the 12 months before the index date is 58 mmol/mol or more.",
    group: "primary care",
    lookbackMonths: 12,
    sources: ["gp_event"],
    sql: flag("gp.hba1c >= 58"),
  },
  {
    name: "systolic_160_plus",
    description: "Latest systolic blood pressure in the 12 months before the index date is 160 mmHg or more.",
    group: "primary care",
    lookbackMonths: 12,
    sources: ["gp_event"],
    sql: flag("gp.systolic >= 160"),
  },
  {
    name: "egfr_below_45",
    description: "Latest eGFR in the 12 months before the index date is below 45 mL/min/1.73m².",
    group: "primary care",
    lookbackMonths: 12,
    sources: ["gp_event"],
    sql: flag("gp.egfr < 45"),
  },
  {
    name: "bmi_35_plus",
    description: "Latest BMI in the 12 months before the index date is 35 kg/m² or more.",
    group: "primary care",
    lookbackMonths: 12,
    sources: ["gp_event"],
    sql: flag("gp.bmi >= 35"),
  },
  {
    name: "bmi_below_18_5",
    description: "Latest BMI in the 12 months before the index date is below 18.5 kg/m².",
    group: "primary care",
    lookbackMonths: 12,
    sources: ["gp_event"],
    sql: flag("gp.bmi < 18.5"),
  },
  {
    name: "current_smoker",
    description: "Latest smoking status code on or before the index date is current smoker.",
    group: "primary care",
    lookbackMonths: 0,
    sources: [],
    sql: n("gp.current_smoker"),
  },
  {
    name: "care_home",
    description:
      "Lives in a care home: residential or nursing care active at the index date, or a care-home resident code in the previous 12 months.",
    group: "social care",
    lookbackMonths: 12,
    sources: ["social_care_service", "gp_event"],
    sql: flag("sc.care_home = 1 OR gp.care_home_code = 1"),
  },
  {
    name: "social_care",
    description: "Home care, reablement or meals from the council active at the index date.",
    group: "social care",
    lookbackMonths: 0,
    sources: [],
    sql: n("sc.social_care"),
  },
  {
    name: "assisted_bin_collection",
    description: "Assisted bin collection active at the index date (a council signal of pre-frailty).",
    group: "social care",
    lookbackMonths: 0,
    sources: [],
    sql: n("sc.bin"),
  },
  {
    name: "blue_badge",
    description: "Blue badge held at the index date.",
    group: "social care",
    lookbackMonths: 0,
    sources: [],
    sql: n("sc.blue_badge"),
  },
];

export const FEATURE_NAMES: readonly string[] = FEATURES.map((f) => f.name);
