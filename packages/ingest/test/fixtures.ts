// Small helpers for ingest tests.
export type { ExtractManifest } from "@bevan/domain";
export { syntheticNhsNumber as syntheticNhsNumberForTests } from "@bevan/synth";
