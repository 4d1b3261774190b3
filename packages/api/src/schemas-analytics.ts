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
});
export type DataStatusResponse = Static<typeof DataStatusResponse>;
