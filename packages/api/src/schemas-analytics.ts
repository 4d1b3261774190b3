// Published schemas of the analytics endpoints the web app's pages use (the contract is
// /work/briefs/web-api-contract.md). Every count is a disclosed `Count`; a rate derived from a
// withheld count is null.
import { type Static, Type } from "typebox";
import { Count, DataQualityResponse, Disclosure, Interval, OrgCode } from "./schemas.ts";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const AnalyticsOrgQuery = Type.Object(
  { org: Type.Optional(OrgCode) },
  { additionalProperties: false },
);

export const PyramidResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  total: Count,
  bands: Type.Array(Type.Object({ band: Type.String(), female: Count, male: Count })),
  otherSex: Count,
});
export type PyramidResponse = Static<typeof PyramidResponse>;

export const PrevalenceAllResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  registers: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      minAge: Type.Number(),
      numerator: Count,
      denominator: Count,
      prevalence: Nullable(Type.Number()),
      ci95: Interval,
      reference: Type.Object({
        label: Type.String(),
        prevalence: Nullable(Type.Number()),
        ci95: Interval,
      }),
      significance: Nullable(
        Type.Union([Type.Literal("higher"), Type.Literal("lower"), Type.Literal("similar")]),
      ),
    }),
  ),
});
export type PrevalenceAllResponse = Static<typeof PrevalenceAllResponse>;

export const MultimorbidityResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  total: Count,
  distribution: Type.Array(Type.Object({ conditions: Type.String(), people: Count })),
  share2plus: Nullable(Type.Number()),
  share5plus: Nullable(Type.Number()),
});
export type MultimorbidityResponse = Static<typeof MultimorbidityResponse>;

export const RiskPyramidQuery = Type.Object(
  {
    org: Type.Optional(OrgCode),
    reduction: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1, default: 0.1 })),
  },
  { additionalProperties: false },
);

export const RiskPyramidResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  scored: Type.Boolean(),
  window: Nullable(Type.Object({ from: Type.String(), to: Type.String(), note: Type.String() })),
  spendNote: Type.String(),
  reduction: Type.Number(),
  totals: Type.Object({ people: Count, admissions: Count, spend: Nullable(Type.Number()) }),
  tiers: Type.Array(
    Type.Object({
      tier: Type.String(),
      label: Type.String(),
      people: Count,
      peopleShare: Nullable(Type.Number()),
      admissions: Count,
      admissionsShare: Nullable(Type.Number()),
      spend: Nullable(Type.Number()),
      spendShare: Nullable(Type.Number()),
      admissionsPer1000: Nullable(Type.Number()),
      rateRatio: Nullable(Type.Number()),
      /** Share of this tier's admissions to avoid to cut all admissions by `reduction` (>1: impossible). */
      requiredReduction: Nullable(Type.Number()),
    }),
  ),
});
export type RiskPyramidResponse = Static<typeof RiskPyramidResponse>;

export const SegmentsResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  scored: Type.Boolean(),
  total: Count,
  segments: Type.Array(
    Type.Object({
      segment: Type.String(),
      label: Type.String(),
      people: Count,
      share: Nullable(Type.Number()),
    }),
  ),
});
export type SegmentsResponse = Static<typeof SegmentsResponse>;

export const DataStatusResponse = Type.Object({
  lastLoad: Type.Object({
    at: Nullable(Type.String()),
    extractDate: Nullable(Type.String()),
    files: Nullable(Type.Number()),
    rowsLoaded: Nullable(Type.Number()),
    rowsQuarantined: Type.Number(),
  }),
  tables: Type.Array(Type.Object({ name: Type.String(), rows: Type.Number() })),
  quarantine: Type.Array(Type.Object({ source: Type.String(), reason: Type.String(), rows: Type.Number() })),
  dataQuality: DataQualityResponse,
  /** People who opted out, by kind (never who): left out of planning uses, seen by direct care. */
  optOuts: Type.Object({ type1: Type.Number(), national: Type.Number(), either: Type.Number() }),
});
export type DataStatusResponse = Static<typeof DataStatusResponse>;

export const IndicatorId = Type.String({
  pattern:
    "^(register:[A-Z0-9]{2,8}|dm:[a-z0-9-]{1,30}|risk:high|multimorbidity:5-plus|deprivation:most-deprived)$",
  description:
    "register:CODE (prevalence), dm:care-processes, dm:hba1c-target, dm:treatment-targets, risk:high, multimorbidity:5-plus or deprivation:most-deprived",
});

export const IndicatorsResponse = Type.Object({
  indicators: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
});
export type IndicatorsResponse = Static<typeof IndicatorsResponse>;

export const VariationQuery = Type.Object(
  {
    indicator: IndicatorId,
    level: Type.Optional(
      Type.Union([Type.Literal("practice"), Type.Literal("pcn")], { default: "practice" }),
    ),
    org: Type.Optional(OrgCode),
  },
  { additionalProperties: false },
);

export const VariationResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  indicator: Type.String(),
  indicatorName: Type.String(),
  level: Type.String(),
  overall: Type.Object({ numerator: Count, denominator: Count, rate: Nullable(Type.Number()) }),
  units: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      numerator: Count,
      denominator: Count,
      rate: Nullable(Type.Number()),
      flag: Nullable(Type.Union([Type.Literal("high"), Type.Literal("low"), Type.Literal("none")])),
      beyond95: Nullable(Type.Boolean()),
    }),
  ),
  limits: Type.Array(
    Type.Object({
      denominator: Type.Number(),
      lower95: Type.Number(),
      upper95: Type.Number(),
      lower998: Type.Number(),
      upper998: Type.Number(),
    }),
  ),
});
export type VariationResponse = Static<typeof VariationResponse>;

export const InequalityDimension = Type.Union(
  ["imd_quintile", "ethnicity_group", "sex", "age_band", "learning_disability"].map((d) => Type.Literal(d)),
);

export const InequalitiesQuery = Type.Object(
  { indicator: IndicatorId, dimension: InequalityDimension, org: Type.Optional(OrgCode) },
  { additionalProperties: false },
);

const Bounds = Type.Object({ lower: Type.Number(), upper: Type.Number() });
const SiiFigures = Type.Object({
  /** Slope index of inequality: the fitted least-minus-most-deprived difference in the proportion. */
  value: Type.Number(),
  ci95: Bounds,
  /** Relative index of inequality: the fitted least-over-most-deprived ratio. */
  rii: Type.Number(),
  riiCi95: Bounds,
});

export const InequalitiesResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  indicator: Type.String(),
  indicatorName: Type.String(),
  dimension: Type.String(),
  reference: Type.String(),
  groups: Type.Array(
    Type.Object({
      group: Type.String(),
      numerator: Count,
      denominator: Count,
      rate: Nullable(Type.Number()),
      ci95: Interval,
      rateRatio: Nullable(Type.Number()),
      rrCi95: Interval,
      significant: Nullable(Type.Boolean()),
      standardisedRate: Nullable(Type.Number()),
      standardisedCi95: Interval,
    }),
  ),
  /** On the crude proportions. */
  sii: Nullable(SiiFigures),
  /** On the age-standardised rates (when the groups have them): the one to read first. */
  siiStandardised: Nullable(SiiFigures),
  siiNote: Nullable(Type.String()),
  standardisation: Nullable(Type.String()),
});
export type InequalitiesResponse = Static<typeof InequalitiesResponse>;

const Month = Type.String({ pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$", description: "YYYY-MM" });

export const TimelineQuery = Type.Object(
  {
    measure: Type.String({
      pattern: "^(emergency_admissions|ae_attendances|register:[A-Z0-9]{2,8})$",
      description: "emergency_admissions, ae_attendances or register:CODE (new register entries)",
    }),
    from: Type.Optional(Month),
    to: Type.Optional(Month),
    org: Type.Optional(OrgCode),
  },
  { additionalProperties: false },
);

export const TimelineResponse = Type.Object({
  asOf: Type.String(),
  disclosure: Disclosure,
  measure: Type.String(),
  unit: Type.String(),
  from: Type.String(),
  to: Type.String(),
  points: Type.Array(
    Type.Object({ month: Type.String(), value: Nullable(Type.Number()), suppressed: Type.Boolean() }),
  ),
  spc: Nullable(
    Type.Object({
      chart: Type.Literal("XmR"),
      improvement: Type.String(),
      mean: Type.Number(),
      points: Type.Array(
        Type.Object({
          month: Type.String(),
          mean: Type.Number(),
          lower: Type.Number(),
          upper: Type.Number(),
          specialCause: Type.String(),
          pointType: Type.String(),
        }),
      ),
      variation: Type.String(),
      assurance: Nullable(Type.String()),
    }),
  ),
  spcNote: Nullable(Type.String()),
});
export type TimelineResponse = Static<typeof TimelineResponse>;
