import { imd, lsoa, organisation } from "../../src/cohort/builder.ts";
import { person, population, type Spec } from "./spec.ts";

export const spec: Spec = {
  title: "Geography, deprivation and organisation",
  text: `\`lsoa\` matches the 2021 LSOA of residence; \`imd\` the IMD 2025 decile or quintile of that LSOA
(inclusive; 1 = most deprived). \`organisation\` matches the registered practice, or its PCN,
place or ICB. People with no known LSOA match no geography criterion (and so match its \`not\`).`,
  population: population({
    persons: [
      person(1, {
        lsoa_code: "E01006001",
        imd_decile: 1,
        imd_quintile: 1,
        practice_code: "P1",
        pcn_code: "PCN1",
      }),
      person(2, {
        lsoa_code: "E01006002",
        imd_decile: 2,
        imd_quintile: 1,
        practice_code: "P2",
        pcn_code: "PCN1",
      }),
      person(3, {
        lsoa_code: "E01006003",
        imd_decile: 9,
        imd_quintile: 5,
        practice_code: "P3",
        pcn_code: "PCN2",
      }),
      person(4, {
        lsoa_code: null,
        imd_decile: null,
        imd_quintile: null,
        practice_code: "P3",
        pcn_code: "PCN2",
      }),
    ],
  }),
  show: { persons: ["lsoa_code", "imd_decile", "imd_quintile", "practice_code", "pcn_code"] },
  cases: [
    { name: "the 20% most deprived (quintile 1)", criteria: imd("quintile", 1, 1), expected: [1, 2] },
    { name: "deciles 2 to 10", criteria: imd("decile", 2, 10), expected: [2, 3] },
    { name: "in one LSOA", criteria: lsoa("E01006003"), expected: [3] },
    { name: "registered in PCN2", criteria: organisation("pcn", "PCN2"), expected: [3, 4] },
    { name: "at practice P1 or P2", criteria: organisation("practice", "P1", "P2"), expected: [1, 2] },
  ],
};
