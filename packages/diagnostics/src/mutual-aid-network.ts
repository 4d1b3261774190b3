// The plain network description mutual aid works on (`bevan imaging mutual-aid --in FILE`):
// sites with, for each modality, the backlog by completed weeks waited, weekly demand and
// weekly capacity; travel times between sites; the longest journey a patient may be asked
// to make; and the planning horizon. Published as `packages/diagnostics/mutual-aid-network.schema.json`
// (this object written out; a test keeps it current).
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";

const code = { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9-]{0,19}$" };
const count = { type: "number", minimum: 0, maximum: 10_000_000 };

export const NETWORK_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://bevan.health/schemas/mutual-aid-network.schema.json",
  title: "Bevan imaging network for mutual aid",
  type: "object",
  properties: {
    horizonWeeks: {
      type: "integer",
      minimum: 1,
      maximum: 6,
      description: "Weeks over which transfers are planned and breaches counted (default 4).",
    },
    standardWeeks: {
      type: "integer",
      minimum: 1,
      maximum: 52,
      description: "The waiting-time standard in weeks (DM01: 6).",
    },
    maxTravelMinutes: {
      type: "number",
      minimum: 0,
      maximum: 600,
      description: "Longest journey a patient may be offered.",
    },
    sites: {
      type: "array",
      minItems: 1,
      maxItems: 500,
      items: {
        type: "object",
        properties: {
          code: { ...code, description: "Site code." },
          name: { type: "string", maxLength: 200 },
          trust: { ...code, description: "The trust running the site." },
          modalities: {
            type: "array",
            minItems: 1,
            items: {
              type: "object",
              properties: {
                modality: {
                  type: "string",
                  minLength: 1,
                  maxLength: 20,
                  description: "e.g. MR, CT, US, BMD, RF, CR.",
                },
                backlog: {
                  type: "array",
                  items: count,
                  maxItems: 105,
                  description:
                    "Patients waiting by completed weeks: [0 weeks, 1 week, …]; the last entry is that many weeks or more.",
                },
                demandPerWeek: { ...count, description: "Patients added to the list a week." },
                capacityPerWeek: { ...count, description: "Tests a week the site can do for the list." },
              },
              required: ["modality", "backlog", "demandPerWeek", "capacityPerWeek"],
              additionalProperties: false,
            },
          },
        },
        required: ["code", "trust", "modalities"],
        additionalProperties: false,
      },
    },
    travelMinutes: {
      type: "array",
      description:
        "Drive time from each site to each other site a patient could go to (missing pairs are not allowed).",
      items: {
        type: "object",
        properties: { from: code, to: code, minutes: { type: "number", minimum: 0, maximum: 1440 } },
        required: ["from", "to", "minutes"],
        additionalProperties: false,
      },
    },
  },
  required: ["maxTravelMinutes", "sites", "travelMinutes"],
  additionalProperties: false,
} as const;

export interface SiteModality {
  readonly modality: string;
  readonly backlog: readonly number[];
  readonly demandPerWeek: number;
  readonly capacityPerWeek: number;
}

export interface NetworkSite {
  readonly code: string;
  readonly name?: string;
  readonly trust: string;
  readonly modalities: readonly SiteModality[];
}

export interface MutualAidNetwork {
  readonly horizonWeeks?: number;
  readonly standardWeeks?: number;
  readonly maxTravelMinutes: number;
  readonly sites: readonly NetworkSite[];
  readonly travelMinutes: readonly { readonly from: string; readonly to: string; readonly minutes: number }[];
}

export class NetworkValidationError extends Error {
  readonly issues: readonly { path: string; message: string }[];
  constructor(issues: readonly { path: string; message: string }[]) {
    super(
      `the network description is not valid:\n${issues
        .slice(0, 8)
        .map((i) => `  at ${i.path || "/"}: ${i.message}`)
        .join("\n")}`,
    );
    this.name = "NetworkValidationError";
    this.issues = issues;
  }
}

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const check = ajv.compile(NETWORK_SCHEMA);

const describe = (e: ErrorObject) => {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === "additionalProperties")
    return { path: e.instancePath, message: `unknown field '${String(p.additionalProperty)}'` };
  if (e.keyword === "required")
    return { path: e.instancePath, message: `'${String(p.missingProperty)}' is required` };
  return { path: e.instancePath, message: e.message ?? "is not valid" };
};

/** Validates parsed JSON as a network (schema, then codes that refer to each other). */
export function validateNetwork(input: unknown): MutualAidNetwork {
  if (!check(input)) throw new NetworkValidationError((check.errors ?? []).map(describe));
  const n = input as MutualAidNetwork;
  const issues: { path: string; message: string }[] = [];
  const codes = new Set<string>();
  n.sites.forEach((s, i) => {
    if (codes.has(s.code))
      issues.push({ path: `/sites/${i}/code`, message: `site ${s.code} is listed twice` });
    codes.add(s.code);
    const mods = new Set<string>();
    s.modalities.forEach((m, j) => {
      if (mods.has(m.modality))
        issues.push({ path: `/sites/${i}/modalities/${j}`, message: `${m.modality} is listed twice` });
      mods.add(m.modality);
    });
  });
  n.travelMinutes.forEach((t, i) => {
    if (!codes.has(t.from)) issues.push({ path: `/travelMinutes/${i}/from`, message: `no site ${t.from}` });
    if (!codes.has(t.to)) issues.push({ path: `/travelMinutes/${i}/to`, message: `no site ${t.to}` });
  });
  if ((n.horizonWeeks ?? 4) > (n.standardWeeks ?? 6))
    issues.push({ path: "/horizonWeeks", message: "must not be longer than the standard" });
  if (issues.length) throw new NetworkValidationError(issues);
  return structuredClone(n);
}
