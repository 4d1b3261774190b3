// The 13-week care coordination pathway of seed 003 ("a co-production model"): red (weeks
// 1–4: identified and assessed face to face with the GP fully involved), amber (weeks 5–8:
// objectives, the joint holistic care plan and education programme, multidisciplinary input)
// and green (weeks 9–13: largely self-managing, discharged with periodic monitoring), then
// 3-monthly outcome monitoring. Pure: "today" is a parameter.
import type { CarePlanContent } from "./plan.ts";

export const STAGES = ["red", "amber", "green"] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_NAMES: Readonly<Record<Stage, string>> = {
  red: "Red: identify and assess",
  amber: "Amber: plan together",
  green: "Green: self-management",
};

/** The pathway weeks each stage spans (inclusive). */
export const STAGE_WEEKS: Readonly<Record<Stage, readonly [number, number]>> = {
  red: [1, 4],
  amber: [5, 8],
  green: [9, 13],
};

export const PATHWAY_WEEKS = 13;
/** After discharge: outcomes monitored by patient contact every 3 months (13 weeks). */
export const MONITORING_INTERVAL_WEEKS = 13;

/** Where an episode of care coordination is. */
export const ENTRY_STATUSES = ["triage", "active", "monitoring", "closed"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const CONSENT_STATES = ["not_asked", "given", "declined", "withdrawn"] as const;
export type Consent = (typeof CONSENT_STATES)[number];

export const CONSENT_NAMES: Readonly<Record<Consent, string>> = {
  not_asked: "Not yet asked",
  given: "Given",
  declined: "Declined",
  withdrawn: "Withdrawn",
};

export interface ChecklistItem {
  readonly id: string;
  readonly label: string;
  /** Items Bevan ticks itself from the record (consent, the plan's goals and actions). */
  readonly derived?: (facts: PathwayFacts) => boolean;
}

/** What the derived checklist items look at. */
export interface PathwayFacts {
  readonly consent: Consent;
  readonly plan: CarePlanContent | null;
}

const hasGoals = (f: PathwayFacts) => (f.plan?.goals.length ?? 0) > 0;
const hasOwnedActions = (f: PathwayFacts) =>
  (f.plan?.actions ?? []).some((a) => a.owner.trim() !== "" && a.status !== "cancelled");

/** Each stage's checklist: all done is the entry criterion of the next stage (or discharge). */
export const CHECKLISTS: Readonly<Record<Stage, readonly ChecklistItem[]>> = {
  red: [
    { id: "consent", label: "Consent to care coordination given", derived: (f) => f.consent === "given" },
    { id: "gp-involved", label: "GP involved and agrees with the referral" },
    { id: "face-to-face", label: "Face-to-face assessment done (partnership approach)" },
    { id: "needs-assessed", label: "Holistic needs assessed: health, social care, mental health, carers" },
  ],
  amber: [
    { id: "goals", label: "Objectives agreed with the person, in their own words", derived: hasGoals },
    {
      id: "care-plan",
      label: "Joint holistic care plan written: actions with an owner",
      derived: hasOwnedActions,
    },
    { id: "education", label: "Education and self-management programme agreed" },
    { id: "mdt", label: "Multidisciplinary team input sought where needed" },
    { id: "in-train", label: "Plan set in train" },
  ],
  green: [
    { id: "self-managing", label: "Largely self-managing" },
    {
      id: "mainstream-support",
      label: "Supported where needed by mainstream primary, social care or community services",
    },
    { id: "parameters", label: "Clinical and utilisation measures under control" },
    { id: "monitoring-agreed", label: "Monitoring by patient contact every 3 months agreed" },
  ],
};

/** Items ticked by hand: item id → when and by whom. */
export type Ticks = Readonly<Record<string, { readonly at: string; readonly by: string }>>;

export interface ChecklistState {
  readonly id: string;
  readonly label: string;
  readonly done: boolean;
  readonly derived: boolean;
}

export function checklist(stage: Stage, ticks: Ticks, facts: PathwayFacts): ChecklistState[] {
  return CHECKLISTS[stage].map((item) => ({
    id: item.id,
    label: item.label,
    derived: Boolean(item.derived),
    done: item.derived ? item.derived(facts) : Boolean(ticks[`${stage}:${item.id}`]),
  }));
}

/** Whole weeks between two ISO dates, counted as pathway weeks (day 0–6 is week 1). */
export function pathwayWeek(start: string, today: string): number {
  const days = Math.floor((Date.parse(today) - Date.parse(start)) / 86_400_000);
  return Math.max(1, Math.floor(days / 7) + 1);
}

export function addWeeks(date: string, weeks: number): string {
  return new Date(Date.parse(date) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** The stage the pathway expects at a week (green after week 13, when discharge is due). */
export function expectedStage(week: number): Stage {
  if (week <= STAGE_WEEKS.red[1]) return "red";
  if (week <= STAGE_WEEKS.amber[1]) return "amber";
  return "green";
}

export type AlertKind =
  | "stage-overdue"
  | "discharge-overdue"
  | "action-overdue"
  | "review-due"
  | "monitoring-due";

export interface Alert {
  readonly kind: AlertKind;
  readonly message: string;
  /** Weeks (stage, discharge) or days (actions, reviews) late. */
  readonly late: number;
}

export interface EpisodeFacts {
  readonly status: EntryStatus;
  readonly stage: Stage | null;
  /** When the person entered red (the pathway's week 1), null before they are accepted. */
  readonly pathwayStart: string | null;
  readonly nextMonitoring: string | null;
  readonly plan: CarePlanContent | null;
}

/** What is late for one person today: the stage, discharge, owned actions, the plan's review, monitoring. */
export function alerts(e: EpisodeFacts, today: string): Alert[] {
  const out: Alert[] = [];
  const days = (from: string) => Math.floor((Date.parse(today) - Date.parse(from)) / 86_400_000);
  if (e.status === "active" && e.stage && e.pathwayStart) {
    const week = pathwayWeek(e.pathwayStart, today);
    const end = STAGE_WEEKS[e.stage][1];
    if (week > PATHWAY_WEEKS)
      out.push({
        kind: "discharge-overdue",
        message: `Week ${week} of 13: discharge with monitoring was due by week 13`,
        late: week - PATHWAY_WEEKS,
      });
    else if (week > end)
      out.push({
        kind: "stage-overdue",
        message: `Week ${week}: still ${e.stage}, which the pathway expects to end by week ${end}`,
        late: week - end,
      });
  }
  if (e.status === "monitoring" && e.nextMonitoring && days(e.nextMonitoring) > 0)
    out.push({
      kind: "monitoring-due",
      message: `3-monthly monitoring contact due since ${e.nextMonitoring}`,
      late: days(e.nextMonitoring),
    });
  if (e.plan && (e.status === "active" || e.status === "monitoring")) {
    for (const a of e.plan.actions)
      if (a.due && (a.status === "planned" || a.status === "in-progress") && days(a.due) > 0)
        out.push({
          kind: "action-overdue",
          message: `Action "${a.text}" (${a.owner}) was due on ${a.due}`,
          late: days(a.due),
        });
    if (e.plan.nextReview && days(e.plan.nextReview) > 0)
      out.push({
        kind: "review-due",
        message: `Care plan review was due on ${e.plan.nextReview}`,
        late: days(e.plan.nextReview),
      });
  }
  return out;
}

export class PathwayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PathwayError";
  }
}

export type Move =
  | { readonly kind: "accept" }
  | { readonly kind: "advance" }
  | { readonly kind: "discharge" }
  | { readonly kind: "close"; readonly reason: string }
  | { readonly kind: "re-refer"; readonly reason: string };

export interface MoveCheck {
  readonly allowed: boolean;
  /** What is missing, in words, when not allowed. */
  readonly missing: readonly string[];
}

/** Whether a move is allowed now, and if not, what is missing (entry criteria). */
export function checkMove(
  e: { status: EntryStatus; stage: Stage | null; consent: Consent; ticks: Ticks },
  plan: CarePlanContent | null,
  move: Move,
): MoveCheck {
  const facts: PathwayFacts = { consent: e.consent, plan };
  const undone = (stage: Stage) =>
    checklist(stage, e.ticks, facts)
      .filter((i) => !i.done)
      .map((i) => i.label);
  const no = (...missing: string[]): MoveCheck => ({ allowed: false, missing });
  switch (move.kind) {
    case "accept":
      if (e.status !== "triage")
        return no("Only a person in the triage queue can be accepted onto the pathway");
      if (e.consent === "declined" || e.consent === "withdrawn")
        return no("The person has declined care coordination: record their consent first");
      return { allowed: true, missing: [] };
    case "advance": {
      if (e.status !== "active" || !e.stage)
        return no("Only a person on the pathway can move to the next stage");
      if (e.stage === "green") return no("Green is the last stage: discharge with monitoring instead");
      const missing = undone(e.stage);
      return missing.length ? no(...missing) : { allowed: true, missing: [] };
    }
    case "discharge": {
      if (e.status !== "active" || e.stage !== "green")
        return no("Discharge with monitoring comes at the end of the green stage");
      const missing = undone("green");
      return missing.length ? no(...missing) : { allowed: true, missing: [] };
    }
    case "close":
      if (e.status === "closed") return no("This episode is already closed");
      return { allowed: true, missing: [] };
    case "re-refer":
      if (e.status !== "monitoring" && e.status !== "closed")
        return no("Only a person discharged or closed can be re-referred");
      if (e.consent === "declined" || e.consent === "withdrawn")
        return no("The person has declined care coordination: record their consent first");
      return { allowed: true, missing: [] };
  }
}

export function nextStage(stage: Stage): Stage {
  return stage === "red" ? "amber" : "green";
}
