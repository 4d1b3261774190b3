// Bridges to Health segmentation (Lynn et al., Milbank Q 2007;85:185-208): eight segments by
// need, assigned in order of precedence from the features at the index date, and the main
// long-term condition group, which together with the segment makes a needs profile.

export interface SegmentRule {
  readonly id: string;
  readonly label: string;
  /** The rule in words (docs/risk-stratification.md and the data dictionary). */
  readonly rule: string;
  /** SQL condition over the feature table's columns. */
  readonly sql: string;
}

/** In order of precedence: a person is in the first segment whose rule they meet. */
export const SEGMENTS: readonly SegmentRule[] = [
  {
    id: "short_decline",
    label: "Short period of decline before dying",
    rule: "On the palliative care register, or on the cancer register with an emergency admission in the last 12 months.",
    sql: "register_pc = 1 OR (register_can = 1 AND emergency_admissions_12m > 0)",
  },
  {
    id: "frailty_dementia",
    label: "Long decline with frailty or dementia",
    rule: "On the dementia register, or living in a care home, or a moderate/severe frailty code in the last 12 months, or aged 65+ with 2 or more eFI symptom deficits coded in the last 12 months.",
    sql: "register_dem = 1 OR care_home = 1 OR frailty_moderate_severe_12m = 1 OR (age_decades >= 1.5 AND efi_deficits_12m >= 2)",
  },
  {
    id: "organ_failure",
    label: "Limited reserve and exacerbations (organ failure)",
    rule: "On the heart failure or COPD register, or on the CKD register with a latest eGFR below 45.",
    sql: "register_hf = 1 OR register_copd = 1 OR (register_ckd = 1 AND egfr_below_45 = 1)",
  },
  {
    id: "disability",
    label: "Stable but serious disability",
    rule: "On the learning disability register, or under 65 with a blue badge or council social care.",
    sql: "register_ld = 1 OR (age_decades < 1.5 AND (blue_badge = 1 OR social_care = 1))",
  },
  {
    id: "maternal_infant",
    label: "Maternal and infant health",
    rule: "Aged under 1, or a maternity admission (a delivery) in the last 12 months.",
    sql: "age_0 = 1 OR maternity_12m > 0",
  },
  {
    id: "chronic",
    label: "Chronic conditions with normal function",
    rule: "On at least one long-term-condition register (see the multimorbidity feature).",
    sql: "multimorbidity >= 1",
  },
  {
    id: "acutely_ill",
    label: "Acutely ill",
    rule: "An emergency admission or an A&E attendance in the last 12 months.",
    sql: "emergency_admissions_12m > 0 OR ae_attendances_12m > 0",
  },
  { id: "healthy", label: "Healthy", rule: "None of the above.", sql: "TRUE" },
];

export const CONDITION_GROUPS: Readonly<Record<string, readonly string[]>> = {
  cardiovascular: ["chd", "hf", "af", "hyp", "stia", "pad"],
  respiratory: ["ast", "copd"],
  metabolic_renal: ["dm", "ckd"],
  mental_health: ["mh", "dep"],
  neurological: ["dem", "ep"],
  cancer: ["can"],
  musculoskeletal: ["ost", "ra"],
};

export const CONDITION_GROUP_NAMES: readonly string[] = [
  ...Object.keys(CONDITION_GROUPS),
  "multiple",
  "none",
];

/** The index into SEGMENTS of the first segment whose rule holds. */
export function segmentIndexSql(): string {
  return `CASE ${SEGMENTS.map((s, i) => `WHEN ${s.sql} THEN ${i}`).join(" ")} END`;
}

/** The index into CONDITION_GROUP_NAMES: one group, 'multiple' (two or more) or 'none'. */
export function conditionGroupIndexSql(): string {
  const groups = Object.entries(CONDITION_GROUPS);
  const has = groups.map(([, regs]) => `(${regs.map((r) => `register_${r}`).join(" + ")} > 0)`);
  const count = has.map((c) => `CASE WHEN ${c} THEN 1 ELSE 0 END`).join(" + ");
  return `CASE WHEN ${count} = 0 THEN ${groups.length + 1} WHEN ${count} > 1 THEN ${groups.length} ${has
    .map((c, i) => `WHEN ${c} THEN ${i}`)
    .join(" ")} END`;
}
