import { isValidNhsNumber } from "@bevan/domain";
import { describe, expect, it } from "vitest";
import { syntheticNhsNumber } from "../src/nhs-numbers.ts";
import { cumulative, Rng } from "../src/rng.ts";

describe("seeded random streams", () => {
  it("the same (seed, stream) gives the same sequence; different ones differ", () => {
    const a = new Rng(7, 1);
    const b = new Rng(7, 1);
    const c = new Rng(7, 2);
    const d = new Rng(8, 1);
    const seqA = Array.from({ length: 50 }, () => a.nextUint32());
    expect(Array.from({ length: 50 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 50 }, () => c.nextUint32())).not.toEqual(seqA);
    expect(Array.from({ length: 50 }, () => d.nextUint32())).not.toEqual(seqA);
  });

  it("uniforms, normals and Poisson variates have the right moments", () => {
    const rng = new Rng(1, 1);
    const n = 200_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    let sp = 0;
    for (let i = 0; i < n; i++) {
      su += rng.next();
      const z = rng.normal();
      sn += z;
      sn2 += z * z;
      sp += rng.poisson(2.5);
    }
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(sn / n).toBeCloseTo(0, 1);
    expect(sn2 / n).toBeCloseTo(1, 1);
    expect(sp / n).toBeCloseTo(2.5, 1);
  });

  it("weighted choice follows the weights", () => {
    const rng = new Rng(3, 3);
    const cum = cumulative([1, 3, 6]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 100_000; i++) {
      const k = rng.weightedIndex(cum);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect((counts[0] ?? 0) / 1e5).toBeCloseTo(0.1, 1);
    expect((counts[2] ?? 0) / 1e5).toBeCloseTo(0.6, 1);
  });
});

describe("synthetic NHS numbers", () => {
  it("are valid, unique, and start in the 999 test range", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300_000; i++) {
      const n = syntheticNhsNumber(i);
      expect(isValidNhsNumber(n)).toBe(true);
      seen.add(n);
    }
    expect(seen.size).toBe(300_000);
    expect(syntheticNhsNumber(0).startsWith("999")).toBe(true);
    expect(syntheticNhsNumber(899_999).startsWith("999")).toBe(true);
    expect(syntheticNhsNumber(900_000).startsWith("998")).toBe(true);
  }, 60_000);

  it("stay unique across the boundary between ranges", () => {
    const around = new Set<string>();
    for (let i = 850_000; i < 950_000; i++) around.add(syntheticNhsNumber(i));
    expect(around.size).toBe(100_000);
  }, 60_000);
});
