// Seeded random numbers for the business-case Monte Carlo and the contract payment
// simulation: a small counter generator (sfc32) with normal (polar Box–Muller) and gamma
// (Marsaglia–Tsang) draws. Same seed and stream, same numbers, on any machine.

function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A 32-bit stream number from a name (FNV-1a), so each input has its own stream. */
export function streamOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  #spare: number | null = null;

  /** A generator for `seed`; different `stream`s give independent generators from one seed. */
  constructor(seed: number, stream = 0) {
    this.#a = mix32(seed ^ 0x9e3779b9);
    this.#b = mix32(stream ^ 0x243f6a88);
    this.#c = mix32((mix32(seed) + Math.imul(stream, 0x632be5ab)) ^ 0xb7e15162);
    this.#d = 1;
    for (let i = 0; i < 15; i++) this.#next32();
  }

  #next32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on (0, 1): 53 random bits, never exactly 0. */
  uniform(): number {
    const hi = this.#next32() >>> 5;
    const lo = this.#next32() >>> 6;
    return (hi * 67108864 + lo + 0.5) / 9007199254740992;
  }

  /** A standard normal draw. */
  normal(): number {
    if (this.#spare !== null) {
      const z = this.#spare;
      this.#spare = null;
      return z;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      this.#spare = v * f;
      return u * f;
    }
  }

  /** A gamma draw with this shape and scale 1 (Marsaglia and Tsang 2000; shape < 1 by boosting). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * this.uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x = this.normal();
      let v = 1 + c * x;
      while (v <= 0) {
        x = this.normal();
        v = 1 + c * x;
      }
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x ** 4) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }
}
