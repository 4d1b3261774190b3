// @bevan/domain: the vocabulary of Bevan — coding systems, the warehouse model, the extract.
export * from "./bank-holidays.ts";
export * from "./clinical-tables.ts";
export * from "./codes.ts";
export * from "./csv.ts";
export * from "./deprivation.ts";
export * from "./derived.ts";
export * from "./dictionary.ts";
export * from "./extract.ts";
export * from "./imaging.ts";
export * from "./nhs-number.ts";
export * from "./registers.ts";
export * from "./resource-tables.ts";
export * from "./risk-tables.ts";
export * from "./table.ts";
export * from "./terms.ts";
export * from "./warehouse.ts";
