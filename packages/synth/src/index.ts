// @bevan/synth: the seeded synthetic ICS population.
export { type AdmissionRateTable, hesEmergencyAdmissionRates } from "./admissions.ts";
export { CONDITIONS } from "./conditions.ts";
export { GENERATOR_VERSION, type GenerateOptions, type GenerateResult, generate } from "./generate.ts";
export { FERTILITY_PER_1000 } from "./maternity.ts";
export { type DeathRateBand, type DeathRateTable, onsDeathRates } from "./mortality.ts";
export { syntheticNhsNumber } from "./nhs-numbers.ts";
export { buildOrganisations, ICB } from "./organisations.ts";
export { loadReferenceData, ReferenceDataMissingError } from "./reference.ts";
