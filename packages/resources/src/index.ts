// @bevan/resources: costed activity, needs and use, opportunity and fair shares over a built
// warehouse — the unit-cost table, the costing rules and the build step that prices every
// activity row, the questions the Resources pages and the CLI ask of the costs, and the
// fair-share models fitted on the population's own history. The arithmetic is in
// @bevan/allocation.
export * from "./allocation-dataset.ts";
export * from "./allocation-read.ts";
export * from "./allocation-shares.ts";
export * from "./build-allocation.ts";
export * from "./build-costs.ts";
export * from "./costing-sql.ts";
export * from "./costs-read.ts";
export * from "./coverage.ts";
export * from "./currencies.ts";
export * from "./needs.ts";
export * from "./opportunity.ts";
export * from "./opportunity-cohort.ts";
export * from "./opportunity-lists.ts";
export * from "./read-common.ts";
export * from "./step.ts";
export * from "./unit-costs.ts";
export * from "./who-uses-what.ts";
