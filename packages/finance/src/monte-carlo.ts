// The business case's seeded Monte Carlo, in the habits of the Strategy Unit's nhp_model:
// every run's input values are drawn up front from one seed (each input on its own stream,
// so adding an input leaves the others' draws as they were), run 0 is the deterministic
// baseline with every input at its mean, and the results are P10/P50/P90 and means over
// runs 1…N. Same case and seed, same result, to the bit.
import { type BusinessCase, DEFAULTS, type RiskShare, resolveInputs, valueAt } from "./case.ts";
import { describeValue, draw as drawOne, isFixed, meanOf, quantileOf, type Value } from "./distributions.ts";
import { INPUTS, type InputUnit } from "./inputs.ts";
import {
  breakEvenEffect,
  breakEvenFrom,
  effectSlope,
  type InputValues,
  netPresentValue,
  project,
  type YearFigures,
} from "./model.ts";
import { Random, streamOf } from "./random.ts";
import { type Summary, spearman, summarise } from "./summary.ts";

export type { Summary } from "./summary.ts";

export interface InputUsed {
  readonly path: string;
  readonly label: string;
  readonly unit: InputUnit;
  readonly value: Value;
  /** The value in words. */
  readonly described: string;
  /** Where it came from: the case, the cohort's data, or the neutral default. */
  readonly source: "case" | "cohort" | "default";
  readonly mean: number;
  readonly p10: number;
  readonly p90: number;
  /** Draws outside the input's range, held to it. */
  readonly heldToRange: number;
}

export interface YearSummary extends Summary {
  readonly year: number;
  readonly discountFactor: number;
  /** Cumulative discounted net savings to the end of this year. */
  readonly cumulative: Summary;
  /** Share of runs whose cumulative is above 0 by the end of this year. */
  readonly probabilityPositive: number;
  readonly savings: Summary;
  readonly costs: Summary;
  readonly participants: Summary;
  readonly admissionsAvoided: Summary;
  readonly bedDaysAvoided: Summary;
}

export interface TornadoBar {
  readonly path: string;
  readonly label: string;
  /** The input at its P10 and P90. */
  readonly lowValue: number;
  readonly highValue: number;
  /** Net present value with the input at its P10 / P90 and every other at its mean. */
  readonly atLow: number;
  readonly atHigh: number;
  /** |atHigh − atLow|. */
  readonly swing: number;
  /** Spearman's rank correlation of the input's draws with the net present value over the runs. */
  readonly correlation: number;
}

export interface PartyPosition extends Summary {
  readonly probabilityLoss: number;
}

export interface BusinessCaseResult {
  readonly name: string;
  readonly years: number;
  readonly discountRate: number;
  readonly runs: number;
  readonly seed: number;
  /** Net present value over the horizon (cumulative discounted net savings). */
  readonly cumulative: Summary;
  /** Share of runs whose net present value is above 0. */
  readonly probabilityPositive: number;
  /** Each year's discounted net savings (p10…mean) with the cumulative and the parts. */
  readonly byYear: readonly YearSummary[];
  /** Run 0: every input at its mean. */
  readonly baselineRun: { readonly byYear: readonly YearFigures[]; readonly cumulative: number };
  readonly breakEven: {
    /** Reduction in emergency admissions needed to break even, other inputs at their means (null: none up to 100%). */
    readonly effect: number | null;
    /** The same over the runs, other inputs as drawn (runs where none would are left out). */
    readonly effectRange: Summary | null;
    readonly runsWithoutBreakEven: number;
    /** First year whose median cumulative is above 0 (null: not within the horizon). */
    readonly year: number | null;
  };
  /** Totals over the horizon. */
  readonly activityAvoided: {
    readonly admissions: Summary;
    readonly bedDays: Summary;
    readonly ae: Summary;
    readonly outpatient: Summary;
  };
  readonly tornado: readonly TornadoBar[];
  readonly riskShare: {
    readonly terms: RiskShare;
    readonly providers: PartyPosition;
    readonly commissioner: PartyPosition;
  } | null;
  readonly inputs: readonly InputUsed[];
  readonly warnings: readonly string[];
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Draws every input for runs 0…N: run 0 at the mean, the rest from the input's own stream. */
export function drawInputs(
  inputs: ReadonlyMap<string, Value>,
  runs: number,
  seed: number,
): { draws: Map<string, Float64Array>; heldToRange: Map<string, number> } {
  const draws = new Map<string, Float64Array>();
  const heldToRange = new Map<string, number>();
  for (const spec of INPUTS) {
    const v = inputs.get(spec.path) as Value;
    const out = new Float64Array(runs + 1);
    let held = 0;
    if (isFixed(v)) out.fill(v);
    else {
      out[0] = clamp(meanOf(v), spec.min, spec.max);
      const rng = new Random(seed, streamOf(spec.path));
      for (let r = 1; r <= runs; r++) {
        const x = drawOne(v, rng);
        const y = clamp(x, spec.min, spec.max);
        if (y !== x) held++;
        out[r] = y;
      }
    }
    draws.set(spec.path, out);
    heldToRange.set(spec.path, held);
  }
  return { draws, heldToRange };
}

function valuesOf(draws: Map<string, Float64Array>, r: number): Record<string, number> {
  const v: Record<string, number> = {};
  for (const [k, a] of draws) v[k] = a[r] as number;
  return v;
}

function providerShare(s: number, terms: RiskShare): number {
  if (s >= 0) return terms.providerGainShare * s;
  const loss = terms.providerLossShare * -s;
  return -(terms.providerLossCap === undefined ? loss : Math.min(loss, terms.providerLossCap));
}

export interface RunOptions {
  /** Values the cohort's data give for inputs the case leaves out (path → value). */
  readonly fromCohort?: Readonly<Record<string, number>>;
}

/** Runs a validated business case. */
export function runBusinessCase(c: BusinessCase, options: RunOptions = {}): BusinessCaseResult {
  const years = c.years ?? DEFAULTS.years;
  const rate = c.discountRate ?? DEFAULTS.discountRate;
  const runs = c.runs ?? DEFAULTS.runs;
  const seed = c.seed ?? DEFAULTS.seed;
  const fromCohort = options.fromCohort ?? {};
  const inputs = resolveInputs(c, fromCohort);
  const { draws, heldToRange } = drawInputs(inputs, runs, seed);

  const npv = new Float64Array(runs);
  const perYear = (n: number) => Array.from({ length: years }, () => new Float64Array(n));
  const pv = perYear(runs);
  const cum = perYear(runs);
  const savings = perYear(runs);
  const costs = perYear(runs);
  const participants = perYear(runs);
  const admissions = perYear(runs);
  const bedDays = perYear(runs);
  const totals = {
    admissions: new Float64Array(runs),
    bedDays: new Float64Array(runs),
    ae: new Float64Array(runs),
    outpatient: new Float64Array(runs),
  };
  const breakEvens: number[] = [];
  let withoutBreakEven = 0;

  const baseValues = valuesOf(draws, 0);
  const baseline = project(baseValues, years, rate);
  for (let r = 1; r <= runs; r++) {
    const v = valuesOf(draws, r);
    const p = project(v, years, rate);
    const i = r - 1;
    let adm = 0;
    let beds = 0;
    let ae = 0;
    let op = 0;
    for (let t = 0; t < years; t++) {
      const y = p[t] as YearFigures;
      (pv[t] as Float64Array)[i] = y.presentValue;
      (cum[t] as Float64Array)[i] = y.cumulative;
      (savings[t] as Float64Array)[i] = y.savings;
      (costs[t] as Float64Array)[i] = y.costs;
      (participants[t] as Float64Array)[i] = y.participants;
      (admissions[t] as Float64Array)[i] = y.admissionsAvoided;
      (bedDays[t] as Float64Array)[i] = y.bedDaysAvoided;
      adm += y.admissionsAvoided;
      beds += y.bedDaysAvoided;
      ae += y.aeAvoided;
      op += y.outpatientAvoided;
    }
    npv[i] = (p[years - 1] as YearFigures).cumulative;
    totals.admissions[i] = adm;
    totals.bedDays[i] = beds;
    totals.ae[i] = ae;
    totals.outpatient[i] = op;
    const be = breakEvenFrom(
      npv[i] as number,
      v["intervention.effect"] as number,
      effectSlope(v, years, rate),
    );
    if (be === null) withoutBreakEven++;
    else breakEvens.push(be);
  }

  const positive = (a: Float64Array) => {
    let k = 0;
    for (const x of a) if (x > 0) k++;
    return k / a.length;
  };
  const byYear: YearSummary[] = [];
  for (let t = 0; t < years; t++) {
    byYear.push({
      year: t + 1,
      discountFactor: (baseline[t] as YearFigures).discountFactor,
      ...summarise(pv[t] as Float64Array),
      cumulative: summarise(cum[t] as Float64Array),
      probabilityPositive: positive(cum[t] as Float64Array),
      savings: summarise(savings[t] as Float64Array),
      costs: summarise(costs[t] as Float64Array),
      participants: summarise(participants[t] as Float64Array),
      admissionsAvoided: summarise(admissions[t] as Float64Array),
      bedDaysAvoided: summarise(bedDays[t] as Float64Array),
    });
  }
  const breakEvenYear = byYear.find((y) => y.cumulative.p50 > 0)?.year ?? null;

  const inputsUsed: InputUsed[] = INPUTS.map((spec) => {
    const value = inputs.get(spec.path) as Value;
    const source =
      valueAt(c, spec.path) !== undefined ? "case" : spec.path in fromCohort ? "cohort" : "default";
    return {
      path: spec.path,
      label: spec.label,
      unit: spec.unit,
      value,
      described: describeValue(value),
      source,
      mean: meanOf(value),
      p10: clamp(quantileOf(value, 0.1), spec.min, spec.max),
      p90: clamp(quantileOf(value, 0.9), spec.min, spec.max),
      heldToRange: heldToRange.get(spec.path) ?? 0,
    };
  });

  const tornado: TornadoBar[] = inputsUsed
    .filter((i) => !isFixed(i.value))
    .map((i) => {
      const atLow = netPresentValue({ ...baseValues, [i.path]: i.p10 }, years, rate);
      const atHigh = netPresentValue({ ...baseValues, [i.path]: i.p90 }, years, rate);
      return {
        path: i.path,
        label: i.label,
        lowValue: i.p10,
        highValue: i.p90,
        atLow,
        atHigh,
        swing: Math.abs(atHigh - atLow),
        correlation: spearman((draws.get(i.path) as Float64Array).subarray(1), npv),
      };
    })
    .sort((a, b) => b.swing - a.swing || a.path.localeCompare(b.path));

  const warnings: string[] = [];
  for (const i of inputsUsed)
    if (i.heldToRange > 0)
      warnings.push(
        `${i.heldToRange.toLocaleString("en-GB")} of ${runs.toLocaleString("en-GB")} draws of "${i.label}" fell outside its range and were held to it; a triangular, uniform or beta distribution stays inside`,
      );

  let riskShare: BusinessCaseResult["riskShare"] = null;
  if (c.riskShare) {
    const terms = c.riskShare;
    const prov = new Float64Array(runs);
    const comm = new Float64Array(runs);
    for (let i = 0; i < runs; i++) {
      const s = npv[i] as number;
      prov[i] = providerShare(s, terms);
      comm[i] = s - (prov[i] as number);
    }
    const lossShare = (a: Float64Array) => {
      let k = 0;
      for (const x of a) if (x < 0) k++;
      return k / a.length;
    };
    riskShare = {
      terms,
      providers: { ...summarise(prov), probabilityLoss: lossShare(prov) },
      commissioner: { ...summarise(comm), probabilityLoss: lossShare(comm) },
    };
  }

  return {
    name: c.name,
    years,
    discountRate: rate,
    runs,
    seed,
    cumulative: summarise(npv),
    probabilityPositive: positive(npv),
    byYear,
    baselineRun: { byYear: baseline, cumulative: (baseline[years - 1] as YearFigures).cumulative },
    breakEven: {
      effect: breakEvenEffect(baseValues as InputValues, years, rate),
      effectRange: breakEvens.length ? summarise(Float64Array.from(breakEvens)) : null,
      runsWithoutBreakEven: withoutBreakEven,
      year: breakEvenYear,
    },
    activityAvoided: {
      admissions: summarise(totals.admissions),
      bedDays: summarise(totals.bedDays),
      ae: summarise(totals.ae),
      outpatient: summarise(totals.outpatient),
    },
    tornado,
    riskShare,
    inputs: inputsUsed,
    warnings,
  };
}
