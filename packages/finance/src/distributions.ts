// The distributions a business case's inputs may take: a plain number (fixed) or an object
// naming one distribution and its parameters, as in the case file:
//   {"triangular": [min, mode, max]}, {"normal": [mean, sd]}, {"lognormal": [meanlog, sdlog]},
//   {"beta": [a, b]}, {"uniform": [min, max]}.
// Each has its theoretical mean and variance (the tests hold the samplers to them), its
// quantile function (for the tornado's P10 and P90) and a sampler on the seeded generator.
import { betaQuantile, normalQuantile } from "@bevan/methods";
import type { Random } from "./random.ts";

export type Distribution =
  | { readonly triangular: readonly [number, number, number] }
  | { readonly normal: readonly [number, number] }
  | { readonly lognormal: readonly [number, number] }
  | { readonly beta: readonly [number, number] }
  | { readonly uniform: readonly [number, number] };

/** An input: fixed at a number, or uncertain with a distribution. */
export type Value = number | Distribution;

export type DistributionKind = "fixed" | "triangular" | "normal" | "lognormal" | "beta" | "uniform";

export const DISTRIBUTION_KINDS = ["triangular", "normal", "lognormal", "beta", "uniform"] as const;

export function kindOf(v: Value): DistributionKind {
  if (typeof v === "number") return "fixed";
  if ("triangular" in v) return "triangular";
  if ("normal" in v) return "normal";
  if ("lognormal" in v) return "lognormal";
  if ("beta" in v) return "beta";
  return "uniform";
}

/** The parameters of a distribution, in the file's order (a fixed value: [value]). */
export function paramsOf(v: Value): readonly number[] {
  if (typeof v === "number") return [v];
  if ("triangular" in v) return v.triangular;
  if ("normal" in v) return v.normal;
  if ("lognormal" in v) return v.lognormal;
  if ("beta" in v) return v.beta;
  return v.uniform;
}

export function isFixed(v: Value): v is number {
  return typeof v === "number";
}

/** The expected value. */
export function meanOf(v: Value): number {
  if (typeof v === "number") return v;
  if ("triangular" in v) {
    const [a, c, b] = v.triangular;
    return (a + c + b) / 3;
  }
  if ("normal" in v) return v.normal[0];
  if ("lognormal" in v) {
    const [m, s] = v.lognormal;
    return Math.exp(m + (s * s) / 2);
  }
  if ("beta" in v) {
    const [a, b] = v.beta;
    return a / (a + b);
  }
  const [a, b] = v.uniform;
  return (a + b) / 2;
}

/** The variance. */
export function varianceOf(v: Value): number {
  if (typeof v === "number") return 0;
  if ("triangular" in v) {
    const [a, c, b] = v.triangular;
    return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
  }
  if ("normal" in v) return v.normal[1] ** 2;
  if ("lognormal" in v) {
    const [m, s] = v.lognormal;
    return Math.expm1(s * s) * Math.exp(2 * m + s * s);
  }
  if ("beta" in v) {
    const [a, b] = v.beta;
    return (a * b) / ((a + b) ** 2 * (a + b + 1));
  }
  const [a, b] = v.uniform;
  return (b - a) ** 2 / 12;
}

/** The p-quantile (0 < p < 1). */
export function quantileOf(v: Value, p: number): number {
  if (typeof v === "number") return v;
  if ("triangular" in v) {
    const [a, c, b] = v.triangular;
    if (b === a) return a;
    const fc = (c - a) / (b - a);
    return p <= fc ? a + Math.sqrt(p * (b - a) * (c - a)) : b - Math.sqrt((1 - p) * (b - a) * (b - c));
  }
  if ("normal" in v) return v.normal[0] + v.normal[1] * normalQuantile(p);
  if ("lognormal" in v) return Math.exp(v.lognormal[0] + v.lognormal[1] * normalQuantile(p));
  if ("beta" in v) return betaQuantile(p, v.beta[0], v.beta[1]);
  const [a, b] = v.uniform;
  return a + (b - a) * p;
}

/** The smallest and largest values the distribution can take. */
export function supportOf(v: Value): readonly [number, number] {
  if (typeof v === "number") return [v, v];
  if ("triangular" in v) return [v.triangular[0], v.triangular[2]];
  if ("normal" in v)
    return v.normal[1] === 0
      ? [v.normal[0], v.normal[0]]
      : [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  if ("lognormal" in v)
    return v.lognormal[1] === 0
      ? [Math.exp(v.lognormal[0]), Math.exp(v.lognormal[0])]
      : [0, Number.POSITIVE_INFINITY];
  if ("beta" in v) return [0, 1];
  return [v.uniform[0], v.uniform[1]];
}

/** One draw. */
export function draw(v: Value, rng: Random): number {
  if (typeof v === "number") return v;
  if ("triangular" in v) {
    const [a, c, b] = v.triangular;
    if (b === a) return a;
    const u = rng.uniform();
    const fc = (c - a) / (b - a);
    return u < fc ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
  }
  if ("normal" in v) return v.normal[0] + v.normal[1] * rng.normal();
  if ("lognormal" in v) return Math.exp(v.lognormal[0] + v.lognormal[1] * rng.normal());
  if ("beta" in v) {
    const x = rng.gamma(v.beta[0]);
    const y = rng.gamma(v.beta[1]);
    return x / (x + y);
  }
  const [a, b] = v.uniform;
  return a + (b - a) * rng.uniform();
}

/** Fills `out[from…]` with draws. */
export function drawInto(v: Value, rng: Random, out: Float64Array, from = 0): void {
  for (let i = from; i < out.length; i++) out[i] = draw(v, rng);
}

function fmt(x: number): string {
  return Number.isInteger(x) ? x.toLocaleString("en-GB") : String(Number(x.toPrecision(4)));
}

/** The distribution in words, e.g. "triangular: 10% to 30%, most likely 20%". */
export function describeValue(v: Value, format: (x: number) => string = fmt): string {
  if (typeof v === "number") return format(v);
  if ("triangular" in v) {
    const [a, c, b] = v.triangular;
    return `triangular: ${format(a)} to ${format(b)}, most likely ${format(c)}`;
  }
  if ("normal" in v) return `normal: mean ${format(v.normal[0])}, sd ${format(v.normal[1])}`;
  if ("lognormal" in v)
    return `lognormal: median ${format(Math.exp(v.lognormal[0]))} (meanlog ${fmt(v.lognormal[0])}, sdlog ${fmt(v.lognormal[1])})`;
  if ("beta" in v) return `beta(${fmt(v.beta[0])}, ${fmt(v.beta[1])}): mean ${format(meanOf(v))}`;
  return `uniform: ${format(v.uniform[0])} to ${format(v.uniform[1])}`;
}
