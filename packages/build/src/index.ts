// @bevan/build: derives the as-of tables of the warehouse.
export * from "./build.ts";
export * from "./person-asof.ts";
export * from "./record-key.ts";
