// Weekly demand forecast for one list (a trust's requests for one modality): a Poisson
// regression on the log scale with a trend, yearly seasonality (two harmonics), bank holidays
// and the days between Christmas and New Year, and an optional exposure (a demographic index
// from demand rates per 1,000 and the projected population) as an offset; overdispersion
// estimated from the Pearson residuals. Prediction intervals come from simulation: coefficients
// drawn from their sampling distribution, then counts with the estimated overdispersion, so
// they carry both the uncertainty of the fit and the week-to-week noise.
import { bankHolidays } from "@bevan/domain";
import { cholesky, choleskyInverse, choleskySolve } from "./linear.ts";
import { Random } from "./random.ts";

const DAY = 86_400_000;
const YEAR_DAYS = 365.25;

export interface WeeklySeries {
  /** Mondays (ISO dates), consecutive. */
  readonly weeks: readonly string[];
  readonly counts: readonly number[];
  /** Relative exposure per week (e.g. a demographic index), default 1. */
  readonly exposure?: readonly number[];
}

export interface ForecastOptions {
  readonly horizon: number;
  readonly seed: number;
  /** Simulated futures behind the intervals (default 2,000). */
  readonly draws?: number;
  /** Exposure for each forecast week (default: the last observed, or 1). */
  readonly futureExposure?: readonly number[];
  /** Keep the simulated futures (for the Monte Carlo), one Float64Array per draw. */
  readonly keepDraws?: boolean;
}

export interface WeeklyForecast {
  readonly weeks: string[];
  readonly mean: number[];
  /** 80% prediction interval. */
  readonly p10: number[];
  readonly p90: number[];
  /** 95% prediction interval. */
  readonly p025: number[];
  readonly p975: number[];
  readonly model: {
    readonly coefficients: Readonly<Record<string, number>>;
    /** Variance / mean of the counts about the fit (1 = Poisson). */
    readonly dispersion: number;
    /** Change in demand a year from the trend alone (0.05 = 5%). */
    readonly trendPerYear: number;
    /** Standard error of the log of the demand level at the forecast's start (parameter uncertainty). */
    readonly levelSe: number;
    readonly weeksUsed: number;
  };
  readonly draws?: Float64Array[];
}

export class ForecastInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForecastInputError";
  }
}

const TERMS = [
  "intercept",
  "trend",
  "sin1",
  "cos1",
  "sin2",
  "cos2",
  "bank_holidays",
  "christmas_days",
] as const;

const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

const holidayCache = new Map<number, Set<string>>();
function isHoliday(iso: string): boolean {
  const y = Number(iso.slice(0, 4));
  let s = holidayCache.get(y);
  if (!s) {
    s = new Set(bankHolidays(y));
    holidayCache.set(y, s);
  }
  return s.has(iso);
}

/** The covariates of the week starting on `monday` (t in years from the series' start). */
export function weekCovariates(monday: number, t: number): number[] {
  const mid = monday + 3;
  const iso = isoOf(mid);
  const yearStart = Date.UTC(Number(iso.slice(0, 4)), 0, 1) / DAY;
  const f = (2 * Math.PI * (mid - yearStart)) / YEAR_DAYS;
  let holidays = 0;
  let christmas = 0;
  for (let k = 0; k < 5; k++) {
    const d = isoOf(monday + k);
    if (isHoliday(d)) holidays++;
    else {
      const md = d.slice(5);
      if (md >= "12-24" || md <= "01-01") christmas++;
    }
  }
  return [1, t, Math.sin(f), Math.cos(f), Math.sin(2 * f), Math.cos(2 * f), holidays, christmas];
}

interface Fit {
  readonly beta: Float64Array;
  readonly covariance: Float64Array;
  readonly dispersion: number;
}

/** Poisson regression by iteratively reweighted least squares, with a light ridge on the non-intercept terms. */
function fitPoisson(x: Float64Array, y: readonly number[], offset: Float64Array, p: number): Fit {
  const n = y.length;
  const beta = new Float64Array(p);
  const mean = y.reduce((a, b) => a + b, 0) / n;
  beta[0] = Math.log(Math.max(mean, 1e-3)) - offset.reduce((a, b) => a + b, 0) / n;
  const ridge = 1e-3 * n;
  let xtwx = new Float64Array(p * p);
  for (let iter = 0; iter < 50; iter++) {
    xtwx = new Float64Array(p * p);
    const xtwz = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      let eta = offset[i] as number;
      for (let j = 0; j < p; j++) eta += (x[i * p + j] as number) * (beta[j] as number);
      const mu = Math.exp(Math.min(eta, 30));
      const w = Math.max(mu, 1e-8);
      const z = eta - (offset[i] as number) + ((y[i] as number) - mu) / w;
      for (let j = 0; j < p; j++) {
        const xj = x[i * p + j] as number;
        xtwz[j] = (xtwz[j] as number) + xj * w * z;
        for (let k = 0; k <= j; k++)
          xtwx[j * p + k] = (xtwx[j * p + k] as number) + xj * w * (x[i * p + k] as number);
      }
    }
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) xtwx[k * p + j] = xtwx[j * p + k] as number;
    for (let j = 1; j < p; j++) xtwx[j * p + j] = (xtwx[j * p + j] as number) + ridge;
    const next = choleskySolve(cholesky(xtwx, p), p, xtwz);
    let change = 0;
    for (let j = 0; j < p; j++)
      change = Math.max(change, Math.abs((next[j] as number) - (beta[j] as number)));
    beta.set(next);
    if (change < 1e-9) break;
  }
  let pearson = 0;
  for (let i = 0; i < n; i++) {
    let eta = offset[i] as number;
    for (let j = 0; j < p; j++) eta += (x[i * p + j] as number) * (beta[j] as number);
    const mu = Math.exp(eta);
    pearson += ((y[i] as number) - mu) ** 2 / Math.max(mu, 1e-8);
  }
  const dispersion = Math.max(1, pearson / Math.max(1, n - p));
  const inv = choleskyInverse(cholesky(xtwx, p), p);
  for (let k = 0; k < inv.length; k++) inv[k] = (inv[k] as number) * dispersion;
  return { beta, covariance: inv, dispersion };
}

function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (h - lo);
}

/** Forecast the `horizon` weeks after the series. */
export function forecastWeekly(series: WeeklySeries, options: ForecastOptions): WeeklyForecast {
  const n = series.counts.length;
  if (series.weeks.length !== n) throw new ForecastInputError("weeks and counts must be the same length");
  if (n < 26) throw new ForecastInputError(`a forecast needs at least 26 weeks of history (got ${n})`);
  if (!Number.isInteger(options.horizon) || options.horizon < 1 || options.horizon > 260)
    throw new ForecastInputError("the horizon must be a whole number of weeks from 1 to 260");
  for (const c of series.counts)
    if (!(Number.isFinite(c) && c >= 0))
      throw new ForecastInputError("counts must be finite and not negative");
  const first = dayNumber(series.weeks[0] as string);
  const p = TERMS.length;
  const x = new Float64Array(n * p);
  const offset = new Float64Array(n);
  series.weeks.forEach((w, i) => {
    const day = dayNumber(w);
    if (day !== first + 7 * i) throw new ForecastInputError("weeks must be consecutive Mondays");
    x.set(weekCovariates(day, (day - first) / YEAR_DAYS), i * p);
    const e = series.exposure?.[i] ?? 1;
    if (!(e > 0)) throw new ForecastInputError("exposure must be positive");
    offset[i] = Math.log(e);
  });
  const weeks: string[] = [];
  const futureX: number[][] = [];
  const futureOffset: number[] = [];
  const lastExposure = series.exposure?.[n - 1] ?? 1;
  for (let h = 0; h < options.horizon; h++) {
    const day = first + 7 * (n + h);
    weeks.push(isoOf(day));
    futureX.push(weekCovariates(day, (day - first) / YEAR_DAYS));
    futureOffset.push(Math.log(options.futureExposure?.[h] ?? lastExposure));
  }
  const total = series.counts.reduce((a, b) => a + b, 0);
  if (total === 0) {
    const zeros = weeks.map(() => 0);
    return {
      weeks,
      mean: zeros,
      p10: zeros,
      p90: zeros,
      p025: zeros,
      p975: zeros,
      model: { coefficients: {}, dispersion: 1, trendPerYear: 0, levelSe: 0, weeksUsed: n },
    };
  }
  const fit = fitPoisson(x, series.counts, offset, p);
  const chol = cholesky(fit.covariance, p);
  const draws = options.draws ?? 2000;
  const rng = new Random(options.seed, 0xf0ec);
  const sims = Array.from({ length: options.horizon }, () => new Float64Array(draws));
  const z = new Float64Array(p);
  const b = new Float64Array(p);
  const kept: Float64Array[] = [];
  for (let d = 0; d < draws; d++) {
    for (let j = 0; j < p; j++) z[j] = rng.normal();
    for (let j = 0; j < p; j++) {
      let s = fit.beta[j] as number;
      for (let k = 0; k <= j; k++) s += (chol[j * p + k] as number) * (z[k] as number);
      b[j] = s;
    }
    const path = options.keepDraws ? new Float64Array(options.horizon) : null;
    for (let h = 0; h < options.horizon; h++) {
      const xv = futureX[h] as number[];
      let eta = futureOffset[h] as number;
      for (let j = 0; j < p; j++) eta += (xv[j] as number) * (b[j] as number);
      const y = rng.count(Math.exp(Math.min(eta, 30)), fit.dispersion);
      (sims[h] as Float64Array)[d] = y;
      if (path) path[h] = y;
    }
    if (path) kept.push(path);
  }
  const mean: number[] = [];
  const p10: number[] = [];
  const p90: number[] = [];
  const p025: number[] = [];
  const p975: number[] = [];
  for (let h = 0; h < options.horizon; h++) {
    const xv = futureX[h] as number[];
    let eta = futureOffset[h] as number;
    for (let j = 0; j < p; j++) eta += (xv[j] as number) * (fit.beta[j] as number);
    mean.push(Math.exp(eta));
    const s = (sims[h] as Float64Array).sort();
    p10.push(quantile(s, 0.1));
    p90.push(quantile(s, 0.9));
    p025.push(quantile(s, 0.025));
    p975.push(quantile(s, 0.975));
  }
  // The level's standard error at the forecast's start: var(x'β) for the first future week.
  const x0 = futureX[0] as number[];
  let v = 0;
  for (let j = 0; j < p; j++)
    for (let k = 0; k < p; k++)
      v += (x0[j] as number) * (x0[k] as number) * (fit.covariance[j * p + k] as number);
  return {
    weeks,
    mean,
    p10,
    p90,
    p025,
    p975,
    model: {
      coefficients: Object.fromEntries(TERMS.map((t, j) => [t, fit.beta[j] as number])),
      dispersion: fit.dispersion,
      trendPerYear: Math.exp(fit.beta[1] as number) - 1,
      levelSe: Math.sqrt(Math.max(0, v)),
      weeksUsed: n,
    },
    ...(options.keepDraws ? { draws: kept } : {}),
  };
}

export interface BacktestResult {
  /**
   * Share of held-back weeks inside the 80% interval, counted fairly for whole numbers: the
   * randomised probability integral transform (Czado, Gneiting and Held 2009) falls in
   * [0.1, 0.9]. Plain inclusion in [P10, P90] over-counts small counts, where one value can
   * span both ends of the interval.
   */
  readonly covered80: number;
  readonly covered95: number;
  /** Share of held-back weeks with P10 ≤ count ≤ P90 (over-counts for small counts). */
  readonly inside80: number;
  readonly weeks: number;
  readonly meanAbsolutePercentageError: number | null;
}

/**
 * Forecasts made at past dates, scored on what happened: each origin fits the weeks before it
 * and forecasts the next `horizon` weeks.
 */
export function backtest(
  list: readonly WeeklySeries[],
  options: { horizon: number; origins: readonly number[]; seed: number; draws?: number },
): BacktestResult {
  let in80 = 0;
  let in95 = 0;
  let inside = 0;
  let weeks = 0;
  const pitRng = new Random(options.seed, 0x917);
  let ape = 0;
  let apeWeeks = 0;
  list.forEach((s, si) => {
    for (const origin of options.origins) {
      const end = s.counts.length - origin;
      if (end < 26) continue;
      const past = {
        weeks: s.weeks.slice(0, end),
        counts: s.counts.slice(0, end),
        ...(s.exposure ? { exposure: s.exposure.slice(0, end) } : {}),
      };
      const h = Math.min(options.horizon, s.counts.length - end);
      const f = forecastWeekly(past, {
        horizon: h,
        seed: options.seed + si * 7919 + origin,
        draws: options.draws ?? 2000,
        keepDraws: true,
        ...(s.exposure ? { futureExposure: s.exposure.slice(end, end + h) } : {}),
      });
      const draws = f.draws ?? [];
      for (let k = 0; k < h; k++) {
        const y = s.counts[end + k] as number;
        let below = 0;
        let at = 0;
        for (const d of draws) {
          const v = d[k] as number;
          if (v < y) below++;
          else if (v === y) at++;
        }
        const pit = (below + pitRng.next() * at) / Math.max(1, draws.length);
        if (pit >= 0.1 && pit <= 0.9) in80++;
        if (pit >= 0.025 && pit <= 0.975) in95++;
        if (y >= (f.p10[k] as number) && y <= (f.p90[k] as number)) inside++;
        weeks++;
        if (y > 0) {
          ape += Math.abs(y - (f.mean[k] as number)) / y;
          apeWeeks++;
        }
      }
    }
  });
  return {
    covered80: weeks ? in80 / weeks : 0,
    covered95: weeks ? in95 / weeks : 0,
    inside80: weeks ? inside / weeks : 0,
    weeks,
    meanAbsolutePercentageError: apeWeeks ? ape / apeWeeks : null,
  };
}
