// A typed builder for cohort definitions: small functions that return frozen IR nodes, so
// a definition written in TypeScript is exactly the JSON a user could have written.
import type { CodingSystem, RegisterCode } from "@bevan/domain";
import {
  COHORT_LANGUAGE_VERSION,
  type CodeSet,
  type CohortDefinition,
  type ComparisonOp,
  type Criterion,
  deepFreeze,
  type EthnicityGroup,
  type EventTest,
  type Flag,
  type HospitalActivity,
  type Issuer,
  type Offset,
  type OrgLevel,
  type Sex,
  type SocialCareService,
  type TimeUnit,
  type Window,
} from "./ir.ts";

const f = <T>(node: T): T => deepFreeze(node);

export function cohort(
  name: string,
  criteria: Criterion,
  options: { description?: string; population?: "registered" | "everyone" } = {},
): CohortDefinition {
  return f({
    kind: "cohort",
    language: COHORT_LANGUAGE_VERSION,
    name,
    ...(options.description === undefined ? {} : { description: options.description }),
    population: options.population ?? "registered",
    criteria,
  });
}

// Time: offsets and windows relative to the evaluation date.
export const offset = (n: number, unit: TimeUnit): Offset => f({ kind: "offset", n, unit });
export const window = (from: Offset | null, to: Offset = offset(0, "days")): Window =>
  f({ kind: "window", from, to });
/** The last `n` units up to and including the as-of date. */
export const last = (n: number, unit: TimeUnit): Window => window(offset(-n, unit));
/** Any time up to and including the as-of date. */
export const ever = (): Window => window(null);

// Codes.
export const codes = (system: CodingSystem, list: readonly string[], source?: string): CodeSet =>
  f({ kind: "codes", system, codes: [...list], ...(source === undefined ? {} : { source }) });
export const codelist = (id: string): CodeSet => f({ kind: "codelist", id });

// Boolean composition.
export const and = (...of: Criterion[]): Criterion => f({ kind: "and", of });
export const or = (...of: Criterion[]): Criterion => f({ kind: "or", of });
export const not = (of: Criterion): Criterion => f({ kind: "not", of });
export const everyone = (): Criterion => f({ kind: "everyone" });

// People.
export const age = (bounds: { min?: number; max?: number }): Criterion => f({ kind: "age", ...bounds });
export const sex = (...values: Sex[]): Criterion => f({ kind: "sex", in: values });
export const ethnicity = (...values: EthnicityGroup[]): Criterion => f({ kind: "ethnicity", in: values });
export const lsoa = (...values: string[]): Criterion => f({ kind: "lsoa", in: values });
export const imd = (scale: "decile" | "quintile", min: number, max: number): Criterion =>
  f({ kind: "imd", scale, min, max });
export const organisation = (level: OrgLevel, ...values: string[]): Criterion =>
  f({ kind: "organisation", level, in: values });
export const register = (code: RegisterCode): Criterion => f({ kind: "register", register: code });
export const registerCount = (registers: readonly RegisterCode[], atLeast: number): Criterion =>
  f({ kind: "register_count", registers: [...registers], atLeast });
export const flag = (name: Flag): Criterion => f({ kind: "flag", flag: name });

// Records.
export const exists = (): EventTest => f({ kind: "exists" });
export const countAtLeast = (n: number): EventTest => f({ kind: "count", atLeast: n });
export const firstWithin = (within: Window): EventTest => f({ kind: "first", within });
export const latestWithin = (within: Window): EventTest => f({ kind: "latest", within });

export const gpEvents = (set: CodeSet, win: Window, test: EventTest = exists()): Criterion =>
  f({ kind: "events", source: "gp", codes: set, window: win, test });
export const medications = (
  set: CodeSet,
  win: Window,
  test: EventTest = exists(),
  issuedBy?: Issuer,
): Criterion =>
  f({
    kind: "events",
    source: "medications",
    codes: set,
    window: win,
    test,
    ...(issuedBy === undefined ? {} : { issuedBy }),
  });
export const latestValue = (set: CodeSet, win: Window, op: ComparisonOp, value: number): Criterion =>
  f({ kind: "latest_value", codes: set, window: win, op, value });
export const distinctMedicines = (win: Window, atLeast: number, set?: CodeSet): Criterion =>
  f({ kind: "distinct_medicines", window: win, atLeast, ...(set === undefined ? {} : { codes: set }) });
export const hospitalActivity = (activity: HospitalActivity, win: Window, atLeast = 1): Criterion =>
  f({ kind: "hospital_activity", activity, window: win, atLeast });
export const socialCare = (services: readonly SocialCareService[], win: Window): Criterion =>
  f({ kind: "social_care", services: [...services], window: win });
export const score = (
  name: string,
  bounds: { min?: number; max?: number; bands?: readonly string[] },
): Criterion => f({ kind: "score", score: name, ...bounds });
export const savedCohort = (id: string, version: number): Criterion =>
  f({ kind: "saved_cohort", id, version });
