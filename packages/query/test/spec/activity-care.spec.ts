import { hospitalActivity, last, socialCare } from "../../src/cohort/builder.ts";
import { person, population, type Spec } from "./spec.ts";

export const spec: Spec = {
  title: "Hospital activity and social care",
  text: `\`hospital_activity\` counts \`emergency_admission\`s, \`elective_admission\`s, \`any_admission\` or
\`ae_attendance\`s whose admission or arrival date is in the window (at least \`atLeast\`).
\`social_care\` matches a service episode of one of the types that was active at some point in
the window: started on or before its end and not ended by its start.`,
  population: population({
    persons: [person(1), person(2), person(3)],
    spells: [
      { person_id: 1, admission_date: "2025-08-01", admission_method: "emergency" },
      { person_id: 1, admission_date: "2026-01-01", admission_method: "emergency" },
      { person_id: 2, admission_date: "2026-02-01", admission_method: "elective" },
      { person_id: 3, admission_date: "2024-02-01", admission_method: "emergency" },
    ],
    aeAttendances: [{ person_id: 2, arrival_date: "2026-03-31" }],
    socialCare: [
      { person_id: 1, service_type: "assisted_bin_collection", start_date: "2023-01-01", end_date: null },
      {
        person_id: 2,
        service_type: "assisted_bin_collection",
        start_date: "2023-01-01",
        end_date: "2024-01-01",
      },
      { person_id: 3, service_type: "home_care", start_date: "2025-10-01", end_date: "2026-01-01" },
    ],
  }),
  show: {
    spells: ["admission_date", "admission_method"],
    aeAttendances: ["arrival_date"],
    socialCare: ["service_type", "start_date", "end_date"],
  },
  cases: [
    {
      name: "two or more emergency admissions in 12 months",
      criteria: hospitalActivity("emergency_admission", last(12, "months"), 2),
      expected: [1],
    },
    {
      name: "any admission in 12 months",
      criteria: hospitalActivity("any_admission", last(12, "months")),
      expected: [1, 2],
    },
    {
      name: "an A&E attendance in the last week",
      criteria: hospitalActivity("ae_attendance", last(7, "days")),
      expected: [2],
    },
    {
      name: "assisted bin collection in the last 12 months",
      criteria: socialCare(["assisted_bin_collection"], last(12, "months")),
      expected: [1],
    },
    {
      name: "home care or bin collection in the last month",
      criteria: socialCare(["home_care", "assisted_bin_collection"], last(1, "months")),
      expected: [1],
    },
  ],
};
