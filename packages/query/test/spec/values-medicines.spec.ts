import { codes, distinctMedicines, last, latestValue } from "../../src/cohort/builder.ts";
import { person, population, type Spec } from "./spec.ts";

const HBA1C = codes("snomedct", ["1049301000000100"]);

export const spec: Spec = {
  title: "Latest values and distinct medicines",
  text: `\`latest_value\` takes the latest recorded value (events with no value are ignored) of the
codes in the window and compares it with a number (\`<\`, \`<=\`, \`>\`, \`>=\`, \`=\`, \`!=\`). When
several values share the latest date, the lowest counts. People with no value in the window do
not match. \`distinct_medicines\` counts the different medicine codes issued in the window
(optionally only those in a code set).`,
  population: population({
    persons: [person(1), person(2), person(3), person(4)],
    gpEvents: [
      {
        person_id: 1,
        event_date: "2025-06-01",
        coding_system: "snomedct",
        code: "1049301000000100",
        value: 70,
      },
      {
        person_id: 1,
        event_date: "2026-01-10",
        coding_system: "snomedct",
        code: "1049301000000100",
        value: 52,
      },
      {
        person_id: 2,
        event_date: "2025-12-01",
        coding_system: "snomedct",
        code: "1049301000000100",
        value: 61,
      },
      {
        person_id: 2,
        event_date: "2025-12-01",
        coding_system: "snomedct",
        code: "1049301000000100",
        value: 55,
      },
      {
        person_id: 3,
        event_date: "2024-06-01",
        coding_system: "snomedct",
        code: "1049301000000100",
        value: 40,
      },
      {
        person_id: 4,
        event_date: "2026-02-01",
        coding_system: "snomedct",
        code: "1049301000000100",
        value: null,
      },
      {
        person_id: 4,
        event_date: "2025-09-01",
        coding_system: "snomedct",
        code: "1049301000000100",
        value: 80,
      },
    ],
    medications: [
      { person_id: 1, issue_date: "2026-01-01", coding_system: "dmd", code: "A", source_org: "P1" },
      { person_id: 1, issue_date: "2026-02-01", coding_system: "dmd", code: "A", source_org: "P1" },
      { person_id: 1, issue_date: "2026-02-01", coding_system: "dmd", code: "B", source_org: "P1" },
      { person_id: 2, issue_date: "2026-01-01", coding_system: "dmd", code: "A", source_org: "P1" },
      { person_id: 2, issue_date: "2025-12-01", coding_system: "dmd", code: "B", source_org: "P1" },
      { person_id: 2, issue_date: "2025-11-01", coding_system: "dmd", code: "C", source_org: "P1" },
      { person_id: 3, issue_date: "2024-01-01", coding_system: "dmd", code: "D", source_org: "P1" },
    ],
  }),
  show: { gpEvents: ["event_date", "code", "value"], medications: ["issue_date", "code"] },
  cases: [
    {
      // Person 2's two readings on one day (61 and 55): the highest counts, as in the build.
      name: "latest HbA1c under 58 mmol/mol within 15 months",
      criteria: latestValue(HBA1C, last(15, "months"), "<", 58),
      expected: [1],
    },
    {
      name: "latest HbA1c of 58 or more within 15 months (a blank latest entry is skipped)",
      criteria: latestValue(HBA1C, last(15, "months"), ">=", 58),
      expected: [2, 4],
    },
    {
      name: "3 or more distinct medicines in 12 months",
      criteria: distinctMedicines(last(12, "months"), 3),
      expected: [2],
    },
    {
      name: "2 or more of medicines A and C",
      criteria: distinctMedicines(last(12, "months"), 2, codes("dmd", ["A", "C"])),
      expected: [2],
    },
  ],
};
