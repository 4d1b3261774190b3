// Tables of costed activity and fair shares, written after `bevan build` by @bevan/resources:
// the unit-cost table the build priced activity with, each person's costs per year by point
// of delivery, the audit trail of the repricing, what could not be priced, and the fair-share
// model's expected costs and report. docs/resources.md is the prose version.
import { column as c, type TableDef, table } from "./table.ts";

export const unitCost = table({
  name: "unit_cost",
  layer: "reference",
  description:
    "The unit costs activity was priced with: one row per currency, with its source, price year and basis.",
  grain: "One row per currency (a kind of activity with one price).",
  source:
    "packages/resources/data/unit-costs.csv (National Cost Collection, PSSRU, Drug Tariff and others, each row citing its source), or a local table loaded with `bevan costs load`.",
  knownGaps: [
    "Prices come from different years (price_year); they are not inflated to one year.",
    "Activity whose currency has no row here is not priced: see cost_gap.",
  ],
  primaryKey: ["currency"],
  columns: [
    c("currency", "varchar", "Currency code, e.g. NEL-RESP-LS, OP-FIRST, RX:<dm+d pack code>."),
    c("point_of_delivery", "varchar", "Point of delivery the currency belongs to, e.g. emergency_admission."),
    c("description", "varchar", "What one unit is, in words (for medicines: the dm+d name)."),
    c("unit", "varchar", "The unit priced: spell, attendance, contact, week, tablet, …"),
    c("cost", "double", "Pounds per unit."),
    c("price_year", "varchar", "The year the price belongs to, e.g. 2023/24."),
    c(
      "basis",
      "varchar",
      "published (a figure as published), derived (worked out from published figures) or assumption.",
    ),
    c("source", "varchar", "Where the figure comes from."),
    c("reference", "varchar", "The table, currency code or working behind the figure."),
    c("url", "varchar", "Where to check it."),
    c("origin", "varchar", "default (the repository's table) or local (a table loaded by the user)."),
  ],
});

export const unitCostLocal = table({
  ...unitCost,
  name: "unit_cost_local",
  description:
    "A unit-cost table the user loaded (`bevan costs load FILE`): used by every build instead of the repository's table until reset.",
  source: "The user's CSV, validated at load (same columns as unit_cost).",
  knownGaps: [],
});

export const personCost = table({
  name: "person_cost",
  layer: "derived",
  description: "Each person's activity and cost in each costing year, by point of delivery.",
  grain: "One row per person per costing year per point of delivery with priced activity.",
  source:
    "Activity tables priced with unit_cost by `bevan build` (rules in packages/resources/src/currencies.ts); years end at the build's as-of date.",
  knownGaps: [
    "Only priced activity is counted; cost_gap lists the rest.",
    "GP contacts are days with entries in the GP record by the practice, a proxy for consultations.",
  ],
  primaryKey: ["person_id", "year", "point_of_delivery"],
  columns: [
    c("person_id", "person_id", "Pseudonymous person key."),
    c("year", "integer", "Costing year: 0 = the 12 months to the as-of date, 1 = the 12 months before, …"),
    c("point_of_delivery", "varchar", "Point of delivery, e.g. emergency_admission, outpatient_first, gp."),
    c("activity", "integer", "Activity rows priced (spells, attendances, contacts, days, issues, episodes)."),
    c("units", "double", "Units priced (as activity, but tablets for medicines and weeks for social care)."),
    c("cost", "double", "Pounds."),
  ],
});

export const costLine = table({
  name: "cost_line",
  layer: "derived",
  description:
    "The repricing by currency, practice and year: activity, units, the unit cost applied and the cost, so totals can be audited.",
  grain: "One row per costing year per practice per currency with priced activity.",
  source: "Written with person_cost by `bevan build`.",
  knownGaps: ["Practice is the person's registered (or last) practice at the as-of date."],
  primaryKey: ["year", "practice_code", "currency"],
  columns: [
    c("year", "integer", "Costing year (0 = the 12 months to the as-of date)."),
    c("practice_code", "varchar", "Registered practice."),
    c("point_of_delivery", "varchar", "Point of delivery."),
    c("currency", "varchar", "Currency priced."),
    c("activity", "bigint", "Activity rows."),
    c("units", "double", "Units priced."),
    c("unit_cost", "double", "Pounds per unit applied."),
    c("cost", "double", "Pounds: units × unit cost."),
  ],
});

export const costGap = table({
  name: "cost_gap",
  layer: "derived",
  description: "Activity the build could not price, and why, so that no spend is silently missing.",
  grain: "One row per costing year per currency (or source) not priced.",
  source: "Written with person_cost by `bevan build`.",
  knownGaps: [],
  primaryKey: ["year", "currency"],
  columns: [
    c("year", "integer", "Costing year."),
    c("point_of_delivery", "varchar", "Point of delivery the activity would belong to."),
    c("currency", "varchar", "The currency the activity maps to (or the source when it maps to none)."),
    c("reason", "varchar", "Why it was not priced, and what to do."),
    c("activity", "bigint", "Activity rows not priced."),
  ],
});

export const personAllocation = table({
  name: "person_allocation",
  layer: "derived",
  description:
    "Each registered person's expected cost next year under each fair-share formula, and a patient-specific budget range.",
  grain: "One row per person registered and alive at the as-of date.",
  source:
    "The person-based cost models fitted by `bevan build` on the warehouse's own history (packages/resources, packages/allocation; docs/resources.md).",
  knownGaps: [
    "Expected costs are predictions from recorded data: unrecorded need is invisible.",
    "The budget range is where the actual cost fell for 8 in 10 people with a similar expected cost in the validation year.",
  ],
  primaryKey: ["person_id"],
  columns: [
    c("person_id", "person_id", "Pseudonymous person key."),
    c("capitation", "double", "Raw capitation: the same expected cost for everyone (pounds)."),
    c("age_sex", "double", "Age–sex weighted expected cost (pounds)."),
    c(
      "need",
      "double",
      "Needs-based expected cost: age, sex, deprivation, registers, multimorbidity (pounds).",
    ),
    c("need_supply", "double", "Needs-based expected cost with last year's cost as a predictor (pounds).", {
      nullable: true,
    }),
    c(
      "need_low",
      "double",
      "Budget range, low end (10th percentile of people like them), needs-based model.",
      { nullable: true },
    ),
    c("need_high", "double", "Budget range, high end (90th percentile), needs-based model.", {
      nullable: true,
    }),
    c("need_supply_low", "double", "Budget range, low end, model with last year's cost.", { nullable: true }),
    c("need_supply_high", "double", "Budget range, high end, model with last year's cost.", {
      nullable: true,
    }),
  ],
});

export const allocationReport = table({
  name: "allocation_report",
  layer: "derived",
  description: "The fair-share models' out-of-time validation and coefficients, as JSON documents by key.",
  grain: "One row per key (report, coefficients).",
  source: "Written with person_allocation by `bevan build`.",
  knownGaps: [],
  primaryKey: ["key"],
  columns: [c("key", "varchar", "Document name."), c("value", "varchar", "JSON document.")],
});

export const RESOURCE_TABLES: readonly TableDef[] = [
  unitCost,
  unitCostLocal,
  personCost,
  costLine,
  costGap,
  personAllocation,
  allocationReport,
];
