// A person's care coordination record and their one shared care plan: reading it (one audit
// event, like a patient read), saving a new version from the version you opened (a stale
// save is refused with 409 and both sides' changes: nothing is overwritten), and the plan as
// FHIR R4 (CarePlan, Goal, CareTeam, Task) out and back in.
import {
  type CarePlanContent,
  EMPTY_PLAN,
  episodeEvents,
  getPlan,
  openEpisode,
  personEpisodes,
  personMeasures,
  personWorklistActions,
  planFromFhir,
  planHistory,
  planToFhir,
  SYSTEMS,
  savePlan,
} from "@bevan/care";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { HttpError } from "../../http-error.ts";
import { ErrorBody, PersonId } from "../../schemas.ts";
import { userNames } from "./caseload.ts";
import { ConflictBody, careCall } from "./errors.ts";
import { auditCare, type CarePerson, personInScope } from "./people.ts";
import { CareRecordResponse, episodeView, PlanContentSchema, PlanSaveResponse } from "./views.ts";

const Params = Type.Object({ personId: PersonId });
const Errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ConflictBody,
  422: ErrorBody,
};
const etag = (version: number) => `"plan-${version}"`;

/** The version named by If-Match, if sent; it must agree with the body's. */
function ifMatch(request: FastifyRequest, bodyVersion: number): void {
  const sent = request.headers["if-match"];
  if (typeof sent === "string" && sent !== etag(bodyVersion))
    throw new HttpError(400, "invalid_request", "If-Match and 'version' name different versions of the plan");
}

function subjectOf(person: CarePerson) {
  return person.nhsNumber
    ? ({ system: SYSTEMS.nhsNumber, value: person.nhsNumber } as const)
    : ({ system: SYSTEMS.pseudonym, value: person.personId } as const);
}

export function planRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/care/people/:personId",
    {
      schema: {
        tags: ["care"],
        summary:
          "A person's care coordination record: episodes, checklist, history, measures and the shared care plan (identifiable, audited once)",
        params: Params,
        response: {
          200: CareRecordResponse,
          ...Errors,
        },
      },
      config: { access: "care:read" },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { personId } = request.params as { personId: string };
      let person: CarePerson;
      try {
        person = await personInScope(ctx, principal, personId);
      } catch (error) {
        // Refused attempts are audited too, with nobody's record returned.
        await auditCare(ctx, request, "care.plan.read", { personId, refused: true }, []);
        throw error;
      }
      const [episodes, plan, versions, measures, actions] = await Promise.all([
        personEpisodes(ctx.state, person.personId),
        getPlan(ctx.state, person.personId),
        planHistory(ctx.state, person.personId),
        personMeasures(ctx.state, person.personId),
        personWorklistActions(ctx.state, person.personId),
      ]);
      const events = await episodeEvents(
        ctx.state,
        episodes.map((e) => e.id),
      );
      const names = await userNames(
        ctx,
        episodes.map((e) => e.coordinatorId),
      );
      const view = (e: (typeof episodes)[number]) =>
        episodeView(e, plan?.content ?? null, names.get(e.coordinatorId ?? "") ?? null);
      const open = episodes.find((e) => e.status !== "closed") ?? null;
      await auditCare(ctx, request, "care.plan.read", { personId, planVersion: plan?.version ?? 0 }, [
        person.personId,
      ]);
      reply.header("ETag", etag(plan?.version ?? 0));
      return {
        person,
        current: open ? view(open) : null,
        episodes: episodes.map(view),
        plan: plan
          ? { version: plan.version, content: plan.content, updatedAt: plan.updatedAt, updatedBy: null }
          : { version: 0, content: EMPTY_PLAN, updatedAt: null, updatedBy: null },
        planHistory: versions,
        history: events.map((e) => ({
          episodeId: e.episodeId,
          at: e.at,
          by: e.by,
          kind: e.kind,
          detail: e.detail,
        })),
        measures,
        worklistActions: actions,
      };
    },
  );

  app.put(
    "/api/care/people/:personId/plan",
    {
      schema: {
        tags: ["care"],
        summary:
          "Save the shared care plan as a new version, edited from `version` (If-Match accepted); 409 with both sides' changes if someone saved first (audited)",
        params: Params,
        body: Type.Object(
          { version: Type.Integer({ minimum: 0 }), content: PlanContentSchema },
          { additionalProperties: false },
        ),
        response: {
          200: PlanSaveResponse,
          ...Errors,
        },
      },
      config: { access: "care:write" },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { personId } = request.params as { personId: string };
      const b = request.body as { version: number; content: CarePlanContent };
      ifMatch(request, b.version);
      const person = await personInScope(ctx, principal, personId);
      return save(ctx, request, reply, person, b.content, b.version, "care.plan.write");
    },
  );

  app.get(
    "/api/care/people/:personId/plan/fhir",
    {
      schema: {
        tags: ["care"],
        summary:
          "The shared care plan as a FHIR R4 Bundle: CarePlan, Goal, CareTeam, Task (identifiable, audited)",
        params: Params,
        produces: ["application/fhir+json"],
        response: { ...Errors },
      },
      config: { access: "care:read" },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { personId } = request.params as { personId: string };
      const person = await personInScope(ctx, principal, personId);
      const plan = await getPlan(ctx.state, person.personId);
      if (!plan) throw new HttpError(404, "not_found", "this person has no care plan yet");
      const open = await openEpisode(ctx.state, person.personId);
      await auditCare(ctx, request, "care.plan.export", { personId, planVersion: plan.version }, [
        person.personId,
      ]);
      reply.header("Content-Type", "application/fhir+json; charset=utf-8");
      reply.header("ETag", etag(plan.version));
      return JSON.stringify(
        planToFhir({
          subject: subjectOf(person),
          plan: plan.content,
          version: plan.version,
          status: open ? open.status : "closed",
          created: plan.createdAt,
          updated: plan.updatedAt,
        }),
      );
    },
  );

  app.post(
    "/api/care/people/:personId/plan/fhir",
    {
      schema: {
        tags: ["care"],
        summary:
          "Import a FHIR R4 care plan Bundle for this person as a new version of their plan, edited from `version` (audited)",
        params: Params,
        body: Type.Object(
          { version: Type.Integer({ minimum: 0 }), bundle: Type.Unknown() },
          { additionalProperties: false },
        ),
        response: {
          200: PlanSaveResponse,
          ...Errors,
        },
      },
      config: { access: "care:write" },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { personId } = request.params as { personId: string };
      const b = request.body as { version: number; bundle: unknown };
      const person = await personInScope(ctx, principal, personId);
      const imported = await careCall(async () => planFromFhir(b.bundle));
      const ours = subjectOf(person);
      const same =
        (imported.subject.system === ours.system && imported.subject.value === ours.value) ||
        (imported.subject.system === SYSTEMS.pseudonym && imported.subject.value === person.personId);
      if (!same)
        throw new HttpError(
          422,
          "invalid_fhir",
          "the Bundle's CarePlan is for someone else: its subject does not match this person",
        );
      return save(ctx, request, reply, person, imported.plan, b.version, "care.plan.import");
    },
  );
}

async function save(
  ctx: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  person: CarePerson,
  content: CarePlanContent,
  version: number,
  action: "care.plan.write" | "care.plan.import",
) {
  const principal = principalOf(request);
  try {
    const saved = await careCall(() =>
      savePlan(ctx.state, person.personId, content, { baseVersion: version, by: principal.userId }),
    );
    await auditCare(
      ctx,
      request,
      action,
      { personId: person.personId, from: version, to: saved.plan.version },
      [person.personId],
    );
    reply.header("ETag", etag(saved.plan.version));
    return {
      plan: {
        version: saved.plan.version,
        content: saved.plan.content,
        updatedAt: saved.plan.updatedAt,
        updatedBy: principal.displayName,
      },
      changes: saved.changes,
    };
  } catch (error) {
    // A refused save is still one event: who tried to change whose plan, and that it was refused.
    await auditCare(ctx, request, action, { personId: person.personId, from: version, refused: true }, [
      person.personId,
    ]);
    throw error;
  }
}
