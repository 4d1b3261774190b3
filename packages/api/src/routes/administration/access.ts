// The second administrator's side of separation of duties: requests waiting for approval
// (approve or reject; never your own, never one for you), and break-glass grants (give a
// direct-care role for hours with a reason, end one early, review one someone else gave).
// Every decision is audited; break-glass grants are flagged.
import {
  BREAK_GLASS_FLAG,
  decideAccessRequest,
  endBreakGlass,
  grantBreakGlass,
  listAccessRequests,
  listBreakGlass,
  reviewBreakGlass,
  type ScopeGrant,
} from "@bevan/state";
import type { FastifyInstance } from "fastify";
import { type Static, Type } from "typebox";
import { type AccessCache, principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { ErrorBody } from "../../schemas.ts";
import {
  AccessRequestSchema,
  BreakGlassBody,
  BreakGlassSchema,
  ReviewBody,
  UserSchema,
} from "../../schemas-governance.ts";
import { asHttp, checkOrganisations } from "./users.ts";

const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

export function accessRoutes(app: FastifyInstance, ctx: ApiContext, access: AccessCache): void {
  app.get(
    "/api/admin/access-requests",
    {
      schema: {
        tags: ["administration"],
        summary: "Changes waiting for (or decided by) a second administrator, newest first",
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union(["pending", "approved", "rejected", "expired"].map((s) => Type.Literal(s))),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ requests: Type.Array(AccessRequestSchema) }), 403: ErrorBody },
      },
      config: { access: "users:manage" },
    },
    async (request) => {
      const q = request.query as { status?: "pending" | "approved" | "rejected" | "expired" };
      return { requests: await listAccessRequests(ctx.state, q.status ? { status: q.status } : {}) };
    },
  );

  for (const [verb, approve] of [
    ["approve", true],
    ["reject", false],
  ] as const)
    app.post(
      `/api/admin/access-requests/:id/${verb}`,
      {
        schema: {
          tags: ["administration"],
          summary: approve
            ? "Approve a request another administrator made (not one for you): the change takes effect"
            : "Reject a request another administrator made",
          params: IdParams,
          response: {
            200: Type.Object({ request: AccessRequestSchema, user: UserSchema }),
            403: ErrorBody,
            404: ErrorBody,
            409: ErrorBody,
          },
        },
        config: { access: "users:manage" },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        const result = await asHttp(() => decideAccessRequest(ctx.state, id, principalOf(request), approve));
        access.forgetUser(result.user.id);
        await ctx.record(request, {
          action: `access.${verb}`,
          params: {
            request: id,
            username: result.request.username,
            kind: result.request.kind,
            role: result.request.role,
            added: result.request.addScopes,
            removed: result.request.removeScopes,
            requestedBy: result.request.requestedBy,
          },
          rowCount: 1,
        });
        return result;
      },
    );

  app.get(
    "/api/admin/break-glass",
    {
      schema: {
        tags: ["administration"],
        summary: "Break-glass grants, newest first: active ones and those waiting for review first of all",
        response: { 200: Type.Object({ grants: Type.Array(BreakGlassSchema) }), 403: ErrorBody },
      },
      config: { access: "users:manage" },
    },
    async () => ({ grants: await listBreakGlass(ctx.state) }),
  );

  app.post(
    "/api/admin/break-glass",
    {
      schema: {
        tags: ["administration"],
        summary:
          "Break the glass: give another user a direct-care role over some organisations now, for at most 24 hours, with a reason (flagged and reviewed)",
        body: BreakGlassBody,
        response: {
          201: Type.Object({ grant: BreakGlassSchema }),
          400: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
      config: { access: "users:manage" },
    },
    async (request, reply) => {
      const body = request.body as Static<typeof BreakGlassBody>;
      const grant = await asHttp(async () => {
        await checkOrganisations(ctx, request, body.scopes as ScopeGrant[]);
        return grantBreakGlass(ctx.state, principalOf(request), {
          ...body,
          scopes: body.scopes as ScopeGrant[],
        });
      });
      access.forgetUser(grant.userId);
      await ctx.record(request, {
        action: "access.break-glass",
        params: {
          grant: grant.id,
          username: grant.username,
          role: grant.role,
          scopes: grant.scopes,
          reason: grant.reason,
          expiresAt: grant.expiresAt,
        },
        flags: [BREAK_GLASS_FLAG],
        rowCount: 1,
      });
      return reply.status(201).send({ grant });
    },
  );

  app.post(
    "/api/admin/break-glass/:id/end",
    {
      schema: {
        tags: ["administration"],
        summary: "End a break-glass grant before it expires",
        params: IdParams,
        response: { 200: Type.Object({ grant: BreakGlassSchema }), 403: ErrorBody, 409: ErrorBody },
      },
      config: { access: "users:manage" },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const grant = await asHttp(() => endBreakGlass(ctx.state, id, principalOf(request)));
      access.forgetUser(grant.userId);
      await ctx.record(request, {
        action: "access.break-glass-end",
        params: { grant: id, username: grant.username },
        rowCount: 1,
      });
      return { grant };
    },
  );

  app.post(
    "/api/admin/break-glass/:id/review",
    {
      schema: {
        tags: ["administration"],
        summary: "Record the review of a break-glass grant (by an administrator who did not give it)",
        params: IdParams,
        body: ReviewBody,
        response: { 200: Type.Object({ grant: BreakGlassSchema }), 403: ErrorBody, 409: ErrorBody },
      },
      config: { access: "users:manage" },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const { note } = request.body as { note: string };
      const grant = await asHttp(() => reviewBreakGlass(ctx.state, id, principalOf(request), note));
      await ctx.record(request, {
        action: "access.break-glass-review",
        params: { grant: id, username: grant.username, note },
        rowCount: 1,
      });
      return { grant };
    },
  );
}
