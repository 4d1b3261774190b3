// The published JSON Schema of a cohort definition (draft 2020-12 subset that Ajv checks).
// `packages/query/cohort.schema.json` is this object written out; a test keeps it current.
import { CODING_SYSTEMS, REGISTER_CODES } from "@bevan/domain";
import {
  ETHNICITY_GROUPS,
  FLAGS,
  HOSPITAL_ACTIVITIES,
  ORG_LEVELS,
  SEXES,
  SOCIAL_CARE_SERVICES,
} from "./ir.ts";

const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
const kind = (k: string) => ({ const: k });
const node = (k: string, properties: Record<string, unknown>, required: string[], description: string) => ({
  type: "object",
  description,
  properties: { kind: kind(k), ...properties },
  required: ["kind", ...required],
  additionalProperties: false,
});
const nonEmpty = (items: unknown) => ({ type: "array", items, minItems: 1, uniqueItems: true });
const count = { type: "integer", minimum: 1, maximum: 100000 };

export const CRITERION_KINDS = [
  "and",
  "or",
  "not",
  "everyone",
  "age",
  "sex",
  "ethnicity",
  "lsoa",
  "imd",
  "organisation",
  "register",
  "register_count",
  "flag",
  "events",
  "latest_value",
  "distinct_medicines",
  "hospital_activity",
  "social_care",
  "score",
  "saved_cohort",
] as const;

export const COHORT_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://bevan.health/schemas/cohort.schema.json",
  title: "Bevan cohort definition",
  ...node(
    "cohort",
    {
      language: { const: 1 },
      name: { type: "string", minLength: 1, maxLength: 200 },
      description: { type: "string", maxLength: 4000 },
      population: { enum: ["registered", "everyone"] },
      criteria: ref("criterion"),
    },
    ["language", "name", "population", "criteria"],
    "A cohort as data: a population and criteria evaluated at an as-of date.",
  ),
  $defs: {
    offset: node(
      "offset",
      { n: { type: "integer", minimum: -1200, maximum: 1200 }, unit: { enum: ["days", "months", "years"] } },
      ["n", "unit"],
      "A signed distance from the as-of date.",
    ),
    window: node(
      "window",
      { from: { oneOf: [{ type: "null" }, ref("offset")] }, to: ref("offset") },
      ["from", "to"],
      "Dates after asOf+from and up to asOf+to; from null = no lower bound.",
    ),
    codeSet: {
      type: "object",
      required: ["kind"],
      discriminator: { propertyName: "kind" },
      oneOf: [ref("codes"), ref("codelist")],
    },
    codes: node(
      "codes",
      {
        system: { enum: [...CODING_SYSTEMS] },
        codes: nonEmpty({ type: "string", minLength: 1, maxLength: 40 }),
        source: { type: "string" },
      },
      ["system", "codes"],
      "Codes from one coding system, written out.",
    ),
    codelist: node(
      "codelist",
      { id: { type: "string", minLength: 1 } },
      ["id"],
      "A codelist held by the warehouse, by id.",
    ),
    eventTest: {
      type: "object",
      required: ["kind"],
      discriminator: { propertyName: "kind" },
      oneOf: [ref("exists"), ref("count"), ref("first"), ref("latest")],
    },
    exists: node("exists", {}, [], "At least one matching event."),
    count: node("count", { atLeast: count }, ["atLeast"], "At least `atLeast` matching events."),
    first: node("first", { within: ref("window") }, ["within"], "The earliest matching event falls within."),
    latest: node("latest", { within: ref("window") }, ["within"], "The latest matching event falls within."),
    criterion: {
      type: "object",
      required: ["kind"],
      discriminator: { propertyName: "kind" },
      oneOf: CRITERION_KINDS.map(ref),
    },
    and: node("and", { of: { type: "array", items: ref("criterion"), minItems: 1 } }, ["of"], "All of."),
    or: node("or", { of: { type: "array", items: ref("criterion"), minItems: 1 } }, ["of"], "Any of."),
    not: node("not", { of: ref("criterion") }, ["of"], "Not."),
    everyone: node("everyone", {}, [], "Everyone in the population."),
    age: node(
      "age",
      {
        min: { type: "integer", minimum: 0, maximum: 130 },
        max: { type: "integer", minimum: 0, maximum: 130 },
      },
      [],
      "Age in whole years at the as-of date, inclusive.",
    ),
    sex: node("sex", { in: nonEmpty({ enum: [...SEXES] }) }, ["in"], "Sex as recorded."),
    ethnicity: node(
      "ethnicity",
      { in: nonEmpty({ enum: [...ETHNICITY_GROUPS] }) },
      ["in"],
      "Ethnicity group.",
    ),
    lsoa: node(
      "lsoa",
      { in: nonEmpty({ type: "string", pattern: "^[EW]0[0-9]{7}$" }) },
      ["in"],
      "LSOA of residence.",
    ),
    imd: node(
      "imd",
      {
        scale: { enum: ["decile", "quintile"] },
        min: { type: "integer", minimum: 1, maximum: 10 },
        max: { type: "integer", minimum: 1, maximum: 10 },
      },
      ["scale", "min", "max"],
      "IMD decile or quintile, inclusive, 1 = most deprived.",
    ),
    organisation: node(
      "organisation",
      { level: { enum: [...ORG_LEVELS] }, in: nonEmpty({ type: "string", minLength: 1, maxLength: 20 }) },
      ["level", "in"],
      "Registered with an organisation (practice, or the PCN/place/ICB of the practice).",
    ),
    register: node("register", { register: { enum: [...REGISTER_CODES] } }, ["register"], "On a register."),
    register_count: node(
      "register_count",
      { registers: nonEmpty({ enum: [...REGISTER_CODES] }), atLeast: count },
      ["registers", "atLeast"],
      "On at least atLeast of the listed registers.",
    ),
    flag: node("flag", { flag: { enum: [...FLAGS] } }, ["flag"], "A person flag."),
    events: node(
      "events",
      {
        source: { enum: ["gp", "medications"] },
        codes: ref("codeSet"),
        window: ref("window"),
        test: ref("eventTest"),
        issuedBy: { enum: ["primary_care", "secondary_care"] },
      },
      ["source", "codes", "window", "test"],
      "Coded GP events or medication issues in a window.",
    ),
    latest_value: node(
      "latest_value",
      {
        codes: ref("codeSet"),
        window: ref("window"),
        op: { enum: ["<", "<=", ">", ">=", "=", "!="] },
        value: { type: "number" },
      },
      ["codes", "window", "op", "value"],
      "The latest recorded value in the window compared with a number.",
    ),
    distinct_medicines: node(
      "distinct_medicines",
      { window: ref("window"), atLeast: count, codes: ref("codeSet") },
      ["window", "atLeast"],
      "Distinct medicines issued in the window.",
    ),
    hospital_activity: node(
      "hospital_activity",
      { activity: { enum: [...HOSPITAL_ACTIVITIES] }, window: ref("window"), atLeast: count },
      ["activity", "window", "atLeast"],
      "Hospital admissions or A&E attendances in the window.",
    ),
    social_care: node(
      "social_care",
      { services: nonEmpty({ enum: [...SOCIAL_CARE_SERVICES] }), window: ref("window") },
      ["services", "window"],
      "A social care or council service active in the window.",
    ),
    score: node(
      "score",
      {
        score: { type: "string", pattern: "^[a-z][a-z0-9_]*$" },
        min: { type: "number" },
        max: { type: "number" },
        bands: nonEmpty({ type: "string", minLength: 1 }),
      },
      ["score"],
      "A per-person score from the person_score table.",
    ),
    saved_cohort: node(
      "saved_cohort",
      { id: { type: "string", minLength: 1 }, version: { type: "integer", minimum: 1 } },
      ["id", "version"],
      "Membership of a saved cohort at a pinned version.",
    ),
  },
} as const;
