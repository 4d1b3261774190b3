// @bevan/clinical: codelists, QOF-style registers and (later) clinical scores.
export * from "./build-registers.ts";
export * from "./codelists.ts";
export * from "./register-codelists.ts";
export * from "./registers.ts";
