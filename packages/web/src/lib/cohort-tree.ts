// The cohort builder's model: the form edits the cohort language's JSON tree itself
// (docs/cohort-language.md), so a definition opened in the form and saved is the same
// definition, property for property. Pure: what each kind of criterion is called, what a new
// one looks like, how to change a node at a path, and which nodes the form's fields cover
// (the rest are edited as JSON in place).

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Node = { kind: string; [k: string]: Json };

export interface CohortDefinition {
  kind: "cohort";
  language: 1;
  name: string;
  description?: string;
  population: "registered" | "everyone";
  criteria: Node;
}

export const offset = (n: number, unit: "days" | "months" | "years"): Node => ({ kind: "offset", n, unit });
export const lastMonths = (n: number): Node => ({
  kind: "window",
  from: offset(-n, "months"),
  to: offset(0, "days"),
});

export interface KindInfo {
  readonly kind: string;
  readonly label: string;
  readonly group: string;
  readonly make: () => Node;
}

/** Every criterion of the language, grouped as a clinician looks for them. */
export const KINDS: readonly KindInfo[] = [
  { kind: "age", label: "Age", group: "People", make: () => ({ kind: "age", min: 65 }) },
  { kind: "sex", label: "Sex", group: "People", make: () => ({ kind: "sex", in: ["F"] }) },
  {
    kind: "ethnicity",
    label: "Ethnic group",
    group: "People",
    make: () => ({ kind: "ethnicity", in: ["Asian"] }),
  },
  {
    kind: "flag",
    label: "Learning disability or care home",
    group: "People",
    make: () => ({ kind: "flag", flag: "learning_disability" }),
  },
  {
    kind: "imd",
    label: "Deprivation (IMD)",
    group: "Place",
    make: () => ({ kind: "imd", scale: "quintile", min: 1, max: 1 }),
  },
  {
    kind: "organisation",
    label: "Registered practice, PCN or place",
    group: "Place",
    make: () => ({ kind: "organisation", level: "practice", in: [] }),
  },
  { kind: "lsoa", label: "Neighbourhood (LSOA)", group: "Place", make: () => ({ kind: "lsoa", in: [] }) },
  {
    kind: "register",
    label: "On a register",
    group: "Conditions",
    make: () => ({ kind: "register", register: "DM" }),
  },
  {
    kind: "register_count",
    label: "Number of long-term conditions",
    group: "Conditions",
    make: () => ({
      kind: "register_count",
      registers: [
        "AF",
        "AST",
        "CHD",
        "CKD",
        "COPD",
        "DEM",
        "DEP",
        "DM",
        "EP",
        "HF",
        "HYP",
        "MH",
        "OST",
        "PAD",
        "RA",
        "STIA",
        "CAN",
      ],
      atLeast: 2,
    }),
  },
  {
    kind: "events",
    label: "Coded entries or medicines issued",
    group: "Record",
    make: () => ({
      kind: "events",
      source: "gp",
      codes: { kind: "codes", system: "snomedct", codes: [] },
      window: lastMonths(12),
      test: { kind: "exists" },
    }),
  },
  {
    kind: "latest_value",
    label: "Latest test result or measurement",
    group: "Record",
    make: () => ({
      kind: "latest_value",
      codes: { kind: "codelist", id: "gm-sde/hba1c" },
      window: lastMonths(15),
      op: "<",
      value: 58,
    }),
  },
  {
    kind: "distinct_medicines",
    label: "Number of different medicines",
    group: "Record",
    make: () => ({ kind: "distinct_medicines", window: lastMonths(12), atLeast: 10 }),
  },
  {
    kind: "hospital_activity",
    label: "Hospital admissions or A&E",
    group: "Activity",
    make: () => ({
      kind: "hospital_activity",
      activity: "emergency_admission",
      window: lastMonths(12),
      atLeast: 1,
    }),
  },
  {
    kind: "social_care",
    label: "Social care or council services",
    group: "Activity",
    make: () => ({ kind: "social_care", services: ["home_care"], window: lastMonths(12) }),
  },
  {
    kind: "score",
    label: "Risk score, frailty or segment",
    group: "Risk",
    make: () => ({ kind: "score", score: "admission_risk", bands: ["very_high", "high"] }),
  },
  {
    kind: "saved_cohort",
    label: "In another saved cohort",
    group: "Cohorts",
    make: () => ({ kind: "saved_cohort", id: "", version: 1 }),
  },
  { kind: "and", label: "Group: all of", group: "Groups", make: () => ({ kind: "and", of: [] }) },
  { kind: "or", label: "Group: any of", group: "Groups", make: () => ({ kind: "or", of: [] }) },
  { kind: "everyone", label: "Everyone", group: "Groups", make: () => ({ kind: "everyone" }) },
];

export const kindLabel = (kind: string) => KINDS.find((k) => k.kind === kind)?.label ?? kind;

export const SEXES = [
  ["F", "Female"],
  ["M", "Male"],
  ["U", "Unknown"],
] as const;
export const ETHNICITIES = ["Asian", "Black", "Mixed", "White", "Other", "Unknown"] as const;
export const ORG_LEVELS = [
  ["practice", "Practice"],
  ["pcn", "PCN"],
  ["place", "Place"],
  ["icb", "ICB"],
] as const;
export const FLAGS = [
  ["learning_disability", "Has a learning disability"],
  ["care_home", "Lives in a care home"],
] as const;
export const ACTIVITIES = [
  ["emergency_admission", "Emergency admissions"],
  ["elective_admission", "Planned admissions"],
  ["any_admission", "Any hospital admissions"],
  ["ae_attendance", "A&E attendances"],
] as const;
export const SERVICES = [
  ["home_care", "Home care"],
  ["residential_care", "Residential care"],
  ["nursing_care", "Nursing care"],
  ["reablement", "Reablement"],
  ["assisted_bin_collection", "Assisted bin collection"],
  ["blue_badge", "Blue badge"],
  ["meals", "Meals"],
] as const;
export const OPS = [
  ["<", "below"],
  ["<=", "at most"],
  [">", "above"],
  [">=", "at least"],
  ["=", "equal to"],
  ["!=", "not equal to"],
] as const;
export const SYSTEMS = [
  ["snomedct", "SNOMED CT"],
  ["dmd", "dm+d (medicines)"],
  ["icd10", "ICD-10"],
  ["opcs4", "OPCS-4"],
  ["ctv3", "CTV3"],
] as const;

/** Scores the build makes, with their bands and what their values mean. */
export const SCORES: readonly { score: string; label: string; bands: readonly string[]; unit: string }[] = [
  {
    score: "admission_risk",
    label: "Emergency admission risk (12 months)",
    bands: ["very_high", "high", "moderate", "low"],
    unit: "probability 0–1",
  },
  {
    score: "mortality_risk",
    label: "Risk of dying in 12 months",
    bands: ["high", "low"],
    unit: "probability 0–1",
  },
  { score: "qdiabetes", label: "QDiabetes: 10-year type 2 diabetes risk", bands: [], unit: "%" },
  { score: "qrisk3", label: "QRISK3: 10-year cardiovascular risk", bands: [], unit: "%" },
  {
    score: "efi",
    label: "Electronic Frailty Index",
    bands: ["fit", "mild", "moderate", "severe"],
    unit: "0–1",
  },
  {
    score: "hfrs",
    label: "Hospital Frailty Risk Score",
    bands: ["low", "intermediate", "high"],
    unit: "points",
  },
  { score: "charlson", label: "Charlson comorbidity index", bands: [], unit: "points" },
  {
    score: "segment",
    label: "Population segment (Bridges to Health)",
    bands: [
      "healthy",
      "maternal_infant",
      "acutely_ill",
      "chronic",
      "disability",
      "short_decline",
      "organ_failure",
      "frailty_dementia",
    ],
    unit: "",
  },
];

export const words = (s: string) => s.replace(/_/g, " ");

// ---- Paths: a node's place in the tree as the list of child indexes from the root. ----

export type Path = readonly number[];

function children(n: Node): Node[] | null {
  if (n.kind === "and" || n.kind === "or") return n.of as Node[];
  if (n.kind === "not") return [n.of as Node];
  return null;
}

export function nodeAt(root: Node, path: Path): Node | undefined {
  let n: Node | undefined = root;
  for (const i of path) n = n ? children(n)?.[i] : undefined;
  return n;
}

/** The tree with the node at `path` replaced (a new tree; nothing is mutated). */
export function replaceAt(root: Node, path: Path, next: Node): Node {
  if (path.length === 0) return next;
  const [i, ...rest] = path as [number, ...number[]];
  if (root.kind === "not") return { ...root, of: replaceAt(root.of as Node, rest, next) };
  const of = [...((root.of as Node[]) ?? [])];
  of[i] = replaceAt(of[i] as Node, rest, next);
  return { ...root, of };
}

/** The tree without the node at `path` (a `not` losing its child, or an emptied top group, becomes `everyone`). */
export function removeAt(root: Node, path: Path): Node {
  if (path.length === 0) return { kind: "everyone" };
  const parentPath = path.slice(0, -1);
  const parent = nodeAt(root, parentPath);
  if (!parent) return root;
  if (parent.kind === "not") return replaceAt(root, parentPath, { kind: "everyone" });
  const of = (parent.of as Node[]).filter((_, j) => j !== path[path.length - 1]);
  // A group needs a criterion: the top-level one left empty means everyone.
  if (of.length === 0 && parentPath.length === 0) return { kind: "everyone" };
  return replaceAt(root, parentPath, { ...parent, of });
}

export function appendTo(root: Node, path: Path, child: Node): Node {
  const parent = nodeAt(root, path);
  if (!parent || (parent.kind !== "and" && parent.kind !== "or")) return root;
  return replaceAt(root, path, { ...parent, of: [...(parent.of as Node[]), child] });
}

export function moveAt(root: Node, path: Path, by: -1 | 1): Node {
  const parentPath = path.slice(0, -1);
  const parent = nodeAt(root, parentPath);
  const i = path[path.length - 1] ?? 0;
  if (!parent || !Array.isArray(parent.of)) return root;
  const of = [...(parent.of as Node[])];
  const j = i + by;
  if (j < 0 || j >= of.length) return root;
  [of[i], of[j]] = [of[j] as Node, of[i] as Node];
  return replaceAt(root, parentPath, { ...parent, of });
}

/** The node with "not" around it, or without it when it already is one. */
export const toggleNot = (n: Node): Node => (n.kind === "not" ? (n.of as Node) : { kind: "not", of: n });

/** A top-level criterion list: the root as an "all of" (so criteria can be added to it). */
export function asGroup(root: Node): Node {
  if (root.kind === "and" || root.kind === "or") return root;
  if (root.kind === "everyone") return { kind: "and", of: [] };
  return { kind: "and", of: [root] };
}

/** The JSON Pointer of a path (as the API's attrition and validation report nodes). */
export function pointer(root: Node, path: Path): string {
  let n: Node | undefined = root;
  let p = "/criteria";
  for (const i of path) {
    if (!n) break;
    p += n.kind === "not" ? "/of" : `/of/${i}`;
    n = children(n)?.[i];
  }
  return p;
}

// ---- Which nodes the form's fields cover ----

const has = (n: Record<string, Json>, allowed: readonly string[]) =>
  Object.keys(n).every((k) => allowed.includes(k));
const isOffset = (o: Json | undefined) =>
  typeof o === "object" &&
  o !== null &&
  !Array.isArray(o) &&
  o.kind === "offset" &&
  has(o, ["kind", "n", "unit"]);
const isWindow = (w: Json | undefined) =>
  typeof w === "object" &&
  w !== null &&
  !Array.isArray(w) &&
  w.kind === "window" &&
  has(w, ["kind", "from", "to"]) &&
  (w.from === null || isOffset(w.from)) &&
  isOffset(w.to);
const isCodeSet = (c: Json | undefined) =>
  typeof c === "object" &&
  c !== null &&
  !Array.isArray(c) &&
  ((c.kind === "codelist" && has(c, ["kind", "id"])) ||
    (c.kind === "codes" && has(c, ["kind", "system", "codes", "source"]) && Array.isArray(c.codes)));
const isTest = (t: Json | undefined) =>
  typeof t === "object" &&
  t !== null &&
  !Array.isArray(t) &&
  ((t.kind === "exists" && has(t, ["kind"])) ||
    (t.kind === "count" && has(t, ["kind", "atLeast"])) ||
    ((t.kind === "first" || t.kind === "latest") && has(t, ["kind", "within"]) && isWindow(t.within)));

/**
 * Whether the form's fields show every property of this node (so editing them cannot lose
 * anything); otherwise the form shows the node as JSON to edit in place. Groups are always
 * covered: their children are judged one by one.
 */
export function formCovers(n: Node): boolean {
  switch (n.kind) {
    case "and":
    case "or":
      return has(n, ["kind", "of"]) && Array.isArray(n.of);
    case "not":
      return has(n, ["kind", "of"]);
    case "everyone":
      return has(n, ["kind"]);
    case "age":
      return has(n, ["kind", "min", "max"]);
    case "sex":
    case "ethnicity":
    case "lsoa":
      return has(n, ["kind", "in"]) && Array.isArray(n.in);
    case "imd":
      return has(n, ["kind", "scale", "min", "max"]);
    case "organisation":
      return has(n, ["kind", "level", "in"]) && Array.isArray(n.in);
    case "register":
      return has(n, ["kind", "register"]);
    case "register_count":
      return has(n, ["kind", "registers", "atLeast"]) && Array.isArray(n.registers);
    case "flag":
      return has(n, ["kind", "flag"]);
    case "events":
      return (
        has(n, ["kind", "source", "codes", "window", "test", "issuedBy"]) &&
        isCodeSet(n.codes as Json) &&
        isWindow(n.window as Json) &&
        isTest(n.test as Json)
      );
    case "latest_value":
      return (
        has(n, ["kind", "codes", "window", "op", "value"]) &&
        isCodeSet(n.codes as Json) &&
        isWindow(n.window as Json)
      );
    case "distinct_medicines":
      return (
        has(n, ["kind", "window", "atLeast", "codes"]) &&
        isWindow(n.window as Json) &&
        (n.codes === undefined || isCodeSet(n.codes))
      );
    case "hospital_activity":
      return has(n, ["kind", "activity", "window", "atLeast"]) && isWindow(n.window as Json);
    case "social_care":
      return (
        has(n, ["kind", "services", "window"]) && Array.isArray(n.services) && isWindow(n.window as Json)
      );
    case "score":
      return has(n, ["kind", "score", "min", "max", "bands"]);
    case "saved_cohort":
      return has(n, ["kind", "id", "version"]);
    default:
      return false;
  }
}

/** Every node of a tree (depth first), with its path. */
export function* walk(root: Node, path: Path = []): Generator<{ node: Node; path: Path }> {
  yield { node: root, path };
  const c = children(root);
  if (c) for (const [i, n] of c.entries()) yield* walk(n, [...path, i]);
}

/** Parses pasted JSON as a cohort definition (shape only; the API checks meaning), or says what is wrong. */
export function parseDefinition(text: string): { definition: CohortDefinition } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { problem: `This is not JSON: ${(e as Error).message}` };
  }
  const d = value as Partial<CohortDefinition> | null;
  if (typeof d !== "object" || d === null || Array.isArray(d))
    return { problem: "Paste a JSON object: a cohort definition" };
  if (d.kind !== "cohort") return { problem: 'A cohort definition has "kind": "cohort"' };
  if (typeof d.criteria !== "object" || d.criteria === null || typeof d.criteria.kind !== "string")
    return { problem: 'A cohort definition needs "criteria" with a "kind"' };
  return { definition: d as CohortDefinition };
}

export const NEW_DEFINITION: CohortDefinition = {
  kind: "cohort",
  language: 1,
  name: "",
  population: "registered",
  criteria: { kind: "everyone" },
};
