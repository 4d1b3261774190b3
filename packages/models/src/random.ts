// Seeded uniform random numbers (mulberry32), so bootstrap intervals are reproducible. The
// state lives in a typed array: a uint32 in a closure variable would be boxed on every call.

export function seededUniform(seed: number): () => number {
  const state = new Uint32Array([seed >>> 0]);
  return () => {
    const s = ((state[0] as number) + 0x6d2b79f5) >>> 0;
    state[0] = s;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
