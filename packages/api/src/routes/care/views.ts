// What the care routes answer with: an episode as a coordinator reads it (stage, pathway week,
// checklist, what is late), and the TypeBox schemas of the OpenAPI document.
import {
  alerts,
  type CarePlanContent,
  CONSENT_NAMES,
  checklist,
  type Episode,
  pathwayWeek,
  STAGE_NAMES,
} from "@bevan/care";
import { type Static, Type } from "typebox";

export const today = (now = new Date()) => now.toISOString().slice(0, 10);

export function episodeView(
  e: Episode,
  plan: CarePlanContent | null,
  coordinatorName: string | null,
  now = new Date(),
) {
  const day = today(now);
  return {
    id: e.id,
    version: e.version,
    episode: e.episode,
    personId: e.personId,
    teamCode: e.teamCode,
    status: e.status,
    stage: e.stage,
    stageName: e.stage ? STAGE_NAMES[e.stage] : null,
    week: e.status === "active" && e.pathwayStart ? pathwayWeek(e.pathwayStart, day) : null,
    coordinator: e.coordinatorId ? { id: e.coordinatorId, name: coordinatorName } : null,
    consent: e.consent,
    consentName: CONSENT_NAMES[e.consent],
    source: e.source,
    sourceRef: e.sourceRef,
    reason: e.reason,
    referredAt: e.referredAt,
    pathwayStart: e.pathwayStart,
    stageStart: e.stageStart,
    dischargedAt: e.dischargedAt,
    nextMonitoring: e.nextMonitoring,
    closedAt: e.closedAt,
    closeReason: e.closeReason,
    checklist: e.stage ? checklist(e.stage, e.ticks, { consent: e.consent, plan }) : [],
    alerts: alerts(
      {
        status: e.status,
        stage: e.stage,
        pathwayStart: e.pathwayStart,
        nextMonitoring: e.nextMonitoring,
        plan,
      },
      day,
    ),
  };
}

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const NStr = Nullable(Type.String());

export const PersonSchema = Type.Object({
  personId: Str,
  nhsNumber: NStr,
  age: Type.Integer(),
  sex: Str,
  practiceCode: Str,
  practiceName: NStr,
  riskTier: NStr,
  admissionRisk: Type.Union([Type.Number(), Type.Null()]),
});

export const EpisodeSchema = Type.Object({
  id: Str,
  version: Type.Integer(),
  episode: Type.Integer(),
  personId: Str,
  teamCode: Str,
  status: Type.Union([
    Type.Literal("triage"),
    Type.Literal("active"),
    Type.Literal("monitoring"),
    Type.Literal("closed"),
  ]),
  stage: Type.Union([Type.Literal("red"), Type.Literal("amber"), Type.Literal("green"), Type.Null()]),
  stageName: NStr,
  week: Type.Union([Type.Integer(), Type.Null()]),
  coordinator: Type.Union([Type.Object({ id: Str, name: NStr }), Type.Null()]),
  consent: Str,
  consentName: Str,
  source: Str,
  sourceRef: NStr,
  reason: Str,
  referredAt: Str,
  pathwayStart: NStr,
  stageStart: NStr,
  dischargedAt: NStr,
  nextMonitoring: NStr,
  closedAt: NStr,
  closeReason: NStr,
  checklist: Type.Array(Type.Object({ id: Str, label: Str, done: Type.Boolean(), derived: Type.Boolean() })),
  alerts: Type.Array(Type.Object({ kind: Str, message: Str, late: Type.Number() })),
});

export const CaseloadEntry = Type.Object({ person: PersonSchema, episode: EpisodeSchema });

export const CoordinatorLoadSchema = Type.Object({
  userId: Str,
  name: Str,
  capacity: Type.Integer(),
  active: Type.Integer(),
  triage: Type.Integer(),
  monitoring: Type.Integer(),
});

const ItemId = Type.String({ pattern: "^[A-Za-z0-9_-]{1,40}$" });
const Day = Type.Union([Type.String({ pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }), Type.Null()]);
const Words = (max: number) => Type.String({ maxLength: max });
const Organisation = Type.Object(
  {
    kind: Type.Union([
      Type.Literal("gp"),
      Type.Literal("community"),
      Type.Literal("social-care"),
      Type.Literal("mental-health"),
      Type.Literal("voluntary"),
      Type.Literal("acute"),
      Type.Literal("person"),
    ]),
    name: Words(200),
  },
  { additionalProperties: false },
);

/** The plan's content (see @bevan/care plan.ts): every section is a list of items with ids. */
export const PlanContentSchema = Type.Object(
  {
    whatMatters: Words(2000),
    problems: Type.Array(Type.Object({ id: ItemId, text: Words(500) }, { additionalProperties: false }), {
      maxItems: 100,
    }),
    goals: Type.Array(
      Type.Object(
        {
          id: ItemId,
          text: Words(500),
          targetDate: Day,
          status: Type.Union([Type.Literal("active"), Type.Literal("achieved"), Type.Literal("cancelled")]),
          problemIds: Type.Array(ItemId, { maxItems: 100 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
    actions: Type.Array(
      Type.Object(
        {
          id: ItemId,
          text: Words(500),
          owner: Words(200),
          organisation: Organisation,
          due: Day,
          status: Type.Union([
            Type.Literal("planned"),
            Type.Literal("in-progress"),
            Type.Literal("done"),
            Type.Literal("cancelled"),
          ]),
          goalIds: Type.Array(ItemId, { maxItems: 100 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
    team: Type.Array(
      Type.Object(
        { id: ItemId, name: Words(200), role: Words(200), organisation: Organisation, lead: Type.Boolean() },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
    contingency: Type.Array(
      Type.Object(
        { id: ItemId, trigger: Words(500), response: Words(1000) },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
    nextReview: Day,
  },
  { additionalProperties: false },
);

export const PlanSchema = Type.Object({
  version: Type.Integer({ description: "0 when the person has no plan yet" }),
  content: PlanContentSchema,
  updatedAt: NStr,
  updatedBy: NStr,
});

export const VersionSummary = Type.Object({
  version: Type.Integer(),
  changedAt: Str,
  changedBy: NStr,
  changes: Type.Array(Type.Object({ section: Str, kind: Str, id: Type.Optional(Str), description: Str })),
});

export const CareRecordResponse = Type.Object({
  person: PersonSchema,
  current: Type.Union([EpisodeSchema, Type.Null()]),
  episodes: Type.Array(EpisodeSchema),
  plan: PlanSchema,
  planHistory: Type.Array(VersionSummary),
  history: Type.Array(
    Type.Object({
      episodeId: Type.String(),
      at: Type.String(),
      by: Type.Union([Type.String(), Type.Null()]),
      kind: Type.String(),
      detail: Type.Unknown(),
    }),
  ),
  measures: Type.Array(
    Type.Object({
      id: Type.String(),
      measure: Type.String(),
      value: Type.Number(),
      detail: Type.Unknown(),
      recordedOn: Type.String(),
      by: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  worklistActions: Type.Array(
    Type.Object({
      worklistId: Type.String(),
      action: Type.String(),
      reason: Type.String(),
      until: Type.Union([Type.String(), Type.Null()]),
      at: Type.String(),
      by: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
export type CareRecordResponse = Static<typeof CareRecordResponse>;

export const PlanSaveResponse = Type.Object({ plan: PlanSchema, changes: VersionSummary.properties.changes });
export type PlanSaveResponse = Static<typeof PlanSaveResponse>;

export const CaseloadResponse = Type.Object({
  today: Type.String(),
  entries: Type.Array(CaseloadEntry),
  coordinators: Type.Array(CoordinatorLoadSchema),
});
export type CaseloadResponse = Static<typeof CaseloadResponse>;
export type EpisodeView = Static<typeof EpisodeSchema>;
export type CarePlanView = Static<typeof PlanContentSchema>;

export const WorklistActionSchema = Type.Object({
  personId: Str,
  action: Str,
  reason: Str,
  until: NStr,
  at: Str,
  by: NStr,
});
export type WorklistActionView = Static<typeof WorklistActionSchema>;

const Count = Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), suppressed: Type.Boolean() });
export const CareSummaryResponse = Type.Object({
  disclosure: Type.Unknown(),
  stages: Type.Array(Type.Object({ stage: Type.String(), name: Type.String(), people: Count })),
  total: Count,
  byPractice: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.Union([Type.String(), Type.Null()]),
      people: Count,
    }),
  ),
});
export type CareSummaryResponse = Static<typeof CareSummaryResponse>;

export const OutcomesResponse = Type.Object({
  joined: NStr,
  dataTo: Str,
  quarters: Type.Array(
    Type.Object({
      quarter: Type.Integer(),
      from: Str,
      to: Str,
      complete: Type.Boolean(),
      emergencyAdmissions: Type.Integer(),
      aeAttendances: Type.Integer(),
      bedDays: Type.Integer(),
      gpContactDays: Type.Integer(),
      hba1c: Type.Union([Type.Number(), Type.Null()]),
      systolicBp: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  measures: Type.Array(Type.Object({ measure: Str, value: Type.Number(), recordedOn: Str })),
});
export type OutcomesResponse = Static<typeof OutcomesResponse>;
