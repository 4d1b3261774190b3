// @bevan/query: questions asked of a built warehouse; scoped access and disclosure control.
export * from "./data-quality.ts";
export * from "./org-tree.ts";
export * from "./patients.ts";
export * from "./population.ts";
export * from "./scope.ts";
export * from "./summary.ts";
export * from "./suppression.ts";
