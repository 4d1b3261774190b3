// Cancelling reads whose answer nobody is waiting for. A server runs each request inside
// `whileWanted(signal, …)`; when the signal aborts (the client hung up), the request's reads
// that are still queued for a connection are dropped and a running one is interrupted, so a
// burst of abandoned requests cannot pile up work that delays everyone after them.
import { AsyncLocalStorage } from "node:async_hooks";

const wanted = new AsyncLocalStorage<AbortSignal>();

/** A read given up because its caller went away: not a fault, nothing to report. */
export class QueryCancelledError extends Error {
  constructor() {
    super("the query was cancelled: its caller is no longer waiting");
    this.name = "QueryCancelledError";
  }
}

/** Runs `work` so that reads it starts (directly or later) are cancelled when `signal` aborts. */
export function whileWanted<T>(signal: AbortSignal, work: () => T): T {
  return wanted.run(signal, work);
}

/** The signal of the work in progress, if it runs under `whileWanted`. */
export function currentSignal(): AbortSignal | undefined {
  return wanted.getStore();
}

/**
 * Runs `work` outside any caller's cancellation: for work shared between callers (one
 * remembered answer awaited by many), which one caller leaving must not cancel.
 */
export function shared<T>(work: () => T): T {
  return wanted.exit(work);
}
