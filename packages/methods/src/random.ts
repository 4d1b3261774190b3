// Seeded pseudo-random numbers, so every simulation in this package is reproducible.

/** A uniform [0, 1) generator (mulberry32) from a 32-bit seed. */
export function uniformRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal generator (Box–Muller on a seeded uniform source). */
export function normalRandom(seed: number): () => number {
  const u = uniformRandom(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u1 = u();
    while (u1 === 0) u1 = u();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

/** A Poisson draw with the given mean (inversion for small means, normal approximation above 500). */
export function poissonDraw(mean: number, uniform: () => number, normal: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 500) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const target = uniform();
  while (target > cdf && k < 10_000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}
