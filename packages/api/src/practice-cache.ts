// Per-practice aggregates computed once for the whole ICS (everyone, with each row marked
// `opted` for people who opted out) and summed over the practices in each caller's scope,
// leaving opted-out rows out unless the caller's purpose is direct care (`keepsRow`): at 1M people the
// person-level joins behind the overview pages take seconds, a sum over practices does not.
// The server's warehouse is read-only, so an answer changes only with the as-of date.
import { asOfDate, type ScopedWarehouse } from "@bevan/query";
import type { Principal } from "@bevan/state";
import type { ApiContext } from "./context.ts";

export function practiceCache<T>(
  ctx: ApiContext,
  compute: (ics: ScopedWarehouse, asOf: string) => Promise<T>,
): (asOf: string) => Promise<T> {
  let cached: { asOf: string; value: Promise<T> } | null = null;
  const get = (asOf: string) => {
    if (cached?.asOf !== asOf) {
      const value = ctx.icsScope().then((ics) => compute(ics, asOf));
      value.catch(() => {
        cached = null;
      });
      cached = { asOf, value };
    }
    return cached.value;
  };
  ctx.warmers.push(async () => {
    const asOf = await asOfDate(await ctx.icsScope());
    if (asOf) await get(asOf);
  });
  return get;
}

/** The same, one answer per key (e.g. an indicator), keeping the most recent `max` keys. */
export function keyedPracticeCache<T>(
  ctx: ApiContext,
  compute: (ics: ScopedWarehouse, key: string) => Promise<T>,
  max = 64,
): (asOf: string, key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (asOf, key) => {
    const k = `${asOf}|${key}`;
    let value = cache.get(k);
    if (!value) {
      value = ctx.icsScope().then((ics) => compute(ics, key));
      value.catch(() => cache.delete(k));
      cache.set(k, value);
      while (cache.size > max) {
        const oldest = cache.keys().next().value;
        if (oldest === undefined) break;
        cache.delete(oldest);
      }
    }
    return value;
  };
}

/**
 * Which per-practice rows a caller's sum may use: their own practices, and rows of people who
 * opted out only for a direct-care purpose.
 */
export function keepsRow(
  principal: Principal,
  mine: ReadonlySet<string>,
): (row: { readonly practice: string; readonly opted: boolean }) => boolean {
  const planning = principal.role.purpose !== "direct_care";
  return (row) => mine.has(row.practice) && !(planning && row.opted);
}
