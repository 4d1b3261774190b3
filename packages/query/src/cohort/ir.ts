// The cohort language's intermediate representation: plain, frozen, serialisable data.
// Every node carries a `kind` tag; builders (builder.ts) create nodes and nothing mutates
// them. The same tree is compiled to SQL (compile.ts) and evaluated in memory (evaluate.ts).
import type { CodingSystem, RegisterCode } from "@bevan/domain";

/** Version of the language itself; bumped when a definition's meaning would change. */
export const COHORT_LANGUAGE_VERSION = 1;

export type TimeUnit = "days" | "months" | "years";

/** A signed distance from the evaluation (as-of) date: `{ n: -12, unit: "months" }`. */
export interface Offset {
  readonly kind: "offset";
  readonly n: number;
  readonly unit: TimeUnit;
}

/**
 * Dates `d` with `asOf + from < d <= asOf + to`: half-open, so "the last 12 months" is
 * `from: -12 months, to: 0 days` and includes the as-of date. `from: null` means no lower bound.
 */
export interface Window {
  readonly kind: "window";
  readonly from: Offset | null;
  readonly to: Offset;
}

/** Codes written out in the definition, all from one coding system. */
export interface CodesNode {
  readonly kind: "codes";
  readonly system: CodingSystem;
  readonly codes: readonly string[];
  /** Where the codes came from (free text, for provenance). */
  readonly source?: string;
}

/** A codelist the warehouse holds (`codelist` / `codelist_code`), by id. */
export interface CodelistRefNode {
  readonly kind: "codelist";
  readonly id: string;
}

export type CodeSet = CodesNode | CodelistRefNode;

export type EventTest =
  | { readonly kind: "exists" }
  | { readonly kind: "count"; readonly atLeast: number }
  /** The earliest matching event in the window falls within `within`. */
  | { readonly kind: "first"; readonly within: Window }
  /** The latest matching event in the window falls within `within`. */
  | { readonly kind: "latest"; readonly within: Window };

export type EventSource = "gp" | "medications";
export type Issuer = "primary_care" | "secondary_care";
export type ComparisonOp = "<" | "<=" | ">" | ">=" | "=" | "!=";

export const ETHNICITY_GROUPS = ["Asian", "Black", "Mixed", "White", "Other", "Unknown"] as const;
export const SEXES = ["F", "M", "U"] as const;
export const ORG_LEVELS = ["icb", "place", "pcn", "practice"] as const;
export const FLAGS = ["learning_disability", "care_home"] as const;
export const HOSPITAL_ACTIVITIES = [
  "emergency_admission",
  "elective_admission",
  "any_admission",
  "ae_attendance",
] as const;
export const SOCIAL_CARE_SERVICES = [
  "home_care",
  "residential_care",
  "nursing_care",
  "reablement",
  "assisted_bin_collection",
  "blue_badge",
  "meals",
] as const;

export type Sex = (typeof SEXES)[number];
export type EthnicityGroup = (typeof ETHNICITY_GROUPS)[number];
export type OrgLevel = (typeof ORG_LEVELS)[number];
export type Flag = (typeof FLAGS)[number];
export type HospitalActivity = (typeof HOSPITAL_ACTIVITIES)[number];
export type SocialCareService = (typeof SOCIAL_CARE_SERVICES)[number];

export interface AndNode {
  readonly kind: "and";
  readonly of: readonly Criterion[];
}
export interface OrNode {
  readonly kind: "or";
  readonly of: readonly Criterion[];
}
export interface NotNode {
  readonly kind: "not";
  readonly of: Criterion;
}
/** Age in whole years at the evaluation date, inclusive bounds. */
export interface AgeNode {
  readonly kind: "age";
  readonly min?: number;
  readonly max?: number;
}
export interface SexNode {
  readonly kind: "sex";
  readonly in: readonly Sex[];
}
export interface EthnicityNode {
  readonly kind: "ethnicity";
  readonly in: readonly EthnicityGroup[];
}
export interface LsoaNode {
  readonly kind: "lsoa";
  readonly in: readonly string[];
}
/** IMD 2025 decile or quintile of the LSOA of residence, inclusive (1 = most deprived). */
export interface ImdNode {
  readonly kind: "imd";
  readonly scale: "decile" | "quintile";
  readonly min: number;
  readonly max: number;
}
export interface OrganisationNode {
  readonly kind: "organisation";
  readonly level: OrgLevel;
  readonly in: readonly string[];
}
export interface RegisterNode {
  readonly kind: "register";
  readonly register: RegisterCode;
}
/** On at least `atLeast` of the listed registers (multimorbidity: a count of long-term conditions). */
export interface RegisterCountNode {
  readonly kind: "register_count";
  readonly registers: readonly RegisterCode[];
  readonly atLeast: number;
}
export interface FlagNode {
  readonly kind: "flag";
  readonly flag: Flag;
}
/** Coded events (GP record) or medication issues in a window, tested by `test`. */
export interface EventsNode {
  readonly kind: "events";
  readonly source: EventSource;
  readonly codes: CodeSet;
  readonly window: Window;
  readonly test: EventTest;
  /** Medications only: who issued them (a GP practice, or anyone else such as a trust). */
  readonly issuedBy?: Issuer;
}
/**
 * The latest recorded value of an observation in the window compared with a number. When
 * several values share the latest date, the lowest is used.
 */
export interface LatestValueNode {
  readonly kind: "latest_value";
  readonly codes: CodeSet;
  readonly window: Window;
  readonly op: ComparisonOp;
  readonly value: number;
}
/** At least `atLeast` distinct medicine codes issued in the window (optionally only from `codes`). */
export interface DistinctMedicinesNode {
  readonly kind: "distinct_medicines";
  readonly window: Window;
  readonly atLeast: number;
  readonly codes?: CodeSet;
}
export interface HospitalActivityNode {
  readonly kind: "hospital_activity";
  readonly activity: HospitalActivity;
  readonly window: Window;
  readonly atLeast: number;
}
/** A social care or council service episode active at some point in the window. */
export interface SocialCareNode {
  readonly kind: "social_care";
  readonly services: readonly SocialCareService[];
  readonly window: Window;
}
/**
 * A per-person score from the `person_score` table (see score-contract.ts): frailty (eFI),
 * QDiabetes, QRISK3, emergency-admission risk, segment. Value bounds inclusive; `bands`
 * matches the score's band label.
 */
export interface ScoreNode {
  readonly kind: "score";
  readonly score: string;
  readonly min?: number;
  readonly max?: number;
  readonly bands?: readonly string[];
}
/** Membership of a saved cohort, pinned to a version; resolved before compiling (resolve.ts). */
export interface SavedCohortNode {
  readonly kind: "saved_cohort";
  readonly id: string;
  readonly version: number;
}
/** Everyone in the population: the identity of `and`. */
export interface EveryoneNode {
  readonly kind: "everyone";
}

export type Criterion =
  | AndNode
  | OrNode
  | NotNode
  | EveryoneNode
  | AgeNode
  | SexNode
  | EthnicityNode
  | LsoaNode
  | ImdNode
  | OrganisationNode
  | RegisterNode
  | RegisterCountNode
  | FlagNode
  | EventsNode
  | LatestValueNode
  | DistinctMedicinesNode
  | HospitalActivityNode
  | SocialCareNode
  | ScoreNode
  | SavedCohortNode;

export type CriterionKind = Criterion["kind"];

/**
 * A cohort: who is in the population (registered and alive at the evaluation date, or
 * everyone in the extract born by then) and the criteria they must meet.
 */
export interface CohortDefinition {
  readonly kind: "cohort";
  readonly language: typeof COHORT_LANGUAGE_VERSION;
  readonly name: string;
  readonly description?: string;
  readonly population: "registered" | "everyone";
  readonly criteria: Criterion;
}

/** Deep-freezes a definition so nothing downstream can mutate it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
