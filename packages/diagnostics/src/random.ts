// Seeded random numbers for the demand forecast and the waiting-list Monte Carlo: a small fast
// counter generator (sfc32) with exact Poisson (inversion below 10, Hörmann's PTRS above),
// gamma (Marsaglia–Tsang) and negative binomial draws. Same seed, same numbers, on any machine.

/** Mixes a 32-bit integer (the Murmur3 finaliser). */
export function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const LOG_FACTORIAL = (() => {
  const t = new Float64Array(64);
  for (let k = 2; k < 64; k++) t[k] = (t[k - 1] as number) + Math.log(k);
  return t;
})();

/** log(k!) for a whole k ≥ 0: a table below 64, Stirling's series above (error < 1e-12). */
export function logFactorial(k: number): number {
  if (k < 64) return LOG_FACTORIAL[k] as number;
  const x = k + 1;
  return (
    (x - 0.5) * Math.log(x) -
    x +
    0.5 * Math.log(2 * Math.PI) +
    1 / (12 * x) -
    1 / (360 * x ** 3) +
    1 / (1260 * x ** 5)
  );
}

export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  #spare: number | null = null;

  /** A generator for `seed`; `stream` gives independent generators from one seed. */
  constructor(seed: number, stream = 0) {
    this.#a = mix32(seed ^ 0x9e3779b9);
    this.#b = mix32(stream ^ 0x243f6a88);
    this.#c = mix32((seed + Math.imul(stream, 0x632be5ab)) ^ 0xb7e15162);
    this.#d = 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  normal(): number {
    if (this.#spare !== null) {
      const z = this.#spare;
      this.#spare = null;
      return z;
    }
    let u = this.next();
    while (u === 0) u = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * this.next();
    this.#spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** An exact Poisson draw. */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean < 10) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    // PTRS: transformed rejection with squeeze (Hörmann 1993).
    const slam = Math.sqrt(mean);
    const logLam = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.next() - 0.5;
      const v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (
        Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <=
        -mean + k * logLam - logFactorial(k)
      )
        return k;
    }
  }

  /** A gamma draw with this shape and scale 1 (Marsaglia and Tsang 2000). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * this.next() ** (1 / shape);
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
      const u = this.next();
      if (u < 1 - 0.0331 * x ** 4) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** A count with this mean and variance `dispersion` × mean (Poisson at 1, negative binomial above). */
  count(mean: number, dispersion = 1): number {
    if (!(mean > 0)) return 0;
    if (dispersion <= 1.000001) return this.poisson(mean);
    const size = mean / (dispersion - 1);
    return this.poisson((this.gamma(size) * mean) / size);
  }
}
