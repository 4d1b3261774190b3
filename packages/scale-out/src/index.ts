// @bevan/scale-out: the local Trino cluster and the Parquet lake it reads.
export * from "./cluster.ts";
export * from "./distribution.ts";
export * from "./export.ts";
export * from "./identity.ts";
export * from "./java.ts";
