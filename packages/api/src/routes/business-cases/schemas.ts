// Request and response schemas of the Business cases area's endpoints (/api/business-cases/*).
import { type Static, Type } from "typebox";
import { Disclosure } from "../../schemas.ts";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Summary = Type.Object({
  p10: Type.Number(),
  p50: Type.Number(),
  p90: Type.Number(),
  mean: Type.Number(),
});
const Value = Type.Unknown({
  description:
    "A number (fixed) or a distribution: {triangular: [min, mode, max]}, {normal: [mean, sd]}, {lognormal: [meanlog, sdlog]}, {beta: [a, b]}, {uniform: [min, max]}",
});

export const InputSpecs = Type.Array(
  Type.Object({
    path: Type.String(),
    label: Type.String(),
    unit: Type.String(),
    min: Nullable(Type.Number()),
    max: Nullable(Type.Number()),
    neutral: Nullable(Type.Number()),
    required: Type.Boolean(),
    fromCohort: Type.Boolean(),
    help: Type.String(),
  }),
);

export const ExamplesResponse = Type.Object({
  examples: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), description: Type.String(), case: Type.Unknown() }),
  ),
  inputs: InputSpecs,
});
export type ExamplesResponse = Static<typeof ExamplesResponse>;

export const RunBody = Type.Object({
  case: Type.Unknown({ description: "A business case (packages/finance/business-case.schema.json)" }),
});

const YearSummary = Type.Object({
  year: Type.Number(),
  discountFactor: Type.Number(),
  p10: Type.Number(),
  p50: Type.Number(),
  p90: Type.Number(),
  mean: Type.Number(),
  cumulative: Summary,
  probabilityPositive: Type.Number(),
  savings: Summary,
  costs: Summary,
  participants: Summary,
  admissionsAvoided: Summary,
  bedDaysAvoided: Summary,
});

const Party = Type.Object({
  p10: Type.Number(),
  p50: Type.Number(),
  p90: Type.Number(),
  mean: Type.Number(),
  probabilityLoss: Type.Number(),
});

export const BusinessCaseResult = Type.Object({
  name: Type.String(),
  years: Type.Number(),
  discountRate: Type.Number(),
  runs: Type.Number(),
  seed: Type.Number(),
  cumulative: Summary,
  probabilityPositive: Type.Number(),
  byYear: Type.Array(YearSummary),
  baselineRun: Type.Object({
    cumulative: Type.Number(),
    byYear: Type.Array(
      Type.Object({
        year: Type.Number(),
        eligible: Type.Number(),
        participants: Type.Number(),
        admissionsAvoided: Type.Number(),
        bedDaysAvoided: Type.Number(),
        savings: Type.Number(),
        costs: Type.Number(),
        net: Type.Number(),
        presentValue: Type.Number(),
        cumulative: Type.Number(),
      }),
    ),
  }),
  breakEven: Type.Object({
    effect: Nullable(Type.Number()),
    effectRange: Nullable(Summary),
    runsWithoutBreakEven: Type.Number(),
    year: Nullable(Type.Number()),
  }),
  activityAvoided: Type.Object({ admissions: Summary, bedDays: Summary, ae: Summary, outpatient: Summary }),
  tornado: Type.Array(
    Type.Object({
      path: Type.String(),
      label: Type.String(),
      lowValue: Type.Number(),
      highValue: Type.Number(),
      atLow: Type.Number(),
      atHigh: Type.Number(),
      swing: Type.Number(),
      correlation: Type.Number(),
    }),
  ),
  riskShare: Nullable(
    Type.Object({
      terms: Type.Object({
        providerGainShare: Type.Number(),
        providerLossShare: Type.Number(),
        providerLossCap: Type.Optional(Type.Number()),
      }),
      providers: Party,
      commissioner: Party,
    }),
  ),
  inputs: Type.Array(
    Type.Object({
      path: Type.String(),
      label: Type.String(),
      unit: Type.String(),
      value: Value,
      described: Type.String(),
      source: Type.String(),
      mean: Type.Number(),
      p10: Type.Number(),
      p90: Type.Number(),
      heldToRange: Type.Number(),
    }),
  ),
  warnings: Type.Array(Type.String()),
});

const Fig = Nullable(Type.Number());
const ActivityFigures = Type.Object({ admissions: Fig, ae: Fig, outpatient: Fig });
const YearUse = Type.Object({ events: ActivityFigures, cost: ActivityFigures, bedDays: Fig });
const CohortUse = Type.Object({
  asOf: Type.String(),
  people: Fig,
  years: Type.Object({ "0": YearUse, "1": YearUse }),
});

export const Baseline = Type.Object({
  cohortName: Type.String(),
  asOf: Type.String(),
  from: Type.String(),
  now: CohortUse,
  yearBefore: Nullable(CohortUse),
  regression: Nullable(
    Type.Object({
      chosenAt: Type.String(),
      people: Fig,
      selectionYear: Fig,
      followingYear: Fig,
      change: Fig,
      costSelectionYear: Fig,
      costFollowingYear: Fig,
    }),
  ),
  notes: Type.Array(Type.String()),
});

export const RunResponse = Type.Object({
  disclosure: Disclosure,
  result: BusinessCaseResult,
  baseline: Nullable(Baseline),
});
export type BusinessCaseRunResponse = Static<typeof RunResponse>;
