import {
  codelist,
  codes,
  countAtLeast,
  ever,
  firstWithin,
  gpEvents,
  last,
  latestWithin,
  medications,
} from "../../src/cohort/builder.ts";
import { ORGS, person, population, type Spec } from "./spec.ts";

const FRAIL = codes("snomedct", ["925791000000100", "925861000000102"]);
const CLOZAPINE = codes("dmd", ["10122111000001109"]);

export const spec: Spec = {
  title: "Coded events and medication issues in a window",
  text: `\`events\` looks at GP-recorded codes (\`source: "gp"\`) or medication issues (\`"medications"\`)
matching a code set, inside a **window** relative to the as-of date. A window holds the dates after
\`asOf + from\` and up to and including \`asOf + to\` (\`from: null\`: no lower bound), so "the last
12 months" includes the as-of date and excludes the same day a year earlier. Codes are compared
with their coding system. The \`test\` is \`exists\`, \`count\` (at least n), \`first\` (the earliest
matching event in the window falls within a second window: a new diagnosis) or \`latest\`. A code
set is written out (\`codes\`) or names a codelist the warehouse holds (\`codelist\`). Medications
can be limited to those \`issuedBy\` \`primary_care\` (a GP practice) or \`secondary_care\` (anyone else).`,
  population: population({
    persons: [person(1), person(2), person(3), person(4)],
    gpEvents: [
      {
        person_id: 1,
        event_date: "2025-04-01",
        coding_system: "snomedct",
        code: "925791000000100",
        value: null,
      },
      {
        person_id: 1,
        event_date: "2025-11-20",
        coding_system: "snomedct",
        code: "925861000000102",
        value: null,
      },
      {
        person_id: 2,
        event_date: "2025-03-31",
        coding_system: "snomedct",
        code: "925791000000100",
        value: null,
      },
      {
        person_id: 3,
        event_date: "2019-01-01",
        coding_system: "snomedct",
        code: "925791000000100",
        value: null,
      },
      {
        person_id: 3,
        event_date: "2026-03-31",
        coding_system: "snomedct",
        code: "925861000000102",
        value: null,
      },
      { person_id: 4, event_date: "2026-01-01", coding_system: "ctv3", code: "925791000000100", value: null },
    ],
    medications: [
      {
        person_id: 1,
        issue_date: "2026-01-05",
        coding_system: "dmd",
        code: "10122111000001109",
        source_org: "MHT",
      },
      {
        person_id: 2,
        issue_date: "2026-01-05",
        coding_system: "dmd",
        code: "10122111000001109",
        source_org: "MHT",
      },
      {
        person_id: 2,
        issue_date: "2026-02-05",
        coding_system: "dmd",
        code: "10122111000001109",
        source_org: "P1",
      },
    ],
    organisations: ORGS,
    codelists: [{ codelist_id: "test/frailty", coding_system: "snomedct", codes: ["925791000000100"] }],
  }),
  show: {
    gpEvents: ["event_date", "coding_system", "code"],
    medications: ["issue_date", "code", "source_org"],
    organisations: ["org_code", "org_type"],
  },
  cases: [
    {
      name: "a frailty code in the last 12 months (31 March 2025 is outside)",
      criteria: gpEvents(FRAIL, last(12, "months")),
      expected: [1, 3],
    },
    {
      name: "ever (a CTV3 code with the same digits does not match)",
      criteria: gpEvents(FRAIL, ever()),
      expected: [1, 2, 3],
    },
    { name: "at least two codes ever", criteria: gpEvents(FRAIL, ever(), countAtLeast(2)), expected: [1, 3] },
    {
      name: "first code ever is in the last 12 months (a new diagnosis)",
      criteria: gpEvents(FRAIL, ever(), firstWithin(last(12, "months"))),
      expected: [1],
    },
    {
      name: "latest code is in the last 3 months",
      criteria: gpEvents(FRAIL, ever(), latestWithin(last(3, "months"))),
      expected: [3],
    },
    {
      name: "a code from a warehouse codelist",
      criteria: gpEvents(codelist("test/frailty"), ever()),
      expected: [1, 2, 3],
    },
    {
      name: "clozapine issued by secondary care in the last 6 months",
      criteria: medications(CLOZAPINE, last(6, "months"), undefined, "secondary_care"),
      expected: [1, 2],
    },
    {
      name: "clozapine issued in primary care",
      criteria: medications(CLOZAPINE, last(6, "months"), undefined, "primary_care"),
      expected: [2],
    },
  ],
};
