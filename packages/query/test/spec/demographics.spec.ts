import { age, ethnicity, sex } from "../../src/cohort/builder.ts";
import { person, population, type Spec } from "./spec.ts";

export const spec: Spec = {
  title: "Demographics: age, sex, ethnicity",
  text: `\`age\` is whole years at the as-of date, from the month of birth (taken as the 15th), with
inclusive \`min\` and \`max\`. \`sex\` matches F, M or U; \`ethnicity\` the ONS five groups or Unknown.`,
  population: population({
    persons: [
      person(1, { birth_month: "1951-03-01", sex: "M", ethnicity_group: "Asian" }),
      person(2, { birth_month: "1951-04-01", sex: "F", ethnicity_group: "White" }),
      person(3, { birth_month: "2010-01-01", sex: "U", ethnicity_group: "Unknown" }),
      person(4, { birth_month: "1940-12-01", sex: "F", ethnicity_group: "Black" }),
    ],
  }),
  show: { persons: ["birth_month", "sex", "ethnicity_group"] },
  cases: [
    {
      name: "75 and over (born March 1951: 75 at 31 March 2026)",
      criteria: age({ min: 75 }),
      expected: [1, 4],
    },
    { name: "between 18 and 74", criteria: age({ min: 18, max: 74 }), expected: [2] },
    { name: "age moves with the as-of date", criteria: age({ min: 75 }), asOf: "2026-03-14", expected: [4] },
    { name: "women", criteria: sex("F"), expected: [2, 4] },
    { name: "Asian or Black ethnicity", criteria: ethnicity("Asian", "Black"), expected: [1, 4] },
  ],
};
