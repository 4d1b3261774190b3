import { score } from "../../src/cohort/builder.ts";
import { person, population, type Spec } from "./spec.ts";

export const spec: Spec = {
  title: "Scores: frailty, QDiabetes, QRISK3, risk tiers, segments",
  text: `\`score\` reads the \`person_score\` table (person_id, score, value, band), one row per person per
score, which the clinical-scores build (eFI, QDiabetes, QRISK3) and the risk-stratification
build (admission and mortality risk, tiers, segments) write. It matches a value range
(inclusive) and/or a band. Until those builds land, the table exists only where tests create it.`,
  population: population({
    persons: [person(1), person(2), person(3)],
    scores: [
      { person_id: 1, score: "efi", value: 0.3, band: "moderate" },
      { person_id: 2, score: "efi", value: 0.4, band: "severe" },
      { person_id: 2, score: "qdiabetes", value: 12.5, band: null },
      { person_id: 3, score: "qdiabetes", value: 4.1, band: null },
    ],
  }),
  show: { scores: ["score", "value", "band"] },
  cases: [
    {
      name: "moderate or severe frailty",
      criteria: score("efi", { bands: ["moderate", "severe"] }),
      expected: [1, 2],
    },
    { name: "QDiabetes risk of 10% or more", criteria: score("qdiabetes", { min: 10 }), expected: [2] },
  ],
};
