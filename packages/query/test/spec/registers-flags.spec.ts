import { flag, register, registerCount } from "../../src/cohort/builder.ts";
import { person, population, type Spec } from "./spec.ts";

export const spec: Spec = {
  title: "Registers and flags",
  text: `\`register\` is membership of a QOF-style register at the build (e.g. DM, HYP, LD, PC).
\`register_count\` counts the listed registers a person is on (a simple multimorbidity count).
\`flag\` is \`learning_disability\` or \`care_home\`.`,
  population: population({
    persons: [person(1, { learning_disability: true }), person(2, { care_home: true }), person(3)],
    registers: [
      { person_id: 1, register: "LD" },
      { person_id: 2, register: "DM" },
      { person_id: 3, register: "DM" },
      { person_id: 3, register: "HYP" },
    ],
  }),
  show: { persons: ["learning_disability", "care_home"], registers: ["register"] },
  cases: [
    { name: "on the diabetes register", criteria: register("DM"), expected: [2, 3] },
    {
      name: "on two or more of DM, HYP and LD",
      criteria: registerCount(["DM", "HYP", "LD"], 2),
      expected: [3],
    },
    { name: "learning disability", criteria: flag("learning_disability"), expected: [1] },
    { name: "lives in a care home", criteria: flag("care_home"), expected: [2] },
  ],
};
