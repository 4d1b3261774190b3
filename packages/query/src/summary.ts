// `bevan summary`: the headline numbers of a built warehouse.

import { REGISTER_RULES } from "@bevan/clinical";
import { personRisk, REGISTER_CODES, type RegisterCode } from "@bevan/domain";
import { type Engine, getBuildInfo } from "@bevan/engine";

export interface RegisterSummary {
  readonly count: number;
  /** count / denominator, where the denominator is registered people of the register's minimum age. */
  readonly prevalence: number;
  readonly denominator: number;
  readonly minAge: number;
}

export interface WarehouseSummary {
  readonly asOf: string;
  readonly builtAt: string;
  readonly persons: { readonly registered: number; readonly deceased: number; readonly inExtract: number };
  readonly organisations: {
    readonly icbs: number;
    readonly places: number;
    readonly pcns: number;
    readonly practices: number;
  };
  readonly registers: Readonly<Record<RegisterCode, RegisterSummary>>;
  /** DM register by subtype. */
  readonly diabetes: { readonly type1: number; readonly type2: number };
  /**
   * Long-term-condition registers per registered person (all registers but NDH and PC):
   * the share of registered people on 2+ and on 5+. Null for a warehouse built before it existed.
   */
  readonly multimorbidity: {
    readonly denominator: number;
    readonly twoPlus: number;
    readonly twoPlusShare: number;
    readonly fivePlus: number;
    readonly fivePlusShare: number;
  } | null;
  readonly activity: {
    readonly emergencyAdmissions12m: number;
    readonly emergencyAdmissionsPer1000: number;
    readonly electiveAdmissions12m: number;
    readonly aeAttendances12m: number;
    readonly outpatientAttendances12m: number;
  };
  /** Risk tiers of the stored admission scores (empty when the build did not score). */
  readonly riskTiers: readonly RiskTierSummary[];
  /** Bridges to Health segments (empty when the build did not score). */
  readonly segments: readonly SegmentSummary[];
}

export interface RiskTierSummary {
  readonly tier: string;
  readonly persons: number;
  readonly share: number;
  /** Mean predicted probability of an emergency admission in the next 12 months. */
  readonly meanAdmissionRisk: number;
  /** Share of the admissions the model expects in the next 12 months (sum of risks). */
  readonly expectedAdmissionShare: number;
}

export interface SegmentSummary {
  readonly segment: string;
  readonly persons: number;
  readonly share: number;
  readonly meanAdmissionRisk: number;
  readonly endOfLifeCandidates: number;
}

const TIER_ORDER = ["very_high", "high", "moderate", "low"];
const SEGMENT_ORDER = [
  "healthy",
  "maternal_infant",
  "acutely_ill",
  "chronic",
  "disability",
  "short_decline",
  "organ_failure",
  "frailty_dementia",
];

export class NotBuiltError extends Error {
  constructor(path: string) {
    super(`the warehouse ${path} has not been built: run \`bevan build --db ${path}\` first`);
    this.name = "NotBuiltError";
  }
}

export async function summarise(wh: Engine): Promise<WarehouseSummary> {
  const info = await getBuildInfo(wh);
  const asOf = info.as_of;
  if (!asOf) throw new NotBuiltError(wh.path);
  const d = wh.dialect;
  const a = d.dateLiteral(asOf);
  const yearAgo = d.addMonths(a, -12);
  const persons = await wh.one<{ registered: bigint; deceased: bigint; total: bigint }>(
    "SELECT count(*) FILTER (WHERE registered) AS registered, count(*) FILTER (WHERE deceased) AS deceased, count(*) AS total FROM person_asof",
  );
  const orgs = await wh.all<{ org_type: string; n: bigint }>(
    "SELECT org_type, count(*) AS n FROM organisation GROUP BY org_type",
  );
  const org = (t: string) => Number(orgs.find((o) => o.org_type === t)?.n ?? 0);
  const counts = await wh.all<{ register: string; n: bigint }>(
    "SELECT register, count(*) AS n FROM register GROUP BY register",
  );
  const ages = [...new Set(REGISTER_RULES.map((r) => r.minAge))];
  const denominators = new Map<number, number>();
  for (const age of ages) {
    const row = await wh.one<{ n: bigint }>(
      `SELECT count(*) AS n FROM person_asof WHERE registered AND age >= ${age}`,
    );
    denominators.set(age, Number(row.n));
  }
  const registers = Object.fromEntries(
    REGISTER_CODES.map((code) => {
      const rule = REGISTER_RULES.find((r) => r.register === code);
      const minAge = rule?.minAge ?? 0;
      const count = Number(counts.find((c) => c.register === code)?.n ?? 0);
      const denominator = denominators.get(minAge) ?? 0;
      return [
        code,
        { count, prevalence: denominator > 0 ? round(count / denominator, 6) : 0, denominator, minAge },
      ];
    }),
  ) as Record<RegisterCode, RegisterSummary>;
  const activity = await wh.one<{ emergency: bigint; elective: bigint; ae: bigint; op: bigint }>(`SELECT
      (SELECT count(*) FROM hospital_spell WHERE admission_method = 'emergency' AND admission_date > ${yearAgo} AND admission_date <= ${a}) AS emergency,
      (SELECT count(*) FROM hospital_spell WHERE admission_method = 'elective' AND admission_date > ${yearAgo} AND admission_date <= ${a}) AS elective,
      (SELECT count(*) FROM ae_attendance WHERE arrival_date > ${yearAgo} AND arrival_date <= ${a}) AS ae,
      (SELECT count(*) FROM outpatient_attendance WHERE attended AND appointment_date > ${yearAgo} AND appointment_date <= ${a}) AS op`);
  const dm = await wh.all<{ subtype: string | null; n: bigint }>(
    "SELECT subtype, count(*) AS n FROM register WHERE register = 'DM' GROUP BY subtype",
  );
  const dmCount = (t: string) => Number(dm.find((r) => r.subtype === t)?.n ?? 0);
  let multimorbidity: WarehouseSummary["multimorbidity"] = null;
  if (await wh.tableExists("person_clinical")) {
    const m = await wh.one<{ n: bigint; two: bigint | null; five: bigint | null }>(
      "SELECT count(*) AS n, sum(CASE WHEN condition_count >= 2 THEN 1 ELSE 0 END) AS two, sum(CASE WHEN condition_count >= 5 THEN 1 ELSE 0 END) AS five FROM person_clinical",
    );
    const n = Number(m.n);
    const two = Number(m.two ?? 0);
    const five = Number(m.five ?? 0);
    multimorbidity = {
      denominator: n,
      twoPlus: two,
      twoPlusShare: n > 0 ? round(two / n, 6) : 0,
      fivePlus: five,
      fivePlusShare: n > 0 ? round(five / n, 6) : 0,
    };
  }
  const registered = Number(persons.registered);
  const emergency = Number(activity.emergency);
  const risk = await riskSummaries(wh);
  return {
    asOf,
    builtAt: info.built_at ?? "",
    persons: { registered, deceased: Number(persons.deceased), inExtract: Number(persons.total) },
    organisations: { icbs: org("icb"), places: org("place"), pcns: org("pcn"), practices: org("practice") },
    registers,
    diabetes: { type1: dmCount("type1"), type2: dmCount("type2") },
    multimorbidity,
    activity: {
      emergencyAdmissions12m: emergency,
      emergencyAdmissionsPer1000: registered > 0 ? round((1000 * emergency) / registered, 2) : 0,
      electiveAdmissions12m: Number(activity.elective),
      aeAttendances12m: Number(activity.ae),
      outpatientAttendances12m: Number(activity.op),
    },
    ...risk,
  };
}

async function riskSummaries(wh: Engine): Promise<Pick<WarehouseSummary, "riskTiers" | "segments">> {
  if (!(await wh.tableExists(personRisk.name))) return { riskTiers: [], segments: [] };
  const tiers = await wh.all<{ tier: string; n: bigint; risk: number; expected: number }>(
    `SELECT risk_tier AS tier, count(*) AS n, avg(admission_risk) AS risk, sum(admission_risk) AS expected FROM ${personRisk.name} GROUP BY risk_tier`,
  );
  const segs = await wh.all<{ segment: string; n: bigint; risk: number; eol: bigint }>(
    `SELECT segment, count(*) AS n, avg(admission_risk) AS risk, count(*) FILTER (WHERE end_of_life_candidate) AS eol FROM ${personRisk.name} GROUP BY segment`,
  );
  const total = tiers.reduce((a, t) => a + Number(t.n), 0);
  const expected = tiers.reduce((a, t) => a + t.expected, 0);
  const rank = (order: string[], x: string) => (order.indexOf(x) + order.length + 1) % (order.length + 1);
  return {
    riskTiers: tiers
      .sort((a, b) => rank(TIER_ORDER, a.tier) - rank(TIER_ORDER, b.tier))
      .map((t) => ({
        tier: t.tier,
        persons: Number(t.n),
        share: round(Number(t.n) / total, 6),
        meanAdmissionRisk: round(t.risk, 6),
        expectedAdmissionShare: round(t.expected / expected, 6),
      })),
    segments: segs
      .sort((a, b) => rank(SEGMENT_ORDER, a.segment) - rank(SEGMENT_ORDER, b.segment))
      .map((g) => ({
        segment: g.segment,
        persons: Number(g.n),
        share: round(Number(g.n) / total, 6),
        meanAdmissionRisk: round(g.risk, 6),
        endOfLifeCandidates: Number(g.eol),
      })),
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
