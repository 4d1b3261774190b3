import { codes, gpEvents, last, offset, window } from "../../src/cohort/builder.ts";
import { person, population, type Spec } from "./spec.ts";

const CODE = codes("snomedct", ["1"]);

export const spec: Spec = {
  title: "Time windows",
  text: `Offsets are whole \`days\`, \`months\` or \`years\` from the as-of date. Months follow the
calendar and clamp to the month's end (31 March − 1 month = 28 February, or 29th in a leap year).
A window can end before the as-of date, e.g. "from 24 to 12 months ago".`,
  population: population({
    persons: [person(1), person(2), person(3)],
    gpEvents: [
      { person_id: 1, event_date: "2026-02-28", coding_system: "snomedct", code: "1", value: null },
      { person_id: 2, event_date: "2026-03-01", coding_system: "snomedct", code: "1", value: null },
      { person_id: 3, event_date: "2024-06-30", coding_system: "snomedct", code: "1", value: null },
    ],
  }),
  show: { gpEvents: ["event_date"] },
  cases: [
    {
      name: "the last month (after 28 February 2026)",
      criteria: gpEvents(CODE, last(1, "months")),
      expected: [2],
    },
    {
      name: "the last 31 days (after 28 February 2026)",
      criteria: gpEvents(CODE, last(31, "days")),
      expected: [2],
    },
    {
      name: "from 24 to 12 months ago",
      criteria: gpEvents(CODE, window(offset(-24, "months"), offset(-12, "months"))),
      expected: [3],
    },
    { name: "the last 2 years", criteria: gpEvents(CODE, last(2, "years")), expected: [1, 2, 3] },
  ],
};
