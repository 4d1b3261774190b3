// Runs reference steps in order on any engine (after dropping their tables), timing each.
import { join } from "node:path";
import { REF_TABLES, type RefStep } from "./derived.ts";

export const SHARED_DATA =
  process.env.BEVAN_SHARED_DATA ?? join(import.meta.dirname, "..", "..", "..", "shared", "data");

export async function runSteps(
  exec: (sql: string) => Promise<unknown>,
  steps: readonly RefStep[],
  options: { readonly analyze?: boolean } = {},
): Promise<{ step: string; seconds: number }[]> {
  for (const t of [...REF_TABLES].reverse()) await exec(`DROP TABLE IF EXISTS ${t}`);
  const out: { step: string; seconds: number }[] = [];
  for (const s of steps) {
    const t = performance.now();
    await exec(s.sql);
    // PostgreSQL plans the next step from statistics a new table does not have yet.
    const table = /^CREATE TABLE (\w+)/.exec(s.sql)?.[1];
    if (options.analyze && table) await exec(`ANALYZE ${table}`);
    out.push({ step: s.name, seconds: Math.round(performance.now() - t) / 1000 });
  }
  return out;
}

/** Drops the reference's tables, leaving the warehouse as Bevan built it. */
export async function dropReference(exec: (sql: string) => Promise<unknown>): Promise<void> {
  for (const t of [...REF_TABLES].reverse()) await exec(`DROP TABLE IF EXISTS ${t}`);
}
