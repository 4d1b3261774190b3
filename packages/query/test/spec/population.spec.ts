import { everyone } from "../../src/cohort/builder.ts";
import { person, population, type Spec } from "./spec.ts";

export const spec: Spec = {
  title: "Population and the as-of date",
  text: `Every cohort is evaluated at an **as-of date** (by default the build's). The \`population\` is
\`registered\` (the default: registered with a practice and alive at the as-of date) or \`everyone\`
(everyone in the extract born by the as-of date, including people who left or died).
Registration and age move with the as-of date; geography, practice, registers and flags are
as at the build.`,
  population: population({
    persons: [
      person(1),
      person(2, { registration_end: "2025-06-30" }),
      person(3, { death_date: "2026-01-10", registration_end: "2026-01-10" }),
      person(4, { registration_start: "2026-02-01" }),
      person(5, { birth_month: "2026-05-01", registration_start: "2026-05-02" }),
      person(6),
    ],
    deaths: [{ person_id: 6, death_date: "2025-12-01" }],
  }),
  show: {
    persons: ["registration_start", "registration_end", "death_date", "birth_month"],
    deaths: ["death_date"],
  },
  cases: [
    { name: "registered and alive at the as-of date", criteria: everyone(), expected: [1, 4] },
    {
      name: "everyone born by the as-of date",
      criteria: everyone(),
      population: "everyone",
      expected: [1, 2, 3, 4, 6],
    },
    { name: "a snapshot at an earlier date", criteria: everyone(), asOf: "2025-11-30", expected: [1, 3, 6] },
  ],
};
