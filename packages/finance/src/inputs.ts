// Every input a business case may set, as data: where it sits in the case file, what it is
// called on screen and in the XLSX, its unit, the range a draw is held to, and its neutral
// default (an input left out changes nothing). The schema, the validation, the model, the
// tornado's labels, the web form and the workbook all read this one list.

export type InputUnit = "people" | "share" | "rate" | "pounds" | "days" | "years";

export interface InputSpec {
  /** Path in the case file, e.g. "intervention.uptake". */
  readonly path: string;
  /** What it is called on screen. */
  readonly label: string;
  readonly unit: InputUnit;
  /** Draws are held to [min, max]; a bounded distribution must lie inside it. */
  readonly min: number;
  readonly max: number;
  /** The neutral value when the case leaves the input out; null = required (or from the cohort). */
  readonly neutral: number | null;
  /** Required even when the case names a cohort (the intervention's own inputs). */
  readonly alwaysRequired?: boolean;
  /** Filled from the cohort's data when the case names a cohort and leaves it out. */
  readonly fromCohort?: boolean;
  readonly help: string;
}

const INF = Number.POSITIVE_INFINITY;

export const INPUTS: readonly InputSpec[] = [
  {
    path: "size",
    label: "People in the target cohort",
    unit: "people",
    min: 0,
    max: INF,
    neutral: null,
    fromCohort: true,
    help: "People eligible for the intervention at the start.",
  },
  {
    path: "growth",
    label: "Growth in the cohort a year",
    unit: "share",
    min: -0.9,
    max: 10,
    neutral: 0,
    fromCohort: true,
    help: "Relative change in the number of eligible people each year (0.02 = 2% more a year).",
  },
  {
    path: "baseline.admissionsPerPerson",
    label: "Emergency admissions per person a year",
    unit: "rate",
    min: 0,
    max: INF,
    neutral: null,
    fromCohort: true,
    help: "Expected emergency admissions per person-year without the intervention.",
  },
  {
    path: "baseline.costPerAdmission",
    label: "Cost of an emergency admission",
    unit: "pounds",
    min: 0,
    max: INF,
    neutral: null,
    fromCohort: true,
    help: "Average cost of one emergency admission (£).",
  },
  {
    path: "baseline.bedDaysPerAdmission",
    label: "Bed days per emergency admission",
    unit: "days",
    min: 0,
    max: INF,
    neutral: 0,
    fromCohort: true,
    help: "Average length of stay, to count the bed days avoided (its cost is in the admission's).",
  },
  {
    path: "baseline.aePerPerson",
    label: "A&E attendances per person a year",
    unit: "rate",
    min: 0,
    max: INF,
    neutral: 0,
    fromCohort: true,
    help: "Expected A&E attendances per person-year without the intervention.",
  },
  {
    path: "baseline.costPerAe",
    label: "Cost of an A&E attendance",
    unit: "pounds",
    min: 0,
    max: INF,
    neutral: 0,
    fromCohort: true,
    help: "Average cost of one A&E attendance (£).",
  },
  {
    path: "baseline.outpatientPerPerson",
    label: "Outpatient attendances per person a year",
    unit: "rate",
    min: 0,
    max: INF,
    neutral: 0,
    fromCohort: true,
    help: "Expected outpatient attendances (first and follow-up) per person-year.",
  },
  {
    path: "baseline.costPerOutpatient",
    label: "Cost of an outpatient attendance",
    unit: "pounds",
    min: 0,
    max: INF,
    neutral: 0,
    fromCohort: true,
    help: "Average cost of one outpatient attendance (£).",
  },
  {
    path: "baseline.trend",
    label: "Change in use per person a year without the intervention",
    unit: "share",
    min: -0.9,
    max: 10,
    neutral: 0,
    help: "Relative change in each person's expected use from year to year (0.03 = 3% more a year).",
  },
  {
    path: "intervention.uptake",
    label: "Uptake",
    unit: "share",
    min: 0,
    max: 1,
    neutral: null,
    alwaysRequired: true,
    help: "Share of the eligible people who take part once the service is running fully.",
  },
  {
    path: "intervention.effect",
    label: "Reduction in emergency admissions",
    unit: "share",
    min: -1,
    max: 1,
    neutral: null,
    alwaysRequired: true,
    help: "Relative reduction in emergency admissions among those taking part (0.15 = 15% fewer).",
  },
  {
    path: "intervention.effectOnAe",
    label: "Reduction in A&E attendances",
    unit: "share",
    min: -1,
    max: 1,
    neutral: 0,
    help: "Relative reduction in A&E attendances among those taking part.",
  },
  {
    path: "intervention.effectOnOutpatient",
    label: "Reduction in outpatient attendances",
    unit: "share",
    min: -1,
    max: 1,
    neutral: 0,
    help: "Relative reduction in outpatient attendances among those taking part.",
  },
  {
    path: "intervention.timeToEffect",
    label: "Time to effect",
    unit: "years",
    min: 0,
    max: 30,
    neutral: 0,
    help: "Years from the start before the reduction begins (0.5 = from mid-way through the first year).",
  },
  {
    path: "intervention.rampUpYears",
    label: "Ramp-up",
    unit: "years",
    min: 0,
    max: 30,
    neutral: 0,
    help: "Years for uptake to grow steadily from nothing to its full level (0 = full from the start).",
  },
  {
    path: "intervention.attrition",
    label: "Attrition a year",
    unit: "share",
    min: 0,
    max: 1,
    neutral: 0,
    help: "Share of those taking part who stop each year (they stop costing and benefiting).",
  },
  {
    path: "intervention.costPerPerson",
    label: "Cost per person taking part a year",
    unit: "pounds",
    min: 0,
    max: INF,
    neutral: null,
    alwaysRequired: true,
    help: "The intervention's cost for each person taking part, each year (£).",
  },
  {
    path: "intervention.costPerAdmissionAvoided",
    label: "Cost of the care given instead of an admission",
    unit: "pounds",
    min: 0,
    max: INF,
    neutral: 0,
    help: "For a substitute such as Hospital@Home: the cost of the episode of care given instead of each admission avoided (£).",
  },
  {
    path: "intervention.fixedCostPerYear",
    label: "Fixed cost a year",
    unit: "pounds",
    min: 0,
    max: INF,
    neutral: 0,
    help: "Running costs that do not depend on how many take part (a team's core posts, licences) (£ a year).",
  },
  {
    path: "intervention.setupCost",
    label: "Set-up cost",
    unit: "pounds",
    min: 0,
    max: INF,
    neutral: 0,
    help: "One-off costs in the first year: recruitment, training, equipment, double running (£).",
  },
  {
    path: "optimismBias.costs",
    label: "Optimism bias on costs",
    unit: "share",
    min: 0,
    max: 5,
    neutral: 0,
    help: "HM Treasury Green Book: raise every cost by this share (0.2 = 20%) to correct for optimism.",
  },
  {
    path: "optimismBias.savings",
    label: "Optimism bias on savings",
    unit: "share",
    min: 0,
    max: 1,
    neutral: 0,
    help: "Lower every saving by this share (0.5 = halve them, as Hospital@Home's clinicians did).",
  },
];

export const INPUT_PATHS = INPUTS.map((i) => i.path);

export function inputSpec(path: string): InputSpec {
  const spec = INPUTS.find((i) => i.path === path);
  if (!spec) throw new Error(`unknown input ${path}`);
  return spec;
}
