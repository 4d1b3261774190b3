// The API's published schemas (TypeBox, i.e. JSON Schema): every route validates its input
// against them and they make up /api/openapi.json. The typed client reuses the static types.
import { type Static, Type } from "typebox";
import { PatientDetailsSchema } from "./schemas-patient.ts";

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    /** For an invalid cohort definition: each offending node's JSON Pointer and what is allowed. */
    issues: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  }),
});

export const OrgCode = Type.String({
  pattern: "^[A-Za-z0-9][A-Za-z0-9-]{0,19}$",
  description: "ODS-style organisation code",
});
export const PersonId = Type.String({ pattern: "^[0-9]{1,19}$", description: "Pseudonymous person id" });
export const RegisterCode = Type.String({
  pattern: "^[A-Z0-9]{2,8}$",
  description: "QOF register code, e.g. HYP",
});
export const CohortId = Type.String({ format: "uuid" });
export const BreakdownSchema = Type.Union(
  ["all", "practice", "pcn", "place", "age_band", "sex", "imd_quintile", "ethnicity_group"].map((b) =>
    Type.Literal(b),
  ),
  { description: "Dimension to break counts down by" },
);

export const Count = Type.Object({
  value: Type.Union([Type.Number(), Type.Null()]),
  suppressed: Type.Boolean(),
});
export type Count = Static<typeof Count>;

export const Disclosure = Type.Union([
  Type.Object({ kind: Type.Literal("direct-care"), note: Type.String() }),
  Type.Object({
    kind: Type.Literal("suppressed"),
    threshold: Type.Number(),
    /** The rounding base for counts without a cell key (the floor method). */
    rounding: Type.Number(),
    /** cell-key: counts perturbed by the people behind them (docs/disclosure-control.md). */
    method: Type.Union([Type.Literal("cell-key"), Type.Literal("rounding")]),
    /** The largest perturbation either way (cell-key), else null. */
    maxPerturbation: Type.Union([Type.Number(), Type.Null()]),
    note: Type.String(),
  }),
]);

export const ScopeGrant = Type.Object({
  level: Type.Union([
    Type.Literal("icb"),
    Type.Literal("place"),
    Type.Literal("pcn"),
    Type.Literal("practice"),
    Type.Literal("trust"),
  ]),
  code: Type.String(),
});

export const Purpose = Type.Union(
  [Type.Literal("direct_care"), Type.Literal("planning"), Type.Literal("administration")],
  {
    description:
      "What the role's users work for: direct care, planning and commissioning (the National Data Opt-out applies), or administration (no patient data)",
  },
);

export const Me = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  isDemo: Type.Boolean(),
  role: Type.Object({
    code: Type.String(),
    name: Type.String(),
    directCare: Type.Boolean(),
    purpose: Purpose,
    patientData: Type.String(),
    permissions: Type.Array(Type.String()),
  }),
  scopes: Type.Array(ScopeGrant),
  csrfToken: Type.String(),
});
export type Me = Static<typeof Me>;

export const SignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const OrgNodeSchema = Type.Cyclic(
  {
    OrgNode: Type.Object({
      code: Type.String(),
      name: Type.String(),
      level: Type.String(),
      listSize: Type.Union([Type.Number(), Type.Null()]),
      inScope: Type.Boolean(),
      children: Type.Array(Type.Ref("OrgNode")),
    }),
  },
  "OrgNode",
);

export const OrgQuery = Type.Object(
  { org: Type.Optional(OrgCode), breakdown: Type.Optional(BreakdownSchema) },
  { additionalProperties: false },
);

export const PopulationResponse = Type.Object({
  asOf: Type.String(),
  breakdown: Type.String(),
  disclosure: Disclosure,
  total: Count,
  groups: Type.Array(Type.Object({ group: Type.String(), registered: Count })),
});
export type PopulationResponse = Static<typeof PopulationResponse>;

export const Interval = Type.Union([
  Type.Object({ lower: Type.Number(), upper: Type.Number() }),
  Type.Null(),
]);

export const PrevalenceResponse = Type.Object({
  asOf: Type.String(),
  register: Type.String(),
  minAge: Type.Number(),
  breakdown: Type.String(),
  disclosure: Disclosure,
  groups: Type.Array(
    Type.Object({
      group: Type.String(),
      numerator: Count,
      denominator: Count,
      prevalence: Type.Union([Type.Number(), Type.Null()]),
      ci95: Interval,
    }),
  ),
});
export type PrevalenceResponse = Static<typeof PrevalenceResponse>;

export const PatientListQuery = Type.Object(
  {
    register: RegisterCode,
    practice: Type.Optional(OrgCode),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const PatientIdentity = Type.Union([
  Type.Object({ kind: Type.Literal("identified"), nhsNumber: Type.Union([Type.String(), Type.Null()]) }),
  Type.Object({ kind: Type.Literal("pseudonymous") }),
]);

export const PatientListResponse = Type.Object({
  total: Type.Number(),
  identity: Type.String(),
  rows: Type.Array(
    Type.Object({
      personId: Type.String(),
      nhsNumber: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      age: Type.Number(),
      sex: Type.String(),
      practiceCode: Type.String(),
      registers: Type.Array(Type.String()),
    }),
  ),
});
export type PatientListResponse = Static<typeof PatientListResponse>;

export const PatientRecordResponse = Type.Object({
  identity: Type.String(),
  nhsNumber: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  snapshot: Type.Object({
    personId: Type.String(),
    age: Type.Number(),
    ageBand: Type.String(),
    sex: Type.String(),
    ethnicityGroup: Type.String(),
    imdQuintile: Type.Union([Type.Number(), Type.Null()]),
    practiceCode: Type.String(),
    practiceName: Type.Union([Type.String(), Type.Null()]),
    pcnCode: Type.Union([Type.String(), Type.Null()]),
    pcnName: Type.Union([Type.String(), Type.Null()]),
    careHome: Type.Boolean(),
    learningDisability: Type.Boolean(),
    registers: Type.Array(
      Type.Object({ register: Type.String(), firstDate: Type.String(), latestDate: Type.String() }),
    ),
  }),
  details: PatientDetailsSchema,
  timeline: Type.Array(
    Type.Object({
      date: Type.String(),
      kind: Type.String(),
      code: Type.Union([Type.String(), Type.Null()]),
      /** What the code means (SNOMED CT term, dm+d name, ICD-10 title, service); null when not known. */
      term: Type.Union([Type.String(), Type.Null()]),
      /** The rest in words: a value and unit, an admission's method and nights, a service. */
      detail: Type.String(),
    }),
  ),
  /** True when the person has more contacts than `timelineLimit`: the oldest are left out. */
  timelineTruncated: Type.Boolean(),
});
export type PatientRecordResponse = Static<typeof PatientRecordResponse>;

export const CohortBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    definition: Type.Unknown(),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export const CohortVersionBody = Type.Object(
  { definition: Type.Unknown(), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export const CohortVersion = Type.Object({
  cohortId: Type.String(),
  version: Type.Number(),
  definition: Type.Unknown(),
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export const CohortSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
  latestVersion: Type.Number(),
  owner: Type.Object({ username: Type.String(), displayName: Type.String() }),
  /** Whether the caller owns it (and so may share it). */
  mine: Type.Boolean(),
  /** Whether the caller may save a new version. */
  canEdit: Type.Boolean(),
  sharing: Type.Union([Type.Literal("private"), Type.Literal("team"), Type.Literal("scope")], {
    description:
      "private: the owner only; team: the people named; scope: everyone whose scope overlaps sharedScopes (read-only)",
  }),
  sharedScopes: Type.Array(ScopeGrant),
  team: Type.Array(
    Type.Object({ username: Type.String(), displayName: Type.String(), canEdit: Type.Boolean() }),
  ),
});
export const DataVersionSchema = Type.Object(
  {
    buildAsOf: Type.String(),
    builtAt: Type.String(),
    riskAsOf: Type.Optional(Type.String()),
  },
  { description: "The warehouse build the answer came from" },
);
export type DataVersion = Static<typeof DataVersionSchema>;
export const COHORT_BREAKDOWNS = [
  "practice",
  "pcn",
  "place",
  "imd_quintile",
  "age_band",
  "sex",
  "ethnicity_group",
] as const;
export type CohortBreakdown = (typeof COHORT_BREAKDOWNS)[number];
export const CohortBreakdownSchema = Type.Union(
  COHORT_BREAKDOWNS.map((b) => Type.Literal(b)),
  { description: "A dimension of a cohort breakdown" },
);
const GroupCounts = Type.Array(Type.Object({ group: Type.String(), count: Count }));
const IsoDate = Type.String({ pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description: "YYYY-MM-DD" });
export const CohortPreviewBody = Type.Object(
  {
    definition: Type.Unknown({ description: "A cohort definition (cohort.schema.json)" }),
    breakdowns: Type.Optional(Type.Array(CohortBreakdownSchema, { maxItems: 7, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export const CohortPreviewResponse = Type.Object({
  asOf: Type.String(),
  data: DataVersionSchema,
  disclosure: Disclosure,
  count: Count,
  breakdowns: Type.Partial(Type.Object(Object.fromEntries(COHORT_BREAKDOWNS.map((b) => [b, GroupCounts])))),
});
export type CohortPreviewResponse = Static<typeof CohortPreviewResponse>;
export const CohortTimelineBody = Type.Object(
  { definition: Type.Unknown(), from: IsoDate, to: Type.Optional(IsoDate) },
  { additionalProperties: false },
);
export const CohortTimelineQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1 })), from: IsoDate, to: Type.Optional(IsoDate) },
  { additionalProperties: false },
);
export const CohortTimelineResponse = Type.Object({
  cohortId: Type.Optional(Type.String()),
  version: Type.Optional(Type.Number()),
  data: DataVersionSchema,
  disclosure: Disclosure,
  points: Type.Array(Type.Object({ asOf: Type.String(), count: Count })),
});
export type CohortTimelineResponse = Static<typeof CohortTimelineResponse>;
export const CohortCsvQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export const CohortRunQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1 })), breakdown: Type.Optional(BreakdownSchema) },
  { additionalProperties: false },
);
export const CohortCountResponse = Type.Object({
  cohortId: Type.String(),
  version: Type.Number(),
  asOf: Type.String(),
  data: DataVersionSchema,
  breakdown: Type.String(),
  disclosure: Disclosure,
  total: Count,
  groups: Type.Array(Type.Object({ group: Type.String(), count: Count })),
});
export type CohortCountResponse = Static<typeof CohortCountResponse>;
export const CohortMembersQuery = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export const CohortMembersResponse = Type.Object({
  cohortId: Type.String(),
  version: Type.Number(),
  asOf: Type.String(),
  data: DataVersionSchema,
  total: Type.Number(),
  identity: Type.String(),
  members: Type.Array(
    Type.Object({
      personId: Type.String(),
      nhsNumber: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    }),
  ),
});
export type CohortMembersResponse = Static<typeof CohortMembersResponse>;

export const DataQualityResponse = Type.Object({
  build: Type.Record(Type.String(), Type.String()),
  quarantine: Type.Array(
    Type.Object({ file: Type.String(), reasonCode: Type.String(), rows: Type.Number() }),
  ),
});
export type DataQualityResponse = Static<typeof DataQualityResponse>;
export type CohortSummary = Static<typeof CohortSummary>;
export type CohortVersion = Static<typeof CohortVersion>;
