// @bevan/synth: the seeded synthetic ICS population.
export { CONDITIONS } from "./conditions.ts";
export { GENERATOR_VERSION, type GenerateOptions, type GenerateResult, generate } from "./generate.ts";
export { syntheticNhsNumber } from "./nhs-numbers.ts";
export { buildOrganisations, ICB } from "./organisations.ts";
export { loadReferenceData, ReferenceDataMissingError } from "./reference.ts";
