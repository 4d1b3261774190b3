// @bevan/api: the HTTP server.
export * from "./server.ts";
