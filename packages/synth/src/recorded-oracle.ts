// The "recorded-information oracle": a person's probability of an emergency admission in a
// period given only what the record shows at the period's start, as far as the generator's
// own model allows. The true probability (truth/risk.csv `p_emergency_admission`) also uses
// the latent ill-health factor h, undiagnosed conditions and uncoded frailty symptoms, which
// no warehouse holds; this one integrates them out against their posterior given the record:
//
//   h ~ N(0.25·dep, 1) on a grid; conditions coded by the period start (likelihood p_c(h)) and
//   not coded (1 − p_c(h)·d_c, d_c the diagnosed share); frailty symptoms coded so far (a
//   thinned Poisson count) and the uncoded remainder J; community contacts (Poisson in the
//   symptom count) and outpatient appointments (Poisson in the condition count) so far; and
//   emergency admissions in each earlier period (Poisson in the true rate).
//
// Approximations, all documented in docs/risk-stratification.md: a condition coded after the
// period start counts as uncoded-by-then with the overall diagnosed share; undiagnosed
// conditions enter the rate through their expected factor given h; coded conditions count in
// every earlier period; smoking status and care-home residence are taken as known; some weak
// signals are not used (biomarkers of undiagnosed diabetes, CKD or hypertension; council
// services; elective admissions; imaging). So it is a close lower estimate of the best any
// model of the recorded data could do, not an exact bound.

import { CONDITIONS } from "./conditions.ts";
import type { SimContext } from "./context.ts";
import { conditionLogit, sigmoid } from "./features.ts";
import { FRAILTY, frailtyMean } from "./frailty.ts";
import { admissionAgeLog, admissionLinear, CARE_HOME_ADMISSION } from "./hazards.ts";
import type { SimPerson } from "./person.ts";

/** Days of the events the writers actually put in the extract that the oracle conditions on. */
export interface RecordLog {
  readonly emergencyAdmissions: number[];
  readonly symptomCodes: number[];
  readonly communityContacts: number[];
  readonly outpatients: number[];
}

export function newRecordLog(): RecordLog {
  return { emergencyAdmissions: [], symptomCodes: [], communityContacts: [], outpatients: [] };
}

const YEAR = 365.25;
const HISTORY_YEAR = 365;
const H_POINTS = 21;
const H_HALF_WIDTH = 4;
const J_MAX = 25;
const SYMPTOM_EFFECT = FRAILTY.admission;
const CARE_HOME_EFFECT = CARE_HOME_ADMISSION;
const LOG_INT = Float64Array.from({ length: J_MAX + 1 }, (_, j) => (j === 0 ? 0 : Math.log(j)));
const LOG_W = new Float64Array(H_POINTS * (J_MAX + 1));
const PROBS = new Float64Array(H_POINTS * (J_MAX + 1));
const SYMPTOM_GROWTH = Float64Array.from({ length: J_MAX + 1 }, (_, j) => Math.exp(SYMPTOM_EFFECT * j));

const countUpTo = (days: readonly number[], from: number, to: number) => {
  let n = 0;
  for (const d of days) if (d >= from && d <= to) n++;
  return n;
};

/** Per period of the context: P(at least one emergency admission | the record at its start). */
export function recordedAdmissionProbabilities(ctx: SimContext, p: SimPerson, log: RecordLog): number[] {
  const grid = conditionGrid(ctx, p);
  return ctx.periods.map((_, k) => recordedAdmissionProbability(ctx, p, log, k, grid));
}

/** Each eligible condition's likelihood terms at every grid point of h (they do not depend on the period). */
interface ConditionGrid {
  readonly conditions: readonly { readonly admission: number; readonly diagnosed: number | null }[];
  /** H_POINTS × conditions, row-major: log p_c(h), log(1 − p_c(h)·d_c), q_c(h), log(1 + q_c(h)(e^a_c − 1)). */
  readonly logP: Float64Array;
  readonly logNot: Float64Array;
  readonly q: Float64Array;
  readonly logFactor: Float64Array;
}

function conditionGrid(ctx: SimContext, p: SimPerson): ConditionGrid {
  const { b } = p;
  const b0 = { ...b, h: 0 };
  // Conditions depend on learning disability: taken as known when it is coded.
  const ld = p.conditions.some((c) => CONDITIONS[c.index]?.id === "LD" && c.diagnosed !== null);
  const eligible = CONDITIONS.flatMap((spec, i) =>
    b.age < spec.minAge
      ? []
      : [
          {
            spec,
            lin0: (ctx.calibration.conditionIntercepts[i] ?? 0) + conditionLogit(spec, b0, b.age, ld),
            diagnosed: p.conditions.find((c) => c.index === i)?.diagnosed ?? null,
          },
        ],
  );
  const n = eligible.length;
  const logP = new Float64Array(H_POINTS * n);
  const logNot = new Float64Array(H_POINTS * n);
  const q = new Float64Array(H_POINTS * n);
  const logFactor = new Float64Array(H_POINTS * n);
  for (let g = 0; g < H_POINTS; g++) {
    const h = hAt(b.dep, g);
    eligible.forEach((c, j) => {
      const pc = sigmoid(c.lin0 + c.spec.latent * h);
      const notCoded = 1 - pc * c.spec.diagnosed;
      const qc = (pc * (1 - c.spec.diagnosed)) / notCoded;
      logP[g * n + j] = Math.log(pc);
      logNot[g * n + j] = Math.log(notCoded);
      q[g * n + j] = qc;
      logFactor[g * n + j] = Math.log1p(qc * (Math.exp(c.spec.admission) - 1));
    });
  }
  return {
    conditions: eligible.map((c) => ({ admission: c.spec.admission, diagnosed: c.diagnosed })),
    logP,
    logNot,
    q,
    logFactor,
  };
}

function hAt(dep: number, g: number): number {
  return 0.25 * dep - H_HALF_WIDTH + (2 * H_HALF_WIDTH * g) / (H_POINTS - 1);
}

function recordedAdmissionProbability(
  ctx: SimContext,
  p: SimPerson,
  log: RecordLog,
  k: number,
  grid: ConditionGrid,
): number {
  const { b } = p;
  const period = ctx.periods[k];
  if (!period) return Number.NaN;
  const s = period.start;
  const { asOf } = ctx;
  const ageAt = (day: number) => b.age - (asOf - day) / YEAR;
  const fixed = admissionLinear({ ...b, h: 0 }) + (p.careHome ? CARE_HOME_EFFECT : 0);

  // Conditions: coded by the period start, or not.
  const n = grid.conditions.length;
  const isCoded = grid.conditions.map((c) => c.diagnosed !== null && c.diagnosed <= s);
  let codedCount = 0;
  let codedEffect = 0;
  grid.conditions.forEach((c, j) => {
    if (isCoded[j]) {
      codedCount++;
      codedEffect += c.admission;
    }
  });

  // Frailty deficits (drawn for people 40+ at the as-of date; coded up to three years before it).
  const frailtyPossible = b.age >= FRAILTY.minAge;
  const m = countUpTo(log.symptomCodes, Number.NEGATIVE_INFINITY, s);
  const visible = Math.min(1, Math.max(0, 1 - (asOf - s) / (3 * HISTORY_YEAR)));

  // Exposure to each history year before s, for the yearly activity counts.
  const years = [0, 1, 2].map((y) => {
    const start = ctx.historyStart + y * HISTORY_YEAR;
    return { exposure: Math.min(1, Math.max(0, (s - start) / HISTORY_YEAR)), age: b.age - (2 - y) };
  });
  const nCommunity = countUpTo(log.communityContacts, ctx.historyStart, s);
  const nOutpatient = countUpTo(log.outpatients, ctx.historyStart, s);
  let communityBase = 0;
  let communityPerSymptom = 0;
  let outpatientBase = 0;
  let outpatientPerCondition = 0;
  for (const y of years) {
    if (y.age < 0) continue;
    communityBase += y.exposure * ((y.age >= 65 ? 0.25 : 0.02) + (p.careHome ? 3 : 0));
    communityPerSymptom += y.exposure * FRAILTY.community;
    outpatientBase += y.exposure * (0.45 + 0.012 * Math.max(0, y.age - 20));
    outpatientPerCondition += y.exposure * 0.3;
  }

  // Earlier periods' emergency admissions.
  const earlier: { count: number; exposure: number; ageEffect: number }[] = [];
  for (let j = 0; j < k; j++) {
    const pj = ctx.periods[j];
    if (!pj || pj.start < ctx.historyStart) continue;
    const from = Math.max(pj.start, p.birth);
    const exposure = Math.max(0, (pj.end - from) / (pj.end - pj.start));
    if (exposure === 0) continue;
    earlier.push({
      count: countUpTo(log.emergencyAdmissions, pj.start, pj.end - 1),
      exposure,
      ageEffect: admissionAgeLog(ctx.calibration, j, Math.max(0, ageAt(pj.start) + 0.5)),
    });
  }
  const targetAgeEffect = admissionAgeLog(ctx.calibration, k, Math.max(0, ageAt(s) + 0.5));

  const logW = LOG_W;
  const probs = PROBS;
  let cells = 0;
  for (let g = 0; g < H_POINTS; g++) {
    const z = -H_HALF_WIDTH + (2 * H_HALF_WIDTH * g) / (H_POINTS - 1);
    const h = hAt(b.dep, g);
    let logL = -0.5 * z * z;
    let expectedUncoded = 0;
    let logFactor = 0;
    for (let j = 0; j < n; j++) {
      const at = g * n + j;
      if (isCoded[j]) logL += grid.logP[at] ?? 0;
      else {
        logL += grid.logNot[at] ?? 0;
        expectedUncoded += grid.q[at] ?? 0;
        logFactor += grid.logFactor[at] ?? 0;
      }
    }
    const conditionCount = codedCount + expectedUncoded;
    const op = outpatientBase + outpatientPerCondition * conditionCount;
    if (op > 0) logL += nOutpatient * Math.log(op) - op;
    const baseLog = fixed + 0.5 * h + codedEffect + logFactor + SYMPTOM_EFFECT * m;
    const mu = frailtyPossible ? frailtyMean(b.age, h, conditionCount) : 0;
    if (frailtyPossible && visible > 0) logL += m * Math.log(mu * visible) - mu * visible;
    // Uncoded symptoms J ~ Poisson(unseen), independent of the coded ones given h (thinning).
    const unseen = mu * (1 - visible);
    // Four standard deviations of the Poisson cover all but about 1 in 10,000 of its mass.
    const jMax = unseen > 0 ? Math.min(J_MAX, Math.ceil(unseen + 4 * Math.sqrt(unseen) + 2)) : 0;
    const logUnseen = unseen > 0 ? Math.log(unseen) : 0;
    // Earlier periods: the log-likelihood is count·log(rate) − rate with rate = R·e^(a·J).
    let earlierLog = 0;
    let countSum = 0;
    let rateSum = 0;
    for (const e of earlier) {
      const logRate = baseLog + e.ageEffect + Math.log(e.exposure);
      earlierLog += e.count * logRate;
      countSum += e.count;
      rateSum += Math.exp(logRate);
    }
    const target = Math.exp(baseLog + targetAgeEffect);
    const countEffect = countSum * SYMPTOM_EFFECT;
    let logPoisJ = -unseen;
    for (let J = 0; J <= jMax; J++) {
      if (J > 0) logPoisJ += logUnseen - (LOG_INT[J] ?? 0);
      const grow = SYMPTOM_GROWTH[J] ?? 1;
      let lw = logL + logPoisJ + earlierLog + countEffect * J - rateSum * grow;
      if (nCommunity > 0) {
        const cc = communityBase + communityPerSymptom * (m + J);
        if (cc > 0) lw += nCommunity * Math.log(cc) - cc;
      } else lw -= communityBase + communityPerSymptom * (m + J);
      logW[cells] = lw;
      probs[cells] = -Math.expm1(-target * grow);
      cells++;
    }
  }
  let num = 0;
  let den = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < cells; i++) max = Math.max(max, logW[i] ?? max);
  for (let i = 0; i < cells; i++) {
    const w = Math.exp((logW[i] ?? 0) - max);
    num += w * (probs[i] ?? 0);
    den += w;
  }
  return num / den;
}
