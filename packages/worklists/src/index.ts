// @bevan/worklists: patient lists to act on (definitions as data) and their exports.
export * from "./catalogue.ts";
export * from "./export.ts";
