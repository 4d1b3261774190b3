// A care plan as FHIR R4: one CarePlan, a Goal per goal, a Task per action and one CareTeam,
// in a collection Bundle whose entries refer to each other by urn:uuid. Problems are the
// plan's `addresses` (display references with their plan-local id), contingencies and the
// next review are CarePlan activities, organisations are contained Organization resources.
// Every plan-local id is kept (identifiers and element ids), so fhir-import.ts gives back the
// same plan. Pure; the resource ids are stable for a person and item.
import { createHash } from "node:crypto";
import {
  type CodeableConcept,
  type Contained,
  type FhirBundle,
  type FhirCarePlan,
  type FhirCareTeam,
  type FhirGoal,
  type FhirTask,
  type Organization,
  type Reference,
  SYSTEMS,
} from "./fhir-model.ts";
import type { EntryStatus } from "./pathway.ts";
import {
  type Action,
  type CarePlanContent,
  type Goal,
  ORGANISATION_KINDS,
  type Organisation,
} from "./plan.ts";

/** Who the plan is for, as the receiving system will know them. */
export interface FhirSubject {
  /** An NHS number (direct care) or Bevan's pseudonym (anything else). */
  readonly system: typeof SYSTEMS.nhsNumber | typeof SYSTEMS.pseudonym;
  readonly value: string;
}

export interface ExportInput {
  readonly subject: FhirSubject;
  readonly plan: CarePlanContent;
  readonly version: number;
  /** The episode's status: a closed episode's plan is completed. */
  readonly status: EntryStatus;
  readonly created: string;
  readonly updated: string;
}

/** A stable UUID for a person's plan item (RFC 4122 layout over SHA-256). */
export function stableUuid(...parts: string[]): string {
  const h = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  const v = `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h[16] ?? "0", 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return v;
}

const itemId = (id: string) => [{ system: SYSTEMS.item, value: id }];

function organisation(id: string, o: Organisation): Organization {
  return {
    resourceType: "Organization",
    id,
    name: o.name,
    type: [
      { coding: [{ system: SYSTEMS.organisationKind, code: o.kind, display: ORGANISATION_KINDS[o.kind] }] },
    ],
  };
}

const TASK_STATUS: Readonly<Record<Action["status"], FhirTask["status"]>> = {
  planned: "requested",
  "in-progress": "in-progress",
  done: "completed",
  cancelled: "cancelled",
};

function goalResource(g: Goal, id: string, subject: Reference, plan: CarePlanContent): FhirGoal {
  const problems = new Map(plan.problems.map((p) => [p.id, p]));
  return {
    resourceType: "Goal",
    id,
    identifier: itemId(g.id),
    lifecycleStatus: g.status === "achieved" ? "completed" : g.status,
    ...(g.status === "achieved"
      ? {
          achievementStatus: {
            coding: [{ system: SYSTEMS.goalAchievement, code: "achieved", display: "Achieved" }],
          },
        }
      : {}),
    description: { text: g.text },
    subject,
    ...(g.targetDate ? { target: [{ dueDate: g.targetDate }] } : {}),
    ...(g.problemIds.length
      ? {
          addresses: g.problemIds.map((p) => ({
            identifier: { system: SYSTEMS.item, value: p },
            display: problems.get(p)?.text ?? p,
          })),
        }
      : {}),
  };
}

function taskResource(
  a: Action,
  id: string,
  subject: Reference,
  planRef: string,
  goalRef: (goalId: string) => string,
): FhirTask {
  const contained: Contained[] = [
    organisation("org", a.organisation),
    {
      resourceType: "PractitionerRole",
      id: "owner",
      practitioner: { display: a.owner },
      organization: { reference: "#org", display: a.organisation.name },
    },
  ];
  return {
    resourceType: "Task",
    id,
    contained,
    identifier: itemId(a.id),
    basedOn: [{ reference: planRef }],
    status: TASK_STATUS[a.status],
    intent: "plan",
    description: a.text,
    for: subject,
    owner: { reference: "#owner", display: a.owner },
    ...(a.due ? { restriction: { period: { end: a.due } } } : {}),
    ...(a.goalIds.length
      ? {
          input: a.goalIds.map((g) => ({
            type: { coding: [{ system: SYSTEMS.link, code: "goal", display: "Goal this action serves" }] },
            valueReference: { reference: goalRef(g) },
          })),
        }
      : {}),
  };
}

const LEAD: CodeableConcept = {
  coding: [{ system: SYSTEMS.teamRole, code: "lead", display: "Lead care coordinator" }],
};

function careTeamResource(plan: CarePlanContent, id: string, subject: Reference): FhirCareTeam {
  return {
    resourceType: "CareTeam",
    id,
    ...(plan.team.length
      ? { contained: plan.team.map((m, i) => organisation(`org${i}`, m.organisation)) }
      : {}),
    identifier: [{ system: SYSTEMS.item, value: "care-team" }],
    status: "active",
    name: "Care team",
    subject,
    ...(plan.team.length
      ? {
          participant: plan.team.map((m, i) => ({
            id: m.id,
            role: [{ text: m.role }, ...(m.lead ? [LEAD] : [])],
            member: { display: m.name },
            onBehalfOf: { reference: `#org${i}`, display: m.organisation.name },
          })),
        }
      : {}),
  };
}

/** The plan as a FHIR R4 collection Bundle. */
export function planToFhir(input: ExportInput): FhirBundle {
  const { plan, subject: who } = input;
  const key = `${who.system}|${who.value}`;
  const urn = (...parts: string[]) => `urn:uuid:${stableUuid(key, ...parts)}`;
  const id = (fullUrl: string) => fullUrl.slice("urn:uuid:".length);
  const subject: Reference = { identifier: { system: who.system, value: who.value } };
  const planUrl = urn("care-plan");
  const teamUrl = urn("care-team");
  const goalUrl = (g: string) => urn("goal", g);
  const taskUrl = (a: string) => urn("action", a);
  const carePlan: FhirCarePlan = {
    resourceType: "CarePlan",
    id: id(planUrl),
    identifier: [{ system: SYSTEMS.plan, value: `${who.value}/v${input.version}` }],
    status: input.status === "closed" ? "completed" : "active",
    intent: "plan",
    category: [
      {
        coding: [{ system: SYSTEMS.snomed, code: "734163000", display: "Care plan" }],
        text: "Care coordination: one shared care plan",
      },
    ],
    title: "Shared care plan",
    ...(plan.whatMatters ? { description: plan.whatMatters } : {}),
    subject,
    period: { start: input.created },
    created: input.created,
    careTeam: [{ reference: teamUrl }],
    ...(plan.problems.length
      ? {
          addresses: plan.problems.map((p) => ({
            identifier: { system: SYSTEMS.item, value: p.id },
            display: p.text,
          })),
        }
      : {}),
    ...(plan.goals.length ? { goal: plan.goals.map((g) => ({ reference: goalUrl(g.id) })) } : {}),
  };
  const activity: NonNullable<FhirCarePlan["activity"]> = [
    ...plan.actions.map((a) => ({ reference: { reference: taskUrl(a.id) } })),
    ...plan.contingency.map((c) => ({
      id: c.id,
      detail: {
        code: { coding: [{ system: SYSTEMS.activity, code: "contingency", display: "What to do if" }] },
        reasonCode: [{ text: c.trigger }],
        status: "not-started",
        description: c.response,
      },
    })),
    ...(plan.nextReview
      ? [
          {
            detail: {
              code: { coding: [{ system: SYSTEMS.activity, code: "review", display: "Care plan review" }] },
              status: "scheduled",
              scheduledPeriod: { start: plan.nextReview },
            },
          },
        ]
      : []),
  ];
  if (activity.length) carePlan.activity = activity;
  return {
    resourceType: "Bundle",
    id: stableUuid(key, "bundle", String(input.version)),
    type: "collection",
    timestamp: input.updated,
    entry: [
      { fullUrl: planUrl, resource: carePlan },
      { fullUrl: teamUrl, resource: careTeamResource(plan, id(teamUrl), subject) },
      ...plan.goals.map((g) => ({
        fullUrl: goalUrl(g.id),
        resource: goalResource(g, id(goalUrl(g.id)), subject, plan),
      })),
      ...plan.actions.map((a) => ({
        fullUrl: taskUrl(a.id),
        resource: taskResource(a, id(taskUrl(a.id)), subject, planUrl, goalUrl),
      })),
    ],
  };
}
