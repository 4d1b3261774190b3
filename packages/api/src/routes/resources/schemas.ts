// Published schemas of the Resources endpoints: counts are disclosed `Count`s, money is a
// disclosed `Money` (withheld: value null), and figures derived from withheld values are null.
import { type Static, type TSchema, Type } from "typebox";
import { Count, Disclosure, Interval, OrgCode } from "../../schemas.ts";

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));

export const Money = Type.Object({ value: Nullable(Type.Number()), suppressed: Type.Boolean() });

const Source = Type.Object({ name: Type.String(), url: Type.String(), note: Type.Optional(Type.String()) });

export const PODS = [
  "emergency_admission",
  "elective_day_case",
  "elective_ordinary",
  "maternity",
  "other_admission",
  "ae",
  "outpatient_first",
  "outpatient_follow_up",
  "community",
  "gp",
  "prescribing",
  "social_care",
  "diagnostic_imaging",
] as const;

export const SpendQuery = Type.Object(
  { org: Type.Optional(OrgCode), level: Type.Optional(Lit(["practice", "pcn", "place", "icb"] as const)) },
  { additionalProperties: false },
);

export const SpendResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  moneyNote: Type.String(),
  unitCosts: Type.String(),
  level: Type.String(),
  pointsOfDelivery: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), activity: Type.String() }),
  ),
  units: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      population: Count,
      spend: Money,
      perHead: Nullable(Type.Number()),
      pointsOfDelivery: Type.Array(
        Type.Object({
          code: Type.String(),
          activity: Count,
          spend: Money,
          perThousand: Nullable(Type.Number()),
        }),
      ),
    }),
  ),
  total: Type.Object({ population: Count, spend: Money, perHead: Nullable(Type.Number()) }),
  notPriced: Type.Array(
    Type.Object({
      pointOfDelivery: Type.String(),
      currency: Type.String(),
      activity: Count,
      reason: Type.String(),
    }),
  ),
});
export type SpendResponse = Static<typeof SpendResponse>;

export const UnitCostsResponse = Type.Object({
  origin: Type.String(),
  rows: Type.Array(
    Type.Object({
      currency: Type.String(),
      pointOfDelivery: Type.String(),
      description: Type.String(),
      unit: Type.String(),
      cost: Type.Number(),
      priceYear: Type.String(),
      basis: Type.String(),
      source: Type.String(),
      reference: Type.String(),
      url: Type.String(),
    }),
  ),
});
export type UnitCostsResponse = Static<typeof UnitCostsResponse>;

export const NeedsQuery = Type.Object(
  {
    org: Type.Optional(OrgCode),
    level: Type.Optional(Lit(["practice", "pcn", "place"] as const)),
    pod: Type.Optional(Lit(["all", ...PODS] as const)),
    measure: Type.Optional(Lit(["activity", "spend"] as const)),
  },
  { additionalProperties: false },
);

const Curve = Type.Array(Type.Object({ x: Type.Number(), y: Type.Number() }));

const Flag = Nullable(Lit(["high", "low", "none"] as const));

export const NeedsResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  moneyNote: Type.String(),
  level: Type.String(),
  pod: Type.String(),
  podName: Type.String(),
  measure: Type.String(),
  units: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      population: Count,
      observed: Type.Union([Count, Money]),
      expected: Nullable(Type.Number()),
      crudePerThousand: Nullable(Type.Number()),
      ratio: Nullable(Type.Number()),
      ci95: Interval,
      flag: Flag,
      beyond95: Nullable(Type.Boolean()),
    }),
  ),
  overall: Type.Object({
    population: Count,
    observed: Type.Union([Count, Money]),
    crudePerThousand: Nullable(Type.Number()),
  }),
  /** Control limit curves of the ratio against expected (x: expected, y: ratio); empty when nothing is plotted. */
  limits: Type.Object({
    lower95: Curve,
    upper95: Curve,
    lower998: Curve,
    upper998: Curve,
  }),
});
export type NeedsResponse = Static<typeof NeedsResponse>;

export const UseQuery = Type.Object(
  {
    org: Type.Optional(OrgCode),
    by: Type.Optional(Lit(["tier", "segment", "register", "imd_quintile", "age_band"] as const)),
  },
  { additionalProperties: false },
);

export const UseResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  moneyNote: Type.String(),
  by: Type.String(),
  unavailable: Nullable(Type.String()),
  groups: Type.Array(
    Type.Object({
      group: Type.String(),
      name: Type.String(),
      people: Count,
      spend: Money,
      perHead: Nullable(Type.Number()),
      peopleShare: Nullable(Type.Number()),
      spendShare: Nullable(Type.Number()),
    }),
  ),
  total: Type.Object({ people: Count, spend: Money }),
});
export type UseResponse = Static<typeof UseResponse>;

const KINDS = ["acsc", "short_stay", "frequent_ae", "ebi", "elective"] as const;

export const OpportunityQuery = Type.Object(
  {
    org: Type.Optional(OrgCode),
    level: Type.Optional(Lit(["practice", "place"] as const)),
    benchmark: Type.Optional(Lit(["average", "best_quartile"] as const)),
  },
  { additionalProperties: false },
);

export const OpportunityResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  moneyNote: Type.String(),
  level: Type.String(),
  benchmark: Type.String(),
  kinds: Type.Array(
    Type.Object({
      kind: Type.String(),
      name: Type.String(),
      unit: Type.String(),
      unitCost: Nullable(Type.Number()),
      benchmarkRatio: Nullable(Type.Number()),
      source: Nullable(Source),
      totalPrize: Nullable(Type.Number()),
      rows: Type.Array(
        Type.Object({
          code: Type.String(),
          name: Type.String(),
          population: Count,
          observed: Count,
          people: Count,
          expected: Nullable(Type.Number()),
          ratio: Nullable(Type.Number()),
          ci95: Interval,
          excess: Nullable(Type.Number()),
          prize: Nullable(Type.Number()),
        }),
      ),
    }),
  ),
});
export type OpportunityResponse = Static<typeof OpportunityResponse>;

export const ProfilesResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  moneyNote: Type.String(),
  level: Type.String(),
  unavailable: Nullable(Type.String()),
  units: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      profiles: Type.Array(
        Type.Object({
          segment: Type.String(),
          segmentName: Type.String(),
          conditionGroup: Type.String(),
          people: Count,
          admissions: Count,
          admissionShare: Nullable(Type.Number()),
          cumulativeShare: Nullable(Type.Number()),
          cost: Money,
        }),
      ),
    }),
  ),
});
export type ProfilesResponse = Static<typeof ProfilesResponse>;

export const CohortParams = Type.Object({ kind: Lit(KINDS) });
export const CohortQuery = Type.Object(
  { unit: OrgCode, org: Type.Optional(OrgCode) },
  { additionalProperties: false },
);

export const OpportunityCohortResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  moneyNote: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  unitName: Type.String(),
  people: Count,
  events: Count,
  cost: Money,
  definition: Type.String(),
  cohort: Nullable(
    Type.Unknown({ description: "The cohort in the cohort language, when it can be written in it" }),
  ),
  breakdowns: Type.Record(Type.String(), Type.Array(Type.Object({ group: Type.String(), count: Count }))),
});
export type OpportunityCohortResponse = Static<typeof OpportunityCohortResponse>;

export const CohortPeopleQuery = Type.Object(
  {
    unit: OrgCode,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const CohortPeopleResponse = Type.Object({
  total: Type.Number(),
  identity: Type.String(),
  rows: Type.Array(
    Type.Object({
      personId: Type.String(),
      nhsNumber: Type.Optional(Nullable(Type.String())),
      age: Type.Number(),
      sex: Type.String(),
      practice: Type.String(),
      events: Type.Number(),
      cost: Type.Number(),
    }),
  ),
});

const FORMULAS = ["capitation", "age_sex", "need", "need_supply"] as const;

export const AllocationQuery = Type.Object(
  {
    org: Type.Optional(OrgCode),
    budget: Type.Number({ minimum: 0.01, maximum: 1e12, description: "The budget in pounds" }),
    level: Type.Optional(Lit(["practice", "pcn"] as const)),
    formula: Type.Optional(Lit(FORMULAS)),
    years: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 3 })),
  },
  { additionalProperties: false },
);

export const AllocationResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  moneyNote: Type.String(),
  level: Type.String(),
  formula: Type.String(),
  formulas: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), available: Type.Boolean() })),
  budgetPence: Type.Number(),
  years: Type.Number(),
  remainderRule: Type.String(),
  sumOfTargetsPence: Type.Number(),
  units: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      registered: Count,
      share: Type.Number(),
      targetPence: Type.Number(),
      targets: Type.Record(Type.String(), Nullable(Type.Number())),
      actual: Money,
      currentPence: Nullable(Type.Number()),
      distanceFromTarget: Nullable(Type.Number()),
      path: Type.Array(Type.Number()),
    }),
  ),
  validation: Type.Array(
    Type.Object({
      formula: Type.String(),
      name: Type.String(),
      r2Person: Type.Number(),
      r2Practice: Type.Number(),
      r2Pcn: Type.Number(),
    }),
  ),
});
export type AllocationResponse = Static<typeof AllocationResponse>;

export const ValidationResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  moneyNote: Type.String(),
  trainedAt: Type.String(),
  validatedAt: Type.String(),
  trainRows: Type.Number(),
  testRows: Type.Number(),
  outcomePods: Type.Array(Type.String()),
  priorPods: Type.Array(Type.String()),
  supplyNote: Nullable(Type.String()),
  formulas: Type.Array(
    Type.Object({
      formula: Type.String(),
      name: Type.String(),
      r2Person: Type.Number(),
      r2Practice: Type.Number(),
      r2Pcn: Type.Number(),
      calibration: Type.Array(
        Type.Object({
          bin: Type.Number(),
          n: Type.Number(),
          meanPredicted: Type.Number(),
          meanActual: Type.Number(),
        }),
      ),
      residuals: Type.Record(
        Type.String(),
        Type.Array(
          Type.Object({
            group: Type.String(),
            /** The organisation code, for groups that are practices. */
            code: Type.Optional(Type.String()),
            n: Count,
            meanActual: Nullable(Type.Number()),
            meanPredicted: Nullable(Type.Number()),
            meanResidual: Nullable(Type.Number()),
            ci95: Interval,
            ratio: Nullable(Type.Number()),
          }),
        ),
      ),
      coefficients: Type.Array(
        Type.Object({
          term: Type.String(),
          name: Type.String(),
          coefficient: Type.Number(),
          standardError: Nullable(Type.Number()),
        }),
      ),
    }),
  ),
});
export type ValidationResponse = Static<typeof ValidationResponse>;

export const BudgetsQuery = Type.Object(
  {
    org: Type.Optional(OrgCode),
    formula: Type.Optional(Lit(["need", "need_supply"] as const)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const BudgetsResponse = Type.Object({
  total: Type.Number(),
  identity: Type.String(),
  formula: Type.String(),
  range: Type.String(),
  rows: Type.Array(
    Type.Object({
      personId: Type.String(),
      nhsNumber: Type.Optional(Nullable(Type.String())),
      age: Type.Number(),
      sex: Type.String(),
      practice: Type.String(),
      riskTier: Nullable(Type.String()),
      expected: Type.Number(),
      low: Nullable(Type.Number()),
      high: Nullable(Type.Number()),
      lastYear: Type.Number(),
    }),
  ),
});
export type BudgetsResponse = Static<typeof BudgetsResponse>;
