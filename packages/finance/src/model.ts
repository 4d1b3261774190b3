// The business case's arithmetic for one set of input values, year by year (docs/business-cases.md
// writes it out). Deterministic and pure: the Monte Carlo calls it once per run, run 0 with
// every input at its mean. Year t runs from t-1 to t years after the start; money is in
// today's prices and discounted as HM Treasury's Green Book does, the first year as year 0:
// year t is divided by (1 + rate)^(t-1).

/** One value per input path (INPUTS). */
export type InputValues = Readonly<Record<string, number>>;

export interface YearFigures {
  readonly year: number;
  /** People eligible in the year. */
  readonly eligible: number;
  /** Person-years taking part. */
  readonly participants: number;
  readonly admissionsAvoided: number;
  readonly bedDaysAvoided: number;
  readonly aeAvoided: number;
  readonly outpatientAvoided: number;
  /** £ saved, after optimism bias on savings. */
  readonly savings: number;
  /** £ spent, after optimism bias on costs. */
  readonly costs: number;
  /** savings − costs, undiscounted. */
  readonly net: number;
  readonly discountFactor: number;
  /** net × discount factor. */
  readonly presentValue: number;
  /** Present values summed to this year. */
  readonly cumulative: number;
}

/** The share of year t (from t-1 to t) during which a linear ramp over `years` has finished, averaged. */
export function rampShare(t: number, years: number): number {
  if (!(years > 0) || t - 1 >= years) return 1;
  if (t <= years) return (2 * t - 1) / (2 * years);
  return (years * years - (t - 1) * (t - 1)) / (2 * years) + t - years;
}

/** The share of year t after the effect begins at `lag` years. */
export function effectShare(t: number, lag: number): number {
  return Math.min(1, Math.max(0, t - lag));
}

export function discountFactor(t: number, rate: number): number {
  return 1 / (1 + rate) ** (t - 1);
}

export function project(v: InputValues, years: number, rate: number): YearFigures[] {
  const g = (k: string) => v[k] as number;
  const size = g("size");
  const growth = g("growth");
  const uptake = g("intervention.uptake");
  const attrition = g("intervention.attrition");
  const ramp = g("intervention.rampUpYears");
  const lag = g("intervention.timeToEffect");
  const trend = g("baseline.trend");
  const obCosts = g("optimismBias.costs");
  const obSavings = g("optimismBias.savings");
  const out: YearFigures[] = [];
  let cumulative = 0;
  for (let t = 1; t <= years; t++) {
    const eligible = size * (1 + growth) ** (t - 1);
    const participants = eligible * uptake * rampShare(t, ramp) * (1 - attrition) ** (t - 1);
    const perPerson = participants * (1 + trend) ** (t - 1) * effectShare(t, lag);
    const admissionsAvoided = perPerson * g("baseline.admissionsPerPerson") * g("intervention.effect");
    const aeAvoided = perPerson * g("baseline.aePerPerson") * g("intervention.effectOnAe");
    const outpatientAvoided =
      perPerson * g("baseline.outpatientPerPerson") * g("intervention.effectOnOutpatient");
    const gross =
      admissionsAvoided * g("baseline.costPerAdmission") +
      aeAvoided * g("baseline.costPerAe") +
      outpatientAvoided * g("baseline.costPerOutpatient");
    const savings = gross * (1 - obSavings);
    const costs =
      (participants * g("intervention.costPerPerson") +
        admissionsAvoided * g("intervention.costPerAdmissionAvoided") +
        g("intervention.fixedCostPerYear") +
        (t === 1 ? g("intervention.setupCost") : 0)) *
      (1 + obCosts);
    const net = savings - costs;
    const df = discountFactor(t, rate);
    const presentValue = net * df;
    cumulative += presentValue;
    out.push({
      year: t,
      eligible,
      participants,
      admissionsAvoided,
      bedDaysAvoided: admissionsAvoided * g("baseline.bedDaysPerAdmission"),
      aeAvoided,
      outpatientAvoided,
      savings,
      costs,
      net,
      discountFactor: df,
      presentValue,
      cumulative,
    });
  }
  return out;
}

/** The net present value over the horizon (the last year's cumulative). */
export function netPresentValue(v: InputValues, years: number, rate: number): number {
  const p = project(v, years, rate);
  return p[p.length - 1]?.cumulative ?? 0;
}

/**
 * How much the net present value rises per unit of the reduction in emergency admissions
 * (it is linear in it: the reduction scales the admissions avoided, whose savings and the
 * cost of the care given instead are both proportional to them).
 */
export function effectSlope(v: InputValues, years: number, rate: number): number {
  const g = (k: string) => v[k] as number;
  const perAdmission =
    g("baseline.costPerAdmission") * (1 - g("optimismBias.savings")) -
    g("intervention.costPerAdmissionAvoided") * (1 + g("optimismBias.costs"));
  let slope = 0;
  for (let t = 1; t <= years; t++) {
    const eligible = g("size") * (1 + g("growth")) ** (t - 1);
    const participants =
      eligible *
      g("intervention.uptake") *
      rampShare(t, g("intervention.rampUpYears")) *
      (1 - g("intervention.attrition")) ** (t - 1);
    const perPerson =
      participants * (1 + g("baseline.trend")) ** (t - 1) * effectShare(t, g("intervention.timeToEffect"));
    slope += perPerson * g("baseline.admissionsPerPerson") * perAdmission * discountFactor(t, rate);
  }
  return slope;
}

/**
 * The reduction in emergency admissions at which the case breaks even over the horizon, the
 * other inputs as given, from the net present value at the given reduction and its slope.
 * Null when no reduction from 0 to 100% does (or savings do not depend on it).
 */
export function breakEvenFrom(npv: number, effect: number, slope: number): number | null {
  if (!(slope > 0)) return null;
  const e = effect - npv / slope;
  return e >= 0 && e <= 1 ? e : e < 0 ? 0 : null;
}

export function breakEvenEffect(v: InputValues, years: number, rate: number): number | null {
  return breakEvenFrom(
    netPresentValue(v, years, rate),
    v["intervention.effect"] as number,
    effectSlope(v, years, rate),
  );
}
