// Per-practice aggregates computed once for the whole ICS (through the public audience's
// scoped views) and summed over the practices in each caller's scope: at 1M people the
// person-level joins behind the overview pages take seconds, a sum over practices does not.
// The server's warehouse is read-only, so an answer changes only with the as-of date.
import { asOfDate, type ScopedWarehouse } from "@bevan/query";
import type { ApiContext } from "./context.ts";

export function practiceCache<T>(
  ctx: ApiContext,
  compute: (ics: ScopedWarehouse, asOf: string) => Promise<T>,
): (asOf: string) => Promise<T> {
  let cached: { asOf: string; value: Promise<T> } | null = null;
  const get = (asOf: string) => {
    if (cached?.asOf !== asOf) {
      const value = ctx.publicScope().then((ics) => compute(ics, asOf));
      value.catch(() => {
        cached = null;
      });
      cached = { asOf, value };
    }
    return cached.value;
  };
  ctx.warmers.push(async () => {
    const asOf = await asOfDate(await ctx.publicScope());
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
      value = ctx.publicScope().then((ics) => compute(ics, key));
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
