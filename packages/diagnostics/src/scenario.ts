// A waiting-list scenario: the changes a planner wants to try (extra sessions, a new scanner
// from a date, downtime, a change in demand, mutual aid between trusts) and the uncertainty
// around them, as plain JSON validated against a published JSON Schema
// (`packages/diagnostics/scenario.schema.json`, this object written out; a test keeps it current).
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";

const date = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "An ISO date (YYYY-MM-DD)." };
const trust = { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9-]{0,19}$", description: "Trust code." };
const modality = { enum: ["MR", "CT", "US", "BMD", "RF", "CR"], description: "DICOM modality of the list." };
const window = {
  from: { ...date, description: "First day the change applies (its week counts whole)." },
  to: { ...date, description: "Last day it applies (default: to the end of the run)." },
};
const change = (
  kind: string,
  description: string,
  properties: Record<string, unknown>,
  required: string[],
) => ({
  type: "object",
  description,
  properties: { kind: { const: kind }, ...properties },
  required: ["kind", ...required],
  additionalProperties: false,
});
const share = { type: "number", minimum: 0, maximum: 1 };

export const SCENARIO_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://bevan.health/schemas/imaging-scenario.schema.json",
  title: "Bevan imaging waiting-list scenario",
  type: "object",
  properties: {
    name: { type: "string", minLength: 1, maxLength: 200 },
    description: { type: "string", maxLength: 4000 },
    weeks: { type: "integer", minimum: 4, maximum: 156, description: "Weeks to simulate (default 52)." },
    interimTarget: {
      ...share,
      description: "An interim target for the share waiting 6+ weeks (the standard is 0.01), e.g. 0.05.",
    },
    demandGrowth: {
      type: "object",
      description:
        "Growth in demand a year beyond the forecast's own trend (population growth, a growing cohort), as a normal distribution.",
      properties: {
        perYear: { type: "number", minimum: -0.5, maximum: 1 },
        sd: { type: "number", minimum: 0, maximum: 0.5 },
      },
      required: ["perYear"],
      additionalProperties: false,
    },
    capacityUncertainty: {
      type: "number",
      minimum: 0,
      maximum: 0.5,
      description:
        "Standard deviation of each run's capacity as a share of plan (staff sickness, slower scans); default 0.03.",
    },
    changes: {
      type: "array",
      maxItems: 100,
      items: {
        oneOf: [
          change(
            "extra_sessions",
            "More (or, negative, fewer) tests a week on a list: waiting-list initiative sessions, a mobile scanner.",
            { trust, modality, testsPerWeek: { type: "number", minimum: -10000, maximum: 10000 }, ...window },
            ["trust", "modality", "testsPerWeek", "from"],
          ),
          change(
            "new_scanner",
            "A new scanner from a date: its tests a week, after a ramp-up of some weeks at half capacity.",
            {
              trust,
              modality,
              testsPerWeek: { type: "number", minimum: 0, maximum: 10000 },
              rampWeeks: { type: "integer", minimum: 0, maximum: 26 },
              from: window.from,
            },
            ["trust", "modality", "testsPerWeek", "from"],
          ),
          change(
            "downtime",
            "Capacity lost for a time (a scanner replaced, a breakdown): the share of the list's capacity lost.",
            { trust, modality, share, ...window },
            ["trust", "modality", "share", "from", "to"],
          ),
          change(
            "demand_change",
            "Demand up or down from a date (a new pathway, demand management): percent of the forecast; every trust or modality when left out.",
            { trust, modality, percent: { type: "number", minimum: -100, maximum: 500 }, ...window },
            ["percent", "from"],
          ),
          change(
            "mutual_aid",
            "Patients a week moved from one trust's list to another's (longest-waiting first, keeping their waits).",
            {
              fromTrust: trust,
              toTrust: trust,
              modality,
              patientsPerWeek: { type: "number", minimum: 0, maximum: 10000 },
              ...window,
            },
            ["fromTrust", "toTrust", "modality", "patientsPerWeek", "from"],
          ),
        ],
      },
    },
  },
  required: ["name"],
  additionalProperties: false,
} as const;

export type ScenarioChange =
  | {
      kind: "extra_sessions";
      trust: string;
      modality: string;
      testsPerWeek: number;
      from: string;
      to?: string;
    }
  | {
      kind: "new_scanner";
      trust: string;
      modality: string;
      testsPerWeek: number;
      rampWeeks?: number;
      from: string;
    }
  | { kind: "downtime"; trust: string; modality: string; share: number; from: string; to: string }
  | { kind: "demand_change"; trust?: string; modality?: string; percent: number; from: string; to?: string }
  | {
      kind: "mutual_aid";
      fromTrust: string;
      toTrust: string;
      modality: string;
      patientsPerWeek: number;
      from: string;
      to?: string;
    };

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly weeks?: number;
  readonly interimTarget?: number;
  readonly demandGrowth?: { readonly perYear: number; readonly sd?: number };
  readonly capacityUncertainty?: number;
  readonly changes?: readonly ScenarioChange[];
}

export interface ScenarioIssue {
  readonly path: string;
  readonly message: string;
}

/** A scenario that does not follow the schema: a user-fixable error naming each problem. */
export class ScenarioValidationError extends Error {
  readonly issues: readonly ScenarioIssue[];
  constructor(issues: readonly ScenarioIssue[]) {
    super(
      `the scenario is not valid:\n${issues
        .slice(0, 8)
        .map((i) => `  at ${i.path || "/"}: ${i.message}`)
        .join("\n")}`,
    );
    this.name = "ScenarioValidationError";
    this.issues = issues;
  }
}

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const check = ajv.compile(SCENARIO_SCHEMA);

function describe(e: ErrorObject): ScenarioIssue {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === "additionalProperties")
    return { path: e.instancePath, message: `unknown field '${String(p.additionalProperty)}'` };
  if (e.keyword === "required")
    return { path: e.instancePath, message: `'${String(p.missingProperty)}' is required` };
  if (e.keyword === "enum")
    return { path: e.instancePath, message: `must be one of ${(p.allowedValues as unknown[]).join(", ")}` };
  if (e.keyword === "const") return { path: e.instancePath, message: `must be '${String(p.allowedValue)}'` };
  return { path: e.instancePath, message: e.message ?? "is not valid" };
}

const BRANCHES = SCENARIO_SCHEMA.properties.changes.items.oneOf;
const KINDS: readonly string[] = BRANCHES.map((o) => (o.properties.kind as { const: string }).const);
const branchCheck = new Map(
  BRANCHES.map((o) => [(o.properties.kind as { const: string }).const, ajv.compile(o)]),
);

/** Validates parsed JSON as a scenario (schema, then dates in order). */
export function validateScenario(input: unknown): Scenario {
  if (!check(input)) {
    const issues: ScenarioIssue[] = [];
    const changes = (input as { changes?: unknown })?.changes;
    for (const e of check.errors ?? []) {
      // A change's problems are reported against the kind it names (below), not every kind.
      if (/^\/changes\/\d+/.test(e.instancePath) || e.keyword === "oneOf") continue;
      issues.push(describe(e));
    }
    if (Array.isArray(changes))
      changes.forEach((c, i) => {
        const kind = (c as { kind?: unknown })?.kind;
        const validate = typeof kind === "string" ? branchCheck.get(kind) : undefined;
        if (!validate) {
          issues.push({ path: `/changes/${i}/kind`, message: `must be one of ${KINDS.join(", ")}` });
          return;
        }
        if (!validate(c))
          for (const e of validate.errors ?? []) {
            const d = describe(e);
            issues.push({ path: `/changes/${i}${d.path}`, message: d.message });
          }
      });
    const seen = new Set<string>();
    throw new ScenarioValidationError(
      issues.filter((i) => {
        const key = `${i.path}|${i.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      }),
    );
  }
  const s = input as Scenario;
  const issues: ScenarioIssue[] = [];
  (s.changes ?? []).forEach((c, i) => {
    const to = "to" in c ? c.to : undefined;
    if (!validDate(c.from)) issues.push({ path: `/changes/${i}/from`, message: "is not a date" });
    if (to !== undefined && !validDate(to))
      issues.push({ path: `/changes/${i}/to`, message: "is not a date" });
    if (to !== undefined && to < c.from)
      issues.push({ path: `/changes/${i}/to`, message: "is before `from`" });
    if (c.kind === "mutual_aid" && c.fromTrust === c.toTrust)
      issues.push({ path: `/changes/${i}/toTrust`, message: "must differ from fromTrust" });
  });
  if (issues.length) throw new ScenarioValidationError(issues);
  return structuredClone(s);
}

function validDate(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
}
