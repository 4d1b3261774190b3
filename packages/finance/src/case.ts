// A business case as a file: plain JSON validated against a published JSON Schema
// (`packages/finance/business-case.schema.json`, this object written out; a test keeps it
// current), then checked for what a schema cannot say (a triangular's mode between its
// ends, a bounded distribution inside its input's range). Code behind `validateBusinessCase`
// sees typed, valid values.
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import { kindOf, paramsOf, supportOf, type Value } from "./distributions.ts";
import { INPUTS, type InputSpec } from "./inputs.ts";

export interface CohortRef {
  /** A cohort-language file (relative to the case file). */
  readonly file?: string;
  /** A saved cohort's id, and optionally its version (the latest otherwise). */
  readonly saved?: string;
  readonly version?: number;
  /** A cohort-language definition inline. */
  readonly definition?: unknown;
}

export interface RiskShare {
  /** Share of net savings (gains) that goes to the providers. */
  readonly providerGainShare: number;
  /** Share of a net loss the providers bear. */
  readonly providerLossShare: number;
  /** Most the providers can lose over the horizon (£); no cap when left out. */
  readonly providerLossCap?: number;
}

export interface BusinessCase {
  readonly name: string;
  readonly description?: string;
  readonly cohort?: CohortRef;
  /** Which year of the cohort's history sets the baseline (default: what happened next). */
  readonly baselineFrom?: "following-year" | "last-year";
  readonly size?: Value;
  readonly growth?: Value;
  readonly years?: number;
  readonly discountRate?: number;
  readonly runs?: number;
  readonly seed?: number;
  readonly baseline?: Readonly<Record<string, Value>>;
  readonly intervention: Readonly<Record<string, Value>>;
  readonly optimismBias?: Readonly<Record<string, Value>>;
  readonly riskShare?: RiskShare;
}

export const DEFAULTS = { years: 5, discountRate: 0.035, runs: 10_000, seed: 1 } as const;
export const MAX_RUNS = 100_000;

const num = { type: "number" };
const pair = { type: "array", items: num, minItems: 2, maxItems: 2 };
const VALUE = {
  description:
    "A number (fixed) or a distribution: {triangular: [min, mode, max]}, {normal: [mean, sd]}, {lognormal: [meanlog, sdlog]}, {beta: [a, b]}, {uniform: [min, max]}.",
  oneOf: [
    num,
    {
      type: "object",
      properties: { triangular: { type: "array", items: num, minItems: 3, maxItems: 3 } },
      required: ["triangular"],
      additionalProperties: false,
    },
    { type: "object", properties: { normal: pair }, required: ["normal"], additionalProperties: false },
    { type: "object", properties: { lognormal: pair }, required: ["lognormal"], additionalProperties: false },
    { type: "object", properties: { beta: pair }, required: ["beta"], additionalProperties: false },
    { type: "object", properties: { uniform: pair }, required: ["uniform"], additionalProperties: false },
  ],
};

function group(prefix: string): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const i of INPUTS.filter((x) => x.path.startsWith(`${prefix}.`)))
    properties[i.path.slice(prefix.length + 1)] = {
      $ref: "#/$defs/value",
      description: `${i.label}. ${i.help}`,
    };
  return { type: "object", properties, additionalProperties: false };
}

const top = (path: string) => {
  const i = INPUTS.find((x) => x.path === path) as InputSpec;
  return { $ref: "#/$defs/value", description: `${i.label}. ${i.help}` };
};

export const BUSINESS_CASE_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://bevan.health/schemas/business-case.schema.json",
  title: "Bevan business case",
  description:
    "An intervention for a target cohort with its inputs as numbers or distributions; see docs/business-cases.md.",
  type: "object",
  $defs: { value: VALUE },
  properties: {
    name: { type: "string", minLength: 1, maxLength: 200 },
    description: { type: "string", maxLength: 4000 },
    cohort: {
      description:
        "The target cohort: a cohort-language file, a saved cohort, or a definition inline. Needs a warehouse (--db); the baseline's inputs left out are taken from it.",
      type: "object",
      properties: {
        file: { type: "string", minLength: 1 },
        saved: { type: "string", minLength: 1 },
        version: { type: "integer", minimum: 1 },
        definition: { type: "object" },
      },
      additionalProperties: false,
      oneOf: [{ required: ["file"] }, { required: ["saved"] }, { required: ["definition"] }],
    },
    baselineFrom: {
      enum: ["following-year", "last-year"],
      description:
        "For a cohort: take the baseline from what such a cohort did in the year after it was chosen (default; shows regression to the mean) or from its last year.",
    },
    size: top("size"),
    growth: top("growth"),
    years: { type: "integer", minimum: 1, maximum: 30, description: "Years to model (default 5)." },
    discountRate: {
      type: "number",
      minimum: 0,
      maximum: 0.2,
      description:
        "Discount rate a year (default 0.035, HM Treasury's Green Book); year t is divided by (1 + rate)^(t-1).",
    },
    runs: {
      type: "integer",
      minimum: 1,
      maximum: MAX_RUNS,
      description: "Monte Carlo runs (default 10,000).",
    },
    seed: { type: "integer", minimum: 0, maximum: 4294967295, description: "Random seed (default 1)." },
    baseline: group("baseline"),
    intervention: group("intervention"),
    optimismBias: group("optimismBias"),
    riskShare: {
      type: "object",
      description: "A gain/loss share of the net savings between the commissioner and the providers.",
      properties: {
        providerGainShare: { type: "number", minimum: 0, maximum: 1 },
        providerLossShare: { type: "number", minimum: 0, maximum: 1 },
        providerLossCap: { type: "number", minimum: 0 },
      },
      required: ["providerGainShare", "providerLossShare"],
      additionalProperties: false,
    },
  },
  required: ["name", "intervention"],
  additionalProperties: false,
} as const;

export interface CaseIssue {
  readonly path: string;
  readonly message: string;
}

/** A case that does not follow the format: a user-fixable error naming each problem. */
export class BusinessCaseValidationError extends Error {
  readonly issues: readonly CaseIssue[];
  constructor(issues: readonly CaseIssue[]) {
    super(
      `the business case is not valid:\n${issues
        .slice(0, 10)
        .map((i) => `  at ${i.path || "/"}: ${i.message}`)
        .join("\n")}`,
    );
    this.name = "BusinessCaseValidationError";
    this.issues = issues;
  }
}

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const check = ajv.compile(BUSINESS_CASE_SCHEMA);
const checkValue = ajv.compile({ $defs: { value: VALUE }, $ref: "#/$defs/value" });

function describe(e: ErrorObject): CaseIssue {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === "additionalProperties")
    return { path: e.instancePath, message: `unknown field '${String(p.additionalProperty)}'` };
  if (e.keyword === "required")
    return { path: e.instancePath, message: `'${String(p.missingProperty)}' is required` };
  if (e.keyword === "enum")
    return { path: e.instancePath, message: `must be one of ${(p.allowedValues as unknown[]).join(", ")}` };
  return { path: e.instancePath, message: e.message ?? "is not valid" };
}

/** The value at a dotted path of the case, if given. */
export function valueAt(c: BusinessCase, path: string): Value | undefined {
  const parts = path.split(".");
  let node: unknown = c;
  for (const p of parts) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[p];
  }
  return node as Value | undefined;
}

const pointer = (path: string) => `/${path.replaceAll(".", "/")}`;

/** What is wrong with one value for its input, or null. */
export function valueIssue(spec: InputSpec, v: unknown): string | null {
  if (!checkValue(v))
    return "must be a number or one distribution: {triangular: [min, mode, max]}, {normal: [mean, sd]}, {lognormal: [meanlog, sdlog]}, {beta: [a, b]} or {uniform: [min, max]}";
  const value = v as Value;
  const kind = kindOf(value);
  const params = paramsOf(value);
  if (params.some((x) => !Number.isFinite(x))) return "its numbers must be finite";
  const [p0 = 0, p1 = 0, p2 = 0] = params;
  if (kind === "triangular" && !(p0 <= p1 && p1 <= p2))
    return "a triangular distribution is [min, mode, max] with min ≤ mode ≤ max";
  if (kind === "uniform" && !(p0 <= p1)) return "a uniform distribution is [min, max] with min ≤ max";
  if ((kind === "normal" || kind === "lognormal") && !(p1 >= 0))
    return `the ${kind} distribution's second number (its spread) must be 0 or more`;
  if (kind === "beta" && !(p0 > 0 && p1 > 0)) return "a beta distribution's a and b must be above 0";
  const [lo, hi] = supportOf(value);
  // Normal and lognormal tails are held to the range (and reported); a fixed value or a
  // bounded distribution outside it is a mistake the user can fix.
  if (
    (kind === "fixed" || kind === "triangular" || kind === "uniform" || kind === "beta") &&
    (lo < spec.min || hi > spec.max)
  )
    return `must lie between ${spec.min} and ${spec.max} (${spec.label.toLowerCase()}${spec.unit === "share" ? ", as a share: 0.2 = 20%" : ""})`;
  return null;
}

/** Validates parsed JSON as a business case. */
export function validateBusinessCase(input: unknown): BusinessCase {
  if (!check(input)) {
    const issues: CaseIssue[] = [];
    for (const e of check.errors ?? []) {
      // A value's oneOf errors are summed up once by valueIssue below.
      if (/\/(baseline|intervention|optimismBias)\/|^\/(size|growth)$/.test(e.instancePath)) continue;
      if (e.keyword === "oneOf" && e.instancePath === "/cohort") {
        issues.push({ path: "/cohort", message: "give exactly one of 'file', 'saved' or 'definition'" });
        continue;
      }
      if (e.instancePath === "/cohort" && e.keyword === "required") continue;
      issues.push(describe(e));
    }
    for (const spec of INPUTS) {
      const v = valueAt(input as BusinessCase, spec.path);
      if (v === undefined) continue;
      const problem = valueIssue(spec, v);
      if (problem) issues.push({ path: pointer(spec.path), message: problem });
    }
    throw new BusinessCaseValidationError(
      dedupe(issues.length ? issues : (check.errors ?? []).map(describe)),
    );
  }
  const c = input as BusinessCase;
  const issues: CaseIssue[] = [];
  for (const spec of INPUTS) {
    const v = valueAt(c, spec.path);
    if (v === undefined) {
      if (spec.neutral === null && (spec.alwaysRequired || !c.cohort))
        issues.push({
          path: pointer(spec.path),
          message: `'${spec.path}' is required (${spec.label.toLowerCase()})${spec.fromCohort ? ", unless the case names a cohort" : ""}`,
        });
      continue;
    }
    const problem = valueIssue(spec, v);
    if (problem) issues.push({ path: pointer(spec.path), message: problem });
  }
  if (issues.length) throw new BusinessCaseValidationError(issues);
  return c;
}

function dedupe(issues: CaseIssue[]): CaseIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.path}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Every input's value for the model: the case's own, else the cohort's, else neutral. */
export function resolveInputs(
  c: BusinessCase,
  fromCohort: Readonly<Record<string, number>> = {},
): ReadonlyMap<string, Value> {
  const out = new Map<string, Value>();
  const missing: CaseIssue[] = [];
  for (const spec of INPUTS) {
    const v = valueAt(c, spec.path) ?? fromCohort[spec.path] ?? spec.neutral;
    if (v === null || v === undefined) {
      missing.push({
        path: pointer(spec.path),
        message: `'${spec.path}' is required (${spec.label.toLowerCase()})`,
      });
      continue;
    }
    out.set(spec.path, v);
  }
  if (missing.length) throw new BusinessCaseValidationError(missing);
  return out;
}
