// Schemas of patient lists to act on (worklists, and a saved cohort's members as a list):
// paging, sorting and filtering on the server, a "why" column per criterion, exports.
import { type Static, Type } from "typebox";
import { Count, DataVersionSchema, Disclosure } from "../../schemas.ts";

const listFilters = {
  org: Type.Optional(
    Type.String({
      pattern: "^[A-Za-z0-9][A-Za-z0-9-]{0,19}$",
      description: "Only people registered in this organisation (a place, PCN or practice in your scope)",
    }),
  ),
  sort: Type.Optional(
    Type.String({
      pattern: "^(person|age|sex|practice|deprivation|ethnicity|r[0-9]{1,2})$",
      description: "A list column, or a reason column's id (r0, r1, …)",
    }),
  ),
  desc: Type.Optional(Type.Boolean({ default: false })),
  sex: Type.Optional(Type.Union([Type.Literal("F"), Type.Literal("M"), Type.Literal("U")])),
  ageMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 130 })),
  ageMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 130 })),
  imd: Type.Optional(
    Type.String({
      pattern: "^[1-5](,[1-5]){0,4}$",
      description: "IMD quintiles, comma-separated (1 = most deprived)",
    }),
  ),
};

export const ListQuery = Type.Object(
  {
    ...listFilters,
    version: Type.Optional(
      Type.Integer({ minimum: 1, description: "A saved cohort's version (default latest)" }),
    ),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);
export type ListQuery = Static<typeof ListQuery>;

export const ExportFormat = Type.Union([Type.Literal("csv"), Type.Literal("xlsx"), Type.Literal("nhs")], {
  description:
    "csv (UTF-8 with BOM, provenance after the rows), xlsx (provenance sheet), nhs (one NHS number per line, for practice systems; direct-care roles)",
});

export const ExportQuery = Type.Object(
  {
    ...listFilters,
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    format: ExportFormat,
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

export const ListRow = Type.Object({
  personId: Type.String(),
  nhsNumber: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  age: Type.Number(),
  sex: Type.String(),
  practiceCode: Type.String(),
  practiceName: Type.Union([Type.String(), Type.Null()]),
  pcnCode: Type.Union([Type.String(), Type.Null()]),
  imdQuintile: Type.Union([Type.Number(), Type.Null()]),
  ethnicityGroup: Type.String(),
  /** The reasons in words, by reason id (absent: no value, e.g. another branch of an "any of"). */
  reasons: Type.Record(Type.String(), Type.String()),
});

export const ListResponse = Type.Object({
  asOf: Type.String(),
  data: DataVersionSchema,
  identity: Type.Union([Type.Literal("identified"), Type.Literal("pseudonymous")]),
  total: Type.Number(),
  offset: Type.Number(),
  limit: Type.Number(),
  sort: Type.String(),
  desc: Type.Boolean(),
  reasons: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), path: Type.String() })),
  rows: Type.Array(ListRow),
});
export type ListResponse = Static<typeof ListResponse>;

export const WorklistSummary = Type.Object({
  id: Type.String(),
  version: Type.Number(),
  category: Type.String(),
  categoryName: Type.String(),
  title: Type.String(),
  why: Type.String(),
  action: Type.String(),
  basis: Type.String(),
  /** People on the list in your scope (disclosed by role); null when the build has not made its scores. */
  count: Type.Union([Count, Type.Null()]),
  /** Why the count is missing, when it is. */
  unavailable: Type.Optional(Type.String()),
});
export type WorklistSummary = Static<typeof WorklistSummary>;

export const WorklistsResponse = Type.Object({
  asOf: Type.Union([Type.String(), Type.Null()]),
  disclosure: Disclosure,
  worklists: Type.Array(WorklistSummary),
});
export type WorklistsResponse = Static<typeof WorklistsResponse>;

export const WorklistResponse = Type.Object({
  worklist: WorklistSummary,
  definition: Type.Unknown({ description: "The worklist's cohort definition (cohort.schema.json)" }),
  asOf: Type.String(),
  disclosure: Disclosure,
  total: Count,
  byPractice: Type.Array(
    Type.Object({ code: Type.String(), name: Type.Union([Type.String(), Type.Null()]), count: Count }),
  ),
});
export type WorklistResponse = Static<typeof WorklistResponse>;
