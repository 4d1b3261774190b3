// @bevan/client: the typed API client for the web app.
export * from "./client.ts";
