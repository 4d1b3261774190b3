// Validation at the boundary: a definition from JSON is checked against the published schema
// and then for meaning (bounds in order, windows not empty). Every problem names the node
// (its JSON path and kind) and says what is allowed.
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import { type CohortDefinition, deepFreeze, type Offset, type Window } from "./ir.ts";
import { COHORT_SCHEMA, CRITERION_KINDS } from "./schema.ts";

export interface ValidationIssue {
  /** JSON Pointer to the offending value, e.g. `/criteria/of/2/window/from`. */
  readonly path: string;
  readonly message: string;
}

/** A cohort definition that does not follow the language: a user-fixable error. */
export class CohortValidationError extends Error {
  readonly issues: readonly ValidationIssue[];
  constructor(issues: readonly ValidationIssue[], label = "cohort definition") {
    const shown = issues.slice(0, 5).map((i) => `  at ${i.path || "/"}: ${i.message}`);
    const more = issues.length > 5 ? [`  …and ${issues.length - 5} more`] : [];
    super(`${label} is not valid:\n${[...shown, ...more].join("\n")}`);
    this.name = "CohortValidationError";
    this.issues = issues;
  }
}

const ajv = new Ajv2020({
  discriminator: true,
  allErrors: true,
  strict: true,
  strictRequired: false,
  verbose: true,
});
const check = ajv.compile(COHORT_SCHEMA);

const ALLOWED_BY_PARENT: Record<string, readonly string[]> = {
  test: ["exists", "count", "first", "latest"],
  codes: ["codes", "codelist"],
};

/** Validates unknown input (parsed JSON) and returns it as a frozen, typed definition. */
export function validateCohort(input: unknown, label?: string): CohortDefinition {
  if (!check(input)) {
    throw new CohortValidationError(dedupe((check.errors ?? []).map((e) => describe(e, input))), label);
  }
  const def = input as unknown as CohortDefinition;
  const issues = semanticIssues(def);
  if (issues.length > 0) throw new CohortValidationError(issues, label);
  return deepFreeze(structuredClone(def));
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function at(root: unknown, pointer: string): unknown {
  let v: unknown = root;
  for (const part of pointer.split("/").slice(1)) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[part.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  return v;
}

/** The kind of the nearest enclosing node, for "in a … node". */
function nodeKind(root: unknown, pointer: string): string | undefined {
  const parts = pointer.split("/");
  for (let i = parts.length; i >= 1; i--) {
    const v = at(root, parts.slice(0, i).join("/"));
    const kind = v && typeof v === "object" ? (v as { kind?: unknown }).kind : undefined;
    // Only a plain word is named back: a kind is the caller's input and may be anything.
    if (typeof kind === "string") return /^[a-z_]{1,40}$/.test(kind) ? kind : undefined;
  }
  return undefined;
}

/**
 * The offending value, quoted, when it is a short plain word (a typo worth showing back);
 * otherwise a neutral phrase, so messages never carry arbitrary input (the API returns them).
 */
function shown(value: unknown, otherwise: string): string {
  return typeof value === "string" && /^[A-Za-z0-9_ .+-]{1,40}$/.test(value)
    ? JSON.stringify(value)
    : typeof value === "number" && Number.isFinite(value)
      ? String(value)
      : otherwise;
}

const article = (word: string) => (/^[aeiou]/.test(word) ? "an" : "a");

function describe(e: ErrorObject, root: unknown): ValidationIssue {
  const path = e.instancePath;
  const k = nodeKind(root, path);
  const where = k ? ` (in ${article(k)} "${k}" node)` : "";
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "discriminator": {
      const parent = path.split("/").at(-1) ?? "";
      const allowed = ALLOWED_BY_PARENT[parent] ?? CRITERION_KINDS;
      const got = p.tagValue === undefined ? "no kind" : `unknown kind ${shown(p.tagValue, "(not shown)")}`;
      return { path, message: `${got}; allowed kinds: ${allowed.join(", ")}` };
    }
    case "enum":
      return {
        path,
        message: `${shown(at(root, path), "this value")} is not allowed${where}; allowed: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      };
    case "const":
      return { path, message: `must be ${JSON.stringify(p.allowedValue)}${where}` };
    case "additionalProperty":
    case "additionalProperties": {
      const schema = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
      const allowed = Object.keys(schema?.properties ?? {}).join(", ");
      return {
        path,
        message: `unknown property ${shown(p.additionalProperty, "(not shown)")}${where}; allowed properties: ${allowed}`,
      };
    }
    case "required":
      return { path, message: `missing property ${JSON.stringify(p.missingProperty)}${where}` };
    case "oneOf":
      return { path, message: `must be null or an offset node${where}` };
    default:
      return { path, message: `${e.message ?? "is not valid"}${where}` };
  }
}

const APPROX_DAYS = { days: 1, months: 30.4375, years: 365.25 } as const;
const approxDays = (o: Offset) => o.n * APPROX_DAYS[o.unit];

function semanticIssues(def: CohortDefinition): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const windowIssue = (w: Window, path: string) => {
    if (w.from !== null && approxDays(w.from) >= approxDays(w.to))
      issues.push({
        path,
        message: `empty window: "from" must be before "to" (a window is after from, up to to)`,
      });
  };
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        walk(v, `${path}/${i}`);
      });
      return;
    }
    if (node === null || typeof node !== "object") return;
    const n = node as Record<string, unknown> & { kind: string };
    const bounds = (lo: unknown, hi: unknown, what: string) => {
      if (typeof lo === "number" && typeof hi === "number" && lo > hi)
        issues.push({
          path,
          message: `${what}: min (${lo}) is greater than max (${hi}) in a "${n.kind}" node`,
        });
    };
    switch (n.kind) {
      case "window":
        windowIssue(n as unknown as Window, path);
        break;
      case "age":
        if (n.min === undefined && n.max === undefined)
          issues.push({ path, message: `an "age" node needs min, max or both` });
        bounds(n.min, n.max, "age");
        break;
      case "imd":
        bounds(n.min, n.max, "IMD");
        if (n.scale === "quintile" && typeof n.max === "number" && n.max > 5)
          issues.push({ path: `${path}/max`, message: "IMD quintiles run from 1 to 5" });
        break;
      case "score":
        if (n.min === undefined && n.max === undefined && n.bands === undefined)
          issues.push({ path, message: `a "score" node needs min, max or bands` });
        bounds(n.min, n.max, "score");
        break;
    }
    for (const [key, value] of Object.entries(n)) walk(value, `${path}/${key}`);
  };
  walk(def, "");
  return issues;
}
