import { age, and, not, or, register, savedCohort } from "../../src/cohort/builder.ts";
import { person, population, type Spec } from "./spec.ts";

export const spec: Spec = {
  title: "Boolean composition and saved cohorts",
  text: `\`and\`, \`or\` and \`not\` combine criteria. Every criterion is true or false for every person
(missing data makes it false), so \`not\` is the complement within the population.
\`saved_cohort\` stands for a saved cohort's criteria at a pinned version, so union, intersection
and difference of saved cohorts are \`or\`, \`and\` and \`and\`+\`not\`.`,
  population: population({
    persons: [
      person(1, { birth_month: "1940-01-01" }),
      person(2, { birth_month: "1990-01-01" }),
      person(3, { birth_month: "1945-01-01" }),
      person(4, { birth_month: "1995-01-01" }),
    ],
    registers: [
      { person_id: 1, register: "DM" },
      { person_id: 2, register: "DM" },
      { person_id: 3, register: "HYP" },
    ],
  }),
  show: { persons: ["birth_month"], registers: ["register"] },
  saved: { diabetes: register("DM"), older: age({ min: 65 }) },
  cases: [
    { name: "65+ and diabetic", criteria: and(age({ min: 65 }), register("DM")), expected: [1] },
    { name: "65+ or diabetic", criteria: or(age({ min: 65 }), register("DM")), expected: [1, 2, 3] },
    { name: "not diabetic", criteria: not(register("DM")), expected: [3, 4] },
    {
      name: "union of saved cohorts",
      criteria: or(savedCohort("diabetes", 1), savedCohort("older", 1)),
      expected: [1, 2, 3],
    },
    {
      name: "difference: saved 'diabetes' minus saved 'older'",
      criteria: and(savedCohort("diabetes", 1), not(savedCohort("older", 1))),
      expected: [2],
    },
  ],
};
