// Slope and relative index of inequality (SII, RII) across deprivation quantiles, as in
// PHEindicatormethods::phe_sii: a population-weighted regression of the indicator on each
// quantile's cumulative population midpoint (0 = most deprived end, 1 = least deprived),
// with confidence limits by seeded simulation from each quantile's standard error.
import { MethodsInputError } from "./errors.ts";
import { zFor } from "./normal.ts";
import { normalRandom } from "./random.ts";
import { checkEach, finite, positive, sameLength } from "./validate.ts";

export type SiiValueType = "other" | "rate" | "proportion";

export interface SiiOptions {
  /** Quantile rows in order from most deprived (first) to least deprived (last): 5 to 100 of them. */
  populations: readonly number[];
  values: readonly number[];
  /** Standard errors on the scale simulated (see `transform`), or give lowerCls and upperCls (95%). */
  standardErrors?: readonly number[];
  lowerCls?: readonly number[];
  upperCls?: readonly number[];
  /** "rate" and "proportion" enable the log / logit transform; default "other". */
  valueType?: SiiValueType;
  /** Fit on the log (rates) or logit (proportions) scale and back-transform. Default false. */
  transform?: boolean;
  /** Scales the SII; a negative multiplier reverses its direction (and inverts the RII). Default 1. */
  multiplier?: number;
  /** Levels for the simulated limits; default 0.95. */
  confidence?: number | readonly number[];
  /** Simulation size; default 100000. */
  repetitions?: number;
  /** Seed for the simulation; default 1. */
  seed?: number;
}

export interface SiiResult {
  sii: number;
  rii: number;
  /** Fitted value at the most deprived end (x = 0), on the value's own scale. */
  intercept: number;
  intervals: { confidence: number; siiLower: number; siiUpper: number; riiLower: number; riiUpper: number }[];
}

/** Cumulative population midpoints: each quantile's position on the 0–1 deprivation scale. */
export function quantileMidpoints(populations: readonly number[]): number[] {
  const total = populations.reduce((s, p) => s + p, 0);
  let cumulative = 0;
  return populations.map((p) => {
    const share = p / total;
    const mid = cumulative + share / 2;
    cumulative += share;
    return mid;
  });
}

/** Weighted least squares of y on x with weights w: [intercept, slope]. */
function weightedFit(x: readonly number[], y: readonly number[], w: readonly number[]): [number, number] {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i] as number;
    sx += (w[i] as number) * (x[i] as number);
    sy += (w[i] as number) * (y[i] as number);
  }
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = (x[i] as number) - mx;
    sxx += (w[i] as number) * dx * dx;
    sxy += (w[i] as number) * dx * ((y[i] as number) - my);
  }
  const slope = sxy / sxx;
  return [my - slope * mx, slope];
}

const forward = (type: SiiValueType, v: number) =>
  type === "rate" ? Math.log(v) : type === "proportion" ? Math.log(v / (1 - v)) : v;
const backward = (type: SiiValueType, v: number) =>
  type === "rate" ? Math.exp(v) : type === "proportion" ? 1 / (1 + Math.exp(-v)) : v;

export function sii(options: SiiOptions): SiiResult {
  const { populations, values } = options;
  const type = options.valueType ?? "other";
  const transform = options.transform ?? false;
  const multiplier = options.multiplier ?? 1;
  const repetitions = options.repetitions ?? 100_000;
  const levels =
    options.confidence === undefined
      ? [0.95]
      : typeof options.confidence === "number"
        ? [options.confidence]
        : [...options.confidence];
  sameLength({ populations, values });
  if (populations.length < 5 || populations.length > 100) {
    throw new MethodsInputError(
      "invalid_option",
      "populations",
      `needs between 5 and 100 quantiles, got ${populations.length}`,
    );
  }
  checkEach(populations, "populations", positive);
  values.forEach((v, i) => {
    finite(v, `values[${i}]`);
    if (type === "proportion" && (v < 0 || v > 1)) {
      throw new MethodsInputError(
        "invalid_option",
        `values[${i}]`,
        `is ${v}; proportions must lie between 0 and 1`,
      );
    }
    if (type === "rate" && transform && v <= 0)
      throw new MethodsInputError("invalid_option", `values[${i}]`, "must be positive to log-transform");
  });
  if (multiplier === 0 || !Number.isFinite(multiplier))
    throw new MethodsInputError("invalid_option", "multiplier", "must be a non-zero number");
  levels.forEach((c, i) => {
    if (!(c > 0 && c < 1))
      throw new MethodsInputError(
        "invalid_confidence",
        `confidence[${i}]`,
        "must be a fraction between 0 and 1",
      );
  });

  const x = quantileMidpoints(populations);
  // Simulate on the transformed scale for rates and proportions, as PHE does.
  const simScale = type !== "other";
  const centre = values.map((v) => (simScale ? forward(type, v) : v));
  const se = standardErrors(options, type, simScale);

  const fit = (ys: readonly number[]): [number, number, number] => {
    // Returns [intercept, sii, rii] on the value's own scale, before the multiplier.
    if (transform && type !== "other") {
      const [b0, b1] = weightedFit(
        x,
        ys.map((v) => forward(type, v)),
        populations,
      );
      const low = backward(type, b0);
      const high = backward(type, b0 + b1);
      return [low, high - low, high / low];
    }
    const [b0, b1] = weightedFit(x, ys, populations);
    return [b0, b1, (b0 + b1) / b0];
  };

  const [intercept, slope, ratio] = fit(values);
  const normal = normalRandom(options.seed ?? 1);
  const sims = new Float64Array(repetitions);
  const riis = new Float64Array(repetitions);
  const draw = new Array<number>(values.length);
  for (let r = 0; r < repetitions; r++) {
    for (let i = 0; i < values.length; i++) {
      const v = (centre[i] as number) + (se[i] as number) * normal();
      draw[i] = simScale ? backward(type, v) : v;
    }
    const [, s, q] = fit(draw);
    sims[r] = s;
    riis[r] = q;
  }
  sims.sort();
  riis.sort();
  const pick = (sorted: Float64Array, p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * sorted.length) - 1))] as number;
  const flip = multiplier < 0;
  return {
    sii: slope * multiplier,
    rii: flip ? 1 / ratio : ratio,
    intercept,
    intervals: levels.map((c) => {
      const lo = pick(sims, (1 - c) / 2);
      const hi = pick(sims, 1 - (1 - c) / 2);
      const rlo = pick(riis, (1 - c) / 2);
      const rhi = pick(riis, 1 - (1 - c) / 2);
      return flip
        ? {
            confidence: c,
            siiLower: hi * multiplier,
            siiUpper: lo * multiplier,
            riiLower: 1 / rhi,
            riiUpper: 1 / rlo,
          }
        : {
            confidence: c,
            siiLower: lo * multiplier,
            siiUpper: hi * multiplier,
            riiLower: rlo,
            riiUpper: rhi,
          };
    }),
  };
}

function standardErrors(options: SiiOptions, type: SiiValueType, simScale: boolean): number[] {
  if (options.standardErrors) {
    sameLength({ values: options.values, standardErrors: options.standardErrors });
    return options.standardErrors.map((s, i) => {
      finite(s, `standardErrors[${i}]`);
      if (s < 0)
        throw new MethodsInputError("negative_count", `standardErrors[${i}]`, "must be zero or more");
      return s;
    });
  }
  const { lowerCls, upperCls } = options;
  if (!lowerCls || !upperCls) {
    throw new MethodsInputError(
      "invalid_option",
      "standardErrors",
      "give standardErrors, or both lowerCls and upperCls (95% limits)",
    );
  }
  sameLength({ values: options.values, lowerCls, upperCls });
  const z = zFor(0.95);
  return lowerCls.map((lo, i) => {
    const hi = upperCls[i] as number;
    finite(lo, `lowerCls[${i}]`);
    finite(hi, `upperCls[${i}]`);
    const a = simScale ? forward(type, lo) : lo;
    const b = simScale ? forward(type, hi) : hi;
    return (b - a) / (2 * z);
  });
}
