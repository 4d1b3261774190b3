// One shared care plan per person, across organisations (seed 004: "ideally there should be
// just one care plan across the whole system"): problems, goals in the person's own words,
// actions with an owner, organisation and due date, the care team, a contingency plan and the
// next review. Plain JSON data; every save is a new version (plan-store.ts). Pure.

/** The organisations a plan spans, as a community matron would name them. */
export const ORGANISATION_KINDS = {
  gp: "GP practice",
  community: "Community health services",
  "social-care": "Adult social care",
  "mental-health": "Mental health services",
  voluntary: "Voluntary and community sector",
  acute: "Hospital",
  person: "The person and their family",
} as const;
export type OrganisationKind = keyof typeof ORGANISATION_KINDS;

export interface Organisation {
  readonly kind: OrganisationKind;
  readonly name: string;
}

export interface Problem {
  readonly id: string;
  readonly text: string;
}

export const GOAL_STATUSES = ["active", "achieved", "cancelled"] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export interface Goal {
  readonly id: string;
  /** What the person wants, in their own words. */
  readonly text: string;
  readonly targetDate: string | null;
  readonly status: GoalStatus;
  /** The problems it addresses. */
  readonly problemIds: readonly string[];
}

export const ACTION_STATUSES = ["planned", "in-progress", "done", "cancelled"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface Action {
  readonly id: string;
  readonly text: string;
  /** Who will do it (a name or a role; "the person" for their own actions). */
  readonly owner: string;
  readonly organisation: Organisation;
  readonly due: string | null;
  readonly status: ActionStatus;
  /** The goals it serves. */
  readonly goalIds: readonly string[];
}

export interface TeamMember {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly organisation: Organisation;
  /** The lead coordinator, named once. */
  readonly lead: boolean;
}

export interface Contingency {
  readonly id: string;
  /** "If …" */
  readonly trigger: string;
  /** "… then" */
  readonly response: string;
}

export interface CarePlanContent {
  /** What matters to the person, in their words. */
  readonly whatMatters: string;
  readonly problems: readonly Problem[];
  readonly goals: readonly Goal[];
  readonly actions: readonly Action[];
  readonly team: readonly TeamMember[];
  readonly contingency: readonly Contingency[];
  readonly nextReview: string | null;
}

export const EMPTY_PLAN: CarePlanContent = {
  whatMatters: "",
  problems: [],
  goals: [],
  actions: [],
  team: [],
  contingency: [],
  nextReview: null,
};

export interface PlanIssue {
  readonly path: string;
  readonly message: string;
}

export class PlanInvalidError extends Error {
  readonly issues: readonly PlanIssue[];
  constructor(issues: readonly PlanIssue[]) {
    super(
      `the care plan has ${issues.length} problem${issues.length === 1 ? "" : "s"}: ${issues[0]?.message}`,
    );
    this.name = "PlanInvalidError";
    this.issues = issues;
  }
}

/**
 * Checks what a schema cannot: ids unique within their list, links pointing at items that
 * exist, at most one lead. Throws PlanInvalidError with located issues.
 */
export function checkPlan(plan: CarePlanContent): CarePlanContent {
  const issues: PlanIssue[] = [];
  const unique = (list: readonly { id: string }[], name: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) issues.push({ path: `${name}/${i}/id`, message: `${name} ids must be unique` });
      seen.add(x.id);
    });
    return seen;
  };
  const problems = unique(plan.problems, "problems");
  const goals = unique(plan.goals, "goals");
  unique(plan.actions, "actions");
  unique(plan.team, "team");
  unique(plan.contingency, "contingency");
  plan.goals.forEach((g, i) => {
    g.problemIds.forEach((p, j) => {
      if (!problems.has(p))
        issues.push({
          path: `goals/${i}/problemIds/${j}`,
          message: "a goal names a problem the plan does not have",
        });
    });
  });
  plan.actions.forEach((a, i) => {
    a.goalIds.forEach((g, j) => {
      if (!goals.has(g))
        issues.push({
          path: `actions/${i}/goalIds/${j}`,
          message: "an action names a goal the plan does not have",
        });
    });
  });
  if (plan.team.filter((m) => m.lead).length > 1)
    issues.push({ path: "team", message: "name at most one lead coordinator" });
  if (issues.length) throw new PlanInvalidError(issues);
  return plan;
}

/** One difference between two versions of a plan, in words a coordinator reads. */
export interface PlanChange {
  readonly section: "whatMatters" | "problems" | "goals" | "actions" | "team" | "contingency" | "nextReview";
  readonly kind: "added" | "removed" | "changed";
  /** The item's id within its section (absent for whatMatters and nextReview). */
  readonly id?: string;
  readonly description: string;
}

const SECTION_NAMES = {
  problems: "problem",
  goals: "goal",
  actions: "action",
  team: "team member",
  contingency: "contingency",
} as const;

function label(item: unknown): string {
  const x = item as Record<string, unknown>;
  const text = String(x.text ?? x.name ?? x.trigger ?? "");
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** JSON with object keys sorted, so two items that differ only in key order compare equal. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(",")}]`;
  if (x && typeof x === "object")
    return `{${Object.keys(x)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((x as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(x);
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** What changed from `before` to `after`, item by item (by id). */
export function diffPlans(before: CarePlanContent, after: CarePlanContent): PlanChange[] {
  const out: PlanChange[] = [];
  if (before.whatMatters !== after.whatMatters)
    out.push({ section: "whatMatters", kind: "changed", description: "What matters to the person changed" });
  for (const section of Object.keys(SECTION_NAMES) as (keyof typeof SECTION_NAMES)[]) {
    const was = new Map((before[section] as readonly { id: string }[]).map((x) => [x.id, x]));
    const now = new Map((after[section] as readonly { id: string }[]).map((x) => [x.id, x]));
    const noun = SECTION_NAMES[section];
    for (const [id, x] of now) {
      const old = was.get(id);
      if (!old) out.push({ section, kind: "added", id, description: `Added ${noun} "${label(x)}"` });
      else if (!same(old, x))
        out.push({ section, kind: "changed", id, description: `Changed ${noun} "${label(x)}"` });
    }
    for (const [id, x] of was)
      if (!now.has(id))
        out.push({ section, kind: "removed", id, description: `Removed ${noun} "${label(x)}"` });
  }
  if (before.nextReview !== after.nextReview)
    out.push({
      section: "nextReview",
      kind: "changed",
      description: `Next review ${after.nextReview ? `set to ${after.nextReview}` : "removed"}`,
    });
  return out;
}
