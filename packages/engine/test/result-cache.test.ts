// The result cache of a read-only warehouse: one execution for concurrent identical queries,
// answers kept per exact SQL and parameters, least recently used evicted first, large
// answers and failures not kept, and callers never share row objects.
import { describe, expect, it } from "vitest";
import { ResultCache } from "../src/result-cache.ts";

const counting = () => {
  let runs = 0;
  const run = (rows: Record<string, unknown>[]) => async () => {
    runs++;
    await new Promise((r) => setTimeout(r, 5));
    return rows.map((r) => ({ ...r }));
  };
  return { run, runs: () => runs };
};

describe("ResultCache", () => {
  it("runs concurrent identical queries once, and answers repeats from memory", async () => {
    const cache = new ResultCache({ maxEntries: 10, maxRows: 100 });
    const c = counting();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => cache.get("all", "SELECT 1", { a: 1n }, c.run([{ n: 1 }]))),
    );
    expect(answers).toEqual(Array.from({ length: 5 }, () => [{ n: 1 }]));
    expect(await cache.get("all", "SELECT 1", { a: 1n }, c.run([{ n: 1 }]))).toEqual([{ n: 1 }]);
    expect(c.runs()).toBe(1);
    expect(cache.hits).toBe(5);
  });

  it("keys on the exact SQL, parameters and format", async () => {
    const cache = new ResultCache({ maxEntries: 10, maxRows: 100 });
    const c = counting();
    await cache.get("all", "SELECT 1", { a: 1n }, c.run([{ n: 1 }]));
    await cache.get("all", "SELECT 1", { a: 2n }, c.run([{ n: 2 }]));
    // A bigint and the string of its digits are different parameters.
    await cache.get("all", "SELECT 1", { a: "1" }, c.run([{ n: 3 }]));
    await cache.get("json", "SELECT 1", { a: 1n }, c.run([{ n: 4 }]));
    await cache.get("all", "SELECT 1 ", { a: 1n }, c.run([{ n: 5 }]));
    expect(c.runs()).toBe(5);
    expect(await cache.get("all", "SELECT 1", { a: 2n }, c.run([{ n: 99 }]))).toEqual([{ n: 2 }]);
  });

  it("evicts the least recently used answer beyond its size", async () => {
    const cache = new ResultCache({ maxEntries: 2, maxRows: 100 });
    const c = counting();
    await cache.get("all", "a", undefined, c.run([{ x: "a" }]));
    await cache.get("all", "b", undefined, c.run([{ x: "b" }]));
    await cache.get("all", "a", undefined, c.run([{ x: "a" }]));
    await cache.get("all", "c", undefined, c.run([{ x: "c" }]));
    expect(cache.size).toBe(2);
    expect(c.runs()).toBe(3);
    await cache.get("all", "a", undefined, c.run([{ x: "a" }]));
    expect(c.runs()).toBe(3);
    await cache.get("all", "b", undefined, c.run([{ x: "b" }]));
    expect(c.runs()).toBe(4);
  });

  it("does not keep answers over the row limit, nor failures", async () => {
    const cache = new ResultCache({ maxEntries: 10, maxRows: 2 });
    const c = counting();
    const big = [{ i: 1 }, { i: 2 }, { i: 3 }];
    expect(await cache.get("all", "big", undefined, c.run(big))).toEqual(big);
    await cache.get("all", "big", undefined, c.run(big));
    expect(c.runs()).toBe(2);
    await expect(
      cache.get("all", "bad", undefined, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await cache.get("all", "bad", undefined, c.run([{ ok: true }]))).toEqual([{ ok: true }]);
  });

  it("gives each caller its own row objects", async () => {
    const cache = new ResultCache({ maxEntries: 10, maxRows: 100 });
    const c = counting();
    const first = await cache.get("all", "q", undefined, c.run([{ n: 1 }]));
    (first[0] as { n: number }).n = 42;
    expect(await cache.get("all", "q", undefined, c.run([{ n: 1 }]))).toEqual([{ n: 1 }]);
  });
});
