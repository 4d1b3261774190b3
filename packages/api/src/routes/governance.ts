// Administrators' endpoints: the audit trail (query and chain verification) and the
// ingest and build status.
import { dataQuality } from "@bevan/query";
import { queryAudit, verifyAudit } from "@bevan/state";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { principalOf } from "../auth/access.ts";
import type { ApiContext } from "../context.ts";
import {
  AuditEventSchema,
  AuditQuery,
  AuditVerifyResponse,
  DataQualityResponse,
  ErrorBody,
} from "../schemas.ts";

export function governanceRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/audit",
    {
      schema: {
        tags: ["governance"],
        summary: "Audit events, oldest first (filter by user id, action, person, time; page with `after`)",
        querystring: AuditQuery,
        response: { 200: Type.Object({ events: Type.Array(AuditEventSchema) }), 403: ErrorBody },
      },
      config: { access: "audit:read" },
    },
    async (request) => {
      const q = request.query as {
        user?: string;
        action?: string;
        person?: string;
        from?: string;
        to?: string;
        after?: number;
        limit?: number;
      };
      const events = await queryAudit(ctx.state, {
        userId: q.user,
        action: q.action,
        personId: q.person,
        from: q.from,
        to: q.to,
        afterSeq: q.after,
        limit: q.limit,
      });
      return { events };
    },
  );

  app.get(
    "/api/audit/verify",
    {
      schema: {
        tags: ["governance"],
        summary: "Verify the audit hash chain",
        response: { 200: AuditVerifyResponse, 403: ErrorBody },
      },
      config: { access: "audit:read" },
    },
    async () => verifyAudit(ctx.state),
  );

  app.get(
    "/api/data-quality",
    {
      schema: {
        tags: ["governance"],
        summary: "Build status and quarantined input rows by file and reason (counts only)",
        response: { 200: DataQualityResponse, 403: ErrorBody },
      },
      config: { access: "data-quality:read" },
    },
    async (request) => dataQuality(ctx.scopedFor(principalOf(request))),
  );
}
