// Calibrates the model on samples drawn from the reference population, so recorded prevalence
// matches QOF and each age band's emergency admissions and deaths match HES and ONS whatever
// the population's make-up. Deterministic for a seed.
//
// Condition intercepts: Newton's method on a 30,000-person sample. Rate norms: a sample
// stratified by sex and age band is simulated (conditions with their onsets, frailty, care
// home) through the three years before the as-of date and the year after; each band's norm (one
// per year: the frailest die first) is the mean of the person modifiers over the person-years
// expected in it, given surviving to it, since the rates (HES, ONS) are per person-year. Deaths
// depend on the norms, so this repeats until they settle.
import { admissionBandCount, admissionBandIndex } from "./admissions.ts";
import type { PopulationCells } from "./cells.ts";
import { CONDITION_INDEX, CONDITIONS } from "./conditions.ts";
import { type ConditionState, drawConditions } from "./draw-conditions.ts";
import { type Baseline, conditionLogit, drawBaseline, sigmoid } from "./features.ts";
import { drawFrailty } from "./frailty.ts";
import { admissionAgeLog, periodRates, type RateNorms, sexIndex } from "./hazards.ts";
import { bandIndex, deathRateBands, onsDeathRates } from "./mortality.ts";
import { Rng } from "./rng.ts";

export interface Calibration extends RateNorms {
  /** Condition intercepts, in CONDITIONS order. */
  readonly conditionIntercepts: readonly number[];
}

const SAMPLE = 30_000;
const NORM_SAMPLE_PER_STRATUM = 2_000;
const NORM_ITERATIONS = 4;
const YEAR = 365.25;
const LD = CONDITION_INDEX.get("LD") ?? -1;

function ldLogit(b: Baseline): number {
  const spec = CONDITIONS[LD];
  return spec ? conditionLogit(spec, b, b.age) : Number.NEGATIVE_INFINITY;
}

/**
 * The intercept a at which the weighted sum over rows of sigmoid(a + x), times the diagnosed
 * share, is the target share of n (Newton's method; each row can be a mixture over learning
 * disability status).
 */
function interceptFor(
  target: number,
  diagnosed: number,
  x: Float64Array,
  w: Float64Array,
  n: number,
): number {
  const goal = (target / diagnosed) * n;
  let a = Math.log(target / diagnosed / (1 - target / diagnosed)) - 2;
  for (let iter = 0; iter < 40; iter++) {
    let f = 0;
    let df = 0;
    for (let i = 0; i < x.length; i++) {
      const sgm = sigmoid(a + (x[i] ?? 0));
      const wi = w[i] ?? 0;
      f += wi * sgm;
      df += wi * sgm * (1 - sgm);
    }
    const step = (f - goal) / Math.max(df, 1e-12);
    a -= Math.max(-3, Math.min(3, step));
    if (Math.abs(step) < 1e-7) break;
  }
  return a;
}

/** Condition intercepts so recorded prevalence (diagnosed share × true) meets each target. */
function conditionIntercepts(sample: readonly Baseline[]): number[] {
  const intercepts = new Array<number>(CONDITIONS.length).fill(0);
  // Learning disability first: the other conditions depend on it.
  const ldSpec = CONDITIONS[LD];
  if (ldSpec) {
    const eligible = sample.filter((b) => b.age >= ldSpec.denominatorMinAge);
    const x = Float64Array.from(
      eligible.filter((b) => b.age >= ldSpec.minAge),
      (b) => ldLogit(b),
    );
    intercepts[LD] = interceptFor(
      ldSpec.target,
      ldSpec.diagnosed,
      x,
      new Float64Array(x.length).fill(1),
      eligible.length,
    );
  }
  CONDITIONS.forEach((spec, i) => {
    if (i === LD) return;
    const eligible = sample.filter((b) => b.age >= spec.denominatorMinAge);
    const cases = eligible.filter((b) => b.age >= spec.minAge);
    // Each row twice: with and without a learning disability, weighted by its probability.
    const x = new Float64Array(2 * cases.length);
    const w = new Float64Array(2 * cases.length);
    cases.forEach((b, k) => {
      const pLd = sigmoid((intercepts[LD] ?? 0) + ldLogit(b));
      x[2 * k] = conditionLogit(spec, b, b.age, true);
      w[2 * k] = pLd;
      x[2 * k + 1] = conditionLogit(spec, b, b.age);
      w[2 * k + 1] = 1 - pLd;
    });
    intercepts[i] = interceptFor(spec.target, spec.diagnosed, x, w, eligible.length);
  });
  return intercepts;
}

export function calibrate(
  cells: PopulationCells,
  seed: number,
  deficitWeights: readonly number[],
): Calibration {
  const rng = new Rng(seed, 0x7fffffff);
  const sample: Baseline[] = [];
  for (let i = 0; i < SAMPLE; i++) {
    const cell = cells.randomCell(rng);
    sample.push(drawBaseline(rng, cell.lsoa, cell.sex, cells.drawAge(rng, cell.age)));
  }
  const intercepts = conditionIntercepts(sample);
  return { conditionIntercepts: intercepts, ...rateNorms(cells, rng, intercepts, deficitWeights) };
}

interface SimulatedPerson {
  readonly b: Baseline;
  readonly birth: number;
  readonly conditions: readonly ConditionState[];
  readonly deficits: number;
  readonly careHome: boolean;
  /** People in the population this draw stands for. */
  readonly weight: number;
}

function add(
  sum: Float64Array | undefined,
  weight: Float64Array | undefined,
  i: number,
  w: number,
  x: number,
) {
  if (!sum || !weight) return;
  sum[i] = (sum[i] ?? 0) + w * x;
  weight[i] = (weight[i] ?? 0) + w;
}

function rateNorms(
  cells: PopulationCells,
  rng: Rng,
  intercepts: readonly number[],
  deficitWeights: readonly number[],
): RateNorms {
  const bands = deathRateBands();
  const people: SimulatedPerson[] = [];
  for (const sex of ["F", "M"] as const) {
    for (const band of bands) {
      const stratum = cells.stratum((c) => c.sex === sex && c.age >= band.from && c.age <= band.to);
      if (!stratum) continue;
      for (let i = 0; i < NORM_SAMPLE_PER_STRATUM; i++) {
        const cell = stratum.draw(rng);
        const b = drawBaseline(rng, cell.lsoa, cell.sex, cells.drawAge(rng, cell.age));
        // The as-of date is day 0 here.
        const birth = Math.floor(-b.age * YEAR - rng.next() * 365);
        const { has, conditions } = drawConditions(rng, intercepts, b, birth, 0);
        const f = drawFrailty(rng, b, conditions.length, has, deficitWeights);
        people.push({
          b,
          birth,
          conditions,
          deficits: f.deficits.length,
          careHome: f.careHome,
          weight: stratum.total / NORM_SAMPLE_PER_STRATUM,
        });
      }
    }
  }
  const periods = [-3, -2, -1, 0].map((k) => ({
    start: Math.floor(k * YEAR),
    end: Math.floor((k + 1) * YEAR),
  }));
  const rates = onsDeathRates().rates;
  const bandRate = (sex: "F" | "M", k: number) =>
    (rates.find((r) => r.sex === sex && r.from === bands[k]?.from)?.per1000 ?? 1) / 1000;
  const nA = admissionBandCount();
  const nM = 2 * bands.length;
  let norms: RateNorms = {
    admissionNorms: periods.map(() => new Float64Array(nA).fill(1)),
    mortalityNorms: periods.map(() => new Float64Array(nM).fill(1)),
  };
  for (let iter = 0; iter < NORM_ITERATIONS; iter++) {
    const aSum = periods.map(() => new Float64Array(nA));
    const aWeight = periods.map(() => new Float64Array(nA));
    const mSum = periods.map(() => new Float64Array(nM));
    const mWeight = periods.map(() => new Float64Array(nM));
    for (const p of people) {
      let survival = 1;
      periods.forEach((period, k) => {
        const r = periodRates(norms, p, period, k, 0);
        if (r.exposure <= 0) return;
        const ageMid = Math.max(0, p.b.age + period.start / YEAR + 0.5);
        // The years the person is expected to live in the period (the published rates are per
        // person-year: the frailest contribute the fewest, dying early in it).
        const lived = r.death > 1e-9 ? -Math.expm1(-r.death * r.exposure) / r.death : r.exposure;
        const w = p.weight * survival * lived;
        // Un-normalised modifiers: this iteration's rate times its norm.
        const ka = admissionBandIndex(ageMid);
        add(aSum[k], aWeight[k], ka, w, r.admission * Math.exp(-admissionAgeLog(norms, k, ageMid)));
        const b = bandIndex(ageMid);
        const km = sexIndex(p.b.sex) * bands.length + b;
        add(
          mSum[k],
          mWeight[k],
          km,
          w,
          (r.death * (norms.mortalityNorms[k]?.[km] ?? 1)) / bandRate(p.b.sex, b),
        );
        survival *= Math.exp(-r.death * r.exposure);
      });
    }
    const mean = (sum: Float64Array[], weight: Float64Array[]) =>
      sum.map((s, k) => s.map((x, i) => ((weight[k]?.[i] ?? 0) > 0 ? x / (weight[k]?.[i] ?? 1) : 1)));
    norms = { admissionNorms: mean(aSum, aWeight), mortalityNorms: mean(mSum, mWeight) };
  }
  return norms;
}
