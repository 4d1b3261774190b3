// Request and response schemas of the Diagnostics area's endpoints (/api/diagnostics/*).
import { type Static, Type } from "typebox";
import { Count, Disclosure } from "../../schemas.ts";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Code = Type.String({ pattern: "^[A-Za-z0-9][A-Za-z0-9-]{0,19}$" });
const Month = Type.String({ pattern: "^\\d{4}-(0[1-9]|1[0-2])$" });

export const Spc = Type.Object({
  chart: Type.Literal("XmR"),
  improvement: Type.String(),
  points: Type.Array(
    Type.Object({
      label: Type.String(),
      value: Type.Number(),
      mean: Type.Number(),
      lower: Type.Number(),
      upper: Type.Number(),
      pointType: Type.String(),
    }),
  ),
  variation: Type.String(),
  /** Against the 1% standard and against the interim target. */
  assuranceStandard: Nullable(Type.String()),
  assuranceInterim: Nullable(Type.String()),
});

export const Figures = Type.Object({
  waiting: Count,
  over6: Count,
  over13: Count,
  /** Share waiting 6+ weeks, from the disclosed counts. */
  share: Nullable(Type.Number()),
  medianWeeks: Nullable(Type.Number()),
  p92Weeks: Nullable(Type.Number()),
});

export const DashboardQuery = Type.Object({
  trust: Type.Optional(Code),
  site: Type.Optional(Code),
  modality: Type.Optional(Type.String({ pattern: "^[A-Z]{2,3}$" })),
  from: Type.Optional(Month),
  to: Type.Optional(Month),
  interim: Type.Optional(Type.Number({ minimum: 0.001, maximum: 0.5 })),
});

export const DashboardResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  standard: Type.Number(),
  interimTarget: Type.Number(),
  unit: Type.Object({
    level: Type.String(),
    trust: Nullable(Type.String()),
    site: Nullable(Type.String()),
    modality: Nullable(Type.String()),
    name: Type.String(),
  }),
  months: Type.Array(
    Type.Intersect([
      Type.Object({ month: Type.String(), requests: Nullable(Count), tests: Nullable(Count) }),
      Figures,
    ]),
  ),
  weeks: Type.Array(Type.Intersect([Type.Object({ date: Type.String() }), Figures])),
  spc: Type.Object({ share: Nullable(Spc), waiting: Nullable(Spc), weeklyShare: Nullable(Spc) }),
  spcNote: Nullable(Type.String()),
  /** Waiting at the latest census by completed weeks: 0…12 and 13 or more. */
  distribution: Type.Array(Type.Object({ band: Type.String(), count: Count })),
  children: Type.Array(
    Type.Intersect([
      Type.Object({
        kind: Type.String(),
        trust: Nullable(Type.String()),
        site: Nullable(Type.String()),
        modality: Nullable(Type.String()),
        name: Type.String(),
        variation: Nullable(Type.String()),
        assuranceStandard: Nullable(Type.String()),
        assuranceInterim: Nullable(Type.String()),
      }),
      Figures,
    ]),
  ),
  plan: Nullable(
    Type.Object({
      demandPerWeek: Type.Number(),
      capacityPerWeek: Type.Number(),
      load: Type.Number(),
      targetListSize: Type.Number(),
      targetCapacityPerWeek: Type.Number(),
      reliefCapacityPerWeek: Type.Number(),
      weeksToTargetAtCurrentCapacity: Nullable(Type.Number()),
      breachProbability: Type.Number(),
      clearWeeks: Type.Number(),
    }),
  ),
  published: Type.Array(
    Type.Object({
      period: Type.String(),
      providerCode: Type.String(),
      providerName: Type.String(),
      waitingTotal: Nullable(Type.Number()),
      waiting6Plus: Nullable(Type.Number()),
      waiting13Plus: Nullable(Type.Number()),
      share6Plus: Nullable(Type.Number()),
      sourceFile: Type.String(),
    }),
  ),
});
export type DashboardResponse = Static<typeof DashboardResponse>;

export const ReturnsResponse = Type.Object({
  periods: Type.Array(Type.String()),
  period: Nullable(Type.String()),
  /** Every provider's published share waiting 6+ weeks in the period, for the distribution. */
  providers: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      waiting: Nullable(Type.Number()),
      share: Type.Number(),
    }),
  ),
  /** The network's trusts over time (monthly totals and shares as published). */
  network: DashboardResponse.properties.published,
});
export type ReturnsResponse = Static<typeof ReturnsResponse>;

const Band = Type.Object({ p10: Type.Number(), p50: Type.Number(), p90: Type.Number() });

export const ForecastResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  firstWeek: Type.String(),
  lists: Type.Array(
    Type.Object({
      trust: Type.String(),
      trustName: Type.String({ description: "The trust's name" }),
      modality: Type.String(),
      name: Type.String({ description: "The modality's name" }),
      history: Type.Array(Type.Object({ week: Type.String(), requests: Count })),
      forecast: Type.Array(
        Type.Object({
          week: Type.String(),
          mean: Type.Number(),
          p10: Type.Number(),
          p90: Type.Number(),
          p025: Type.Number(),
          p975: Type.Number(),
        }),
      ),
      trendPerYear: Type.Number(),
      dispersion: Type.Number(),
    }),
  ),
  outturn: Type.Object(
    {
      origins: Type.Array(Type.String(), {
        description: "As-of dates of earlier builds whose kept forecasts were scored",
      }),
      weeks: Type.Number({ description: "Weeks scored (list × forecast × week)" }),
      inside80: Nullable(Type.Number()),
      inside95: Nullable(Type.Number()),
    },
    {
      description:
        "Forecasts kept as they were made at earlier builds, against the weeks that have arrived since (null: none to score yet)",
    },
  ),
  backtest: Type.Object({
    covered80: Type.Number(),
    covered95: Type.Number(),
    inside80: Type.Number(),
    weeks: Type.Number(),
    lists: Type.Number(),
    origins: Type.Array(Type.Number()),
    horizon: Type.Number(),
  }),
  demographicIndex: Type.Record(Type.String(), Type.Number()),
});
export type ForecastResponse = Static<typeof ForecastResponse>;

export const ScenarioRunBody = Type.Object({
  scenario: Type.Unknown({ description: "A scenario (packages/diagnostics/scenario.schema.json)" }),
  runs: Type.Optional(Type.Integer({ minimum: 10, maximum: 2000 })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647 })),
});

const MonthPoint = Type.Object({
  month: Type.String(),
  censusDate: Type.String(),
  baseline: Type.Object({ waiting: Type.Number(), over6Share: Type.Number(), over13: Type.Number() }),
  waiting: Band,
  over6Share: Band,
  over13: Band,
  meetsStandard: Type.Number(),
  meetsInterim: Nullable(Type.Number()),
});

export const ScenarioRunResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  name: Type.String(),
  runs: Type.Number(),
  seed: Type.Number(),
  firstWeek: Type.String(),
  weeks: Type.Number(),
  interimTarget: Nullable(Type.Number()),
  series: Type.Array(
    Type.Object({
      level: Type.String(),
      trust: Nullable(Type.String()),
      modality: Nullable(Type.String()),
      points: Type.Array(MonthPoint),
    }),
  ),
});
export type ScenarioRunResponse = Static<typeof ScenarioRunResponse>;

export const MutualAidQuery = Type.Object({
  maxTravel: Type.Optional(Type.Number({ minimum: 0, maximum: 600 })),
  horizon: Type.Optional(Type.Integer({ minimum: 1, maximum: 6 })),
});

export const MutualAidResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  horizonWeeks: Type.Number(),
  maxTravelMinutes: Type.Number(),
  breachesBefore: Type.Number(),
  breachesAfter: Type.Number(),
  transfers: Type.Array(
    Type.Object({
      from: Type.String(),
      fromName: Type.String(),
      to: Type.String(),
      toName: Type.String(),
      modality: Type.String(),
      /** Null: fewer than 5 (for audiences who see rounded figures). */
      patients: Nullable(Type.Number()),
      minutes: Type.Number(),
      waitedWeeks: Type.Object({ min: Type.Number(), max: Type.Number() }),
    }),
  ),
  trusts: Type.Array(
    Type.Object({
      trust: Type.String(),
      name: Type.String(),
      waitingBefore: Type.Number(),
      over6Before: Type.Number(),
      waitingAfter: Type.Number(),
      over6After: Type.Number(),
      shareBefore: Type.Number(),
      shareAfter: Type.Number(),
      gives: Type.Number(),
      receives: Type.Number(),
    }),
  ),
  solver: Type.Object({ status: Type.String(), stages: Type.Number(), variables: Type.Number() }),
});
export type MutualAidResponse = Static<typeof MutualAidResponse>;

export const ReferralsQuery = Type.Object({
  modality: Type.Optional(Type.String({ pattern: "^[A-Z]{2,3}$" })),
});

export const ReferralsResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  modality: Nullable(Type.String()),
  practices: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      observed: Count,
      expected: Type.Number(),
      registered: Count,
      ratio: Nullable(Type.Number()),
      flag: Nullable(
        Type.String({
          description: "high or low: beyond the 99.8% limits; none: within them; null: not plotted",
        }),
      ),
    }),
  ),
  limits: Type.Array(
    Type.Object({
      /** Each limit's ratio at the expected count where it is drawn (PHE's method: x = expected, y = ratio). */
      lower2s: Type.Number(),
      lower2sExpected: Type.Number(),
      upper2s: Type.Number(),
      upper2sExpected: Type.Number(),
      lower3s: Type.Number(),
      lower3sExpected: Type.Number(),
      upper3s: Type.Number(),
      upper3sExpected: Type.Number(),
    }),
  ),
  rates: Type.Array(
    Type.Object({
      dimension: Type.String(),
      group: Type.String(),
      name: Type.String({ description: "The group as people read it (register names, not codes)" }),
      requests: Count,
      people: Count,
      per1000: Nullable(Type.Number()),
    }),
  ),
});
export type ReferralsResponse = Static<typeof ReferralsResponse>;
