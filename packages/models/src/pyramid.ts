// The risk pyramid (Wennberg; Roland et al., BMJ 2012;345:e6017): people ranked by predicted
// risk into very high (top 0.5%), high (next 4.5%), moderate (next 15%) and low (the other
// 80%), with each tier's share of people, emergency admissions and spend, its admission rate
// relative to the average, and the targeting arithmetic: to cut all admissions by r by
// working with one tier only, that tier must avoid r × total ÷ tier admissions of its own.
import { ModelInputError, sameLength } from "./errors.ts";
import { descendingOrder } from "./order.ts";

export const RISK_TIERS = ["very_high", "high", "moderate", "low"] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

/** Upper bound of each tier as a cumulative share of people ranked by risk. */
export const TIER_BOUNDS: Readonly<Record<RiskTier, number>> = {
  very_high: 0.005,
  high: 0.05,
  moderate: 0.2,
  low: 1,
};

export interface PyramidTier {
  readonly tier: RiskTier;
  readonly persons: number;
  readonly populationShare: number;
  readonly admissions: number;
  readonly admissionShare: number;
  readonly spend: number;
  readonly spendShare: number;
  readonly admissionsPer1000: number;
  /** Tier admission rate ÷ overall admission rate. */
  readonly relativeRate: number;
  /** Share of this tier's admissions to avoid for the chosen overall reduction (> 1: impossible). */
  readonly requiredReduction: number;
}

export interface Pyramid {
  readonly persons: number;
  readonly admissions: number;
  readonly spend: number;
  readonly targetReduction: number;
  readonly tiers: readonly PyramidTier[];
}

/** The tier of each row by its rank in descending score (ties: earlier rows rank higher). */
export function assignTiers(scores: ArrayLike<number>): RiskTier[] {
  const n = scores.length;
  const order = descendingOrder(scores);
  const tiers: RiskTier[] = new Array(n);
  const cut = RISK_TIERS.map((t) => Math.round(TIER_BOUNDS[t] * n));
  order.forEach((row, rank) => {
    const t = cut.findIndex((c) => rank < c);
    tiers[row] = RISK_TIERS[t === -1 ? RISK_TIERS.length - 1 : t] ?? "low";
  });
  return tiers;
}

export function pyramid(
  tiers: readonly RiskTier[],
  admissions: ArrayLike<number>,
  spend: ArrayLike<number>,
  targetReduction = 0.1,
): Pyramid {
  sameLength(tiers.length, admissions.length, "admissions");
  sameLength(tiers.length, spend.length, "spend");
  if (!(targetReduction > 0 && targetReduction < 1))
    throw new ModelInputError("targetReduction", "must be a fraction between 0 and 1, e.g. 0.1");
  const acc = new Map(RISK_TIERS.map((t) => [t, { persons: 0, admissions: 0, spend: 0 }]));
  let totalA = 0;
  let totalS = 0;
  tiers.forEach((t, i) => {
    const a = acc.get(t);
    if (!a) throw new ModelInputError("tiers", `unknown tier '${t}'`);
    a.persons++;
    a.admissions += admissions[i] ?? 0;
    a.spend += spend[i] ?? 0;
    totalA += admissions[i] ?? 0;
    totalS += spend[i] ?? 0;
  });
  const n = tiers.length;
  const overallRate = n > 0 ? totalA / n : 0;
  return {
    persons: n,
    admissions: totalA,
    spend: totalS,
    targetReduction,
    tiers: RISK_TIERS.map((tier) => {
      const a = acc.get(tier) ?? { persons: 0, admissions: 0, spend: 0 };
      const rate = a.persons > 0 ? a.admissions / a.persons : 0;
      return {
        tier,
        persons: a.persons,
        populationShare: n > 0 ? a.persons / n : 0,
        admissions: a.admissions,
        admissionShare: totalA > 0 ? a.admissions / totalA : 0,
        spend: a.spend,
        spendShare: totalS > 0 ? a.spend / totalS : 0,
        admissionsPer1000: 1000 * rate,
        relativeRate: overallRate > 0 ? rate / overallRate : 0,
        requiredReduction:
          a.admissions > 0 ? (targetReduction * totalA) / a.admissions : Number.POSITIVE_INFINITY,
      };
    }),
  };
}
