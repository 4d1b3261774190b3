// Acting on a worklist (issue 23, seed 002): besides adding a person to the caseload
// (POST /api/care/episodes with source "worklist"), a coordinator dismisses them with a
// reason (until a date, after which they may show again) or records a recall (invited for
// tests or treatment). The worklist page reads the latest action for the people it shows.
import {
  recordWorklistAction,
  WORKLIST_ACTIONS,
  type WorklistActionKind,
  worklistActions,
} from "@bevan/care";
import { worklist } from "@bevan/worklists";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { HttpError, notFound } from "../../http-error.ts";
import { ErrorBody, PersonId } from "../../schemas.ts";
import { auditCare, peopleInScope, personInScope } from "./people.ts";
import { WorklistActionSchema } from "./views.ts";

const Params = Type.Object({ id: Type.String({ pattern: "^[a-z0-9-]{1,80}$" }) });
const Action = WorklistActionSchema;

function known(id: string): void {
  if (!worklist(id)) throw notFound(`worklist ${id}`);
}

export function worklistActionRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post(
    "/api/care/worklists/:id/actions",
    {
      schema: {
        tags: ["care"],
        summary:
          "Dismiss a person from a worklist with a reason (optionally until a date), or record a recall (audited)",
        params: Params,
        body: Type.Object(
          {
            personId: PersonId,
            action: Type.Union(WORKLIST_ACTIONS.map((a) => Type.Literal(a))),
            reason: Type.String({ minLength: 1, maxLength: 500 }),
            until: Type.Optional(Type.String({ pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Action, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      config: { access: "care:write" },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      known(id);
      const b = request.body as {
        personId: string;
        action: WorklistActionKind;
        reason: string;
        until?: string;
      };
      if (b.until && b.until <= new Date().toISOString().slice(0, 10))
        throw new HttpError(400, "invalid_request", "'until' must be a date in the future");
      const person = await personInScope(ctx, principal, b.personId);
      const done = await recordWorklistAction(ctx.state, {
        worklistId: id,
        personId: person.personId,
        action: b.action,
        reason: b.reason,
        until: b.until ?? null,
        by: principal.userId,
      });
      await auditCare(ctx, request, "care.worklist-action", { worklist: id, action: b.action }, [
        person.personId,
      ]);
      reply.status(201);
      return { ...done, by: principal.displayName };
    },
  );

  app.get(
    "/api/care/worklists/:id/actions",
    {
      schema: {
        tags: ["care"],
        summary: "The latest action on a worklist for each of the people named, in your scope (audited)",
        params: Params,
        querystring: Type.Object(
          { people: Type.String({ pattern: "^[0-9]{1,19}(,[0-9]{1,19}){0,199}$" }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ actions: Type.Array(Action) }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
      config: { access: "care:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      known(id);
      const { people } = request.query as { people: string };
      const inScope = await peopleInScope(ctx, principal, people.split(","));
      const latest = await worklistActions(ctx.state, id, [...inScope.keys()]);
      await auditCare(ctx, request, "care.worklist-action", { worklist: id, read: true }, [...latest.keys()]);
      return { actions: [...latest.values()] };
    },
  );
}
