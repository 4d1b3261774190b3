// Schemas of the cohort builder's helpers: attrition and the code picker.
import { type Static, Type } from "typebox";
import { Count, DataVersionSchema, Disclosure } from "../../schemas.ts";

export const AttritionResponse = Type.Object({
  asOf: Type.String(),
  data: DataVersionSchema,
  disclosure: Disclosure,
  population: Count,
  steps: Type.Array(
    Type.Object({
      path: Type.String({ description: "JSON Pointer of the step in the definition" }),
      label: Type.String(),
      alone: Count,
      left: Count,
    }),
  ),
});
export type AttritionResponse = Static<typeof AttritionResponse>;

export const System = Type.String({
  pattern: "^[a-z0-9-]{1,20}$",
  description: "Coding system, e.g. snomedct, dmd",
});
export const Codelist = Type.Object({
  id: Type.String(),
  name: Type.String(),
  system: Type.String(),
  source: Type.String(),
  version: Type.Union([Type.String(), Type.Null()]),
  size: Type.Number(),
});
export const Code = Type.Object({
  system: Type.String(),
  code: Type.String(),
  term: Type.Union([Type.String(), Type.Null()]),
  codelists: Type.Array(Type.String()),
});

export const CodeSearchResponse = Type.Object({ codelists: Type.Array(Codelist), codes: Type.Array(Code) });
export type CodeSearchResponse = Static<typeof CodeSearchResponse>;

export const CodelistResponse = Type.Object({
  codelist: Codelist,
  codes: Type.Array(Type.Object({ code: Type.String(), term: Type.Union([Type.String(), Type.Null()]) })),
});
export type CodelistResponse = Static<typeof CodelistResponse>;
