// The audit trail for administrators: events filtered by who, what, kind, person, cohort and
// when (oldest first for paging forward, newest first for the console), and verification of
// the chain against the audit key and the checkpoint file. Reading the events is itself
// audited (they say who read which patients); verifying is not (it shows no event). Also
// the ingest and build status.

import { dataQuality } from "@bevan/query";
import { type AuditKind, queryAudit, verifyAudit } from "@bevan/state";
import type { FastifyInstance } from "fastify";
import { type Static, Type } from "typebox";
import { principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { DataQualityResponse, ErrorBody } from "../../schemas.ts";
import { AuditEventSchema, AuditQuery, AuditVerifyResponse } from "../../schemas-governance.ts";

export function auditRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/audit",
    {
      schema: {
        tags: ["governance"],
        summary:
          "Audit events filtered by who (user), what (action, kind, person, cohort, flag) and when (from, to); page with `after` (oldest first) or `before` (newest first)",
        querystring: AuditQuery,
        response: { 200: Type.Object({ events: Type.Array(AuditEventSchema) }), 403: ErrorBody },
      },
      config: { access: "audit:read" },
    },
    async (request) => {
      const q = request.query as Static<typeof AuditQuery>;
      const newestFirst = q.order === "newest" || q.before !== undefined;
      const events = await queryAudit(ctx.state, {
        ...(q.user ? { username: q.user } : {}),
        ...(q.action ? { action: q.action } : {}),
        ...(q.kind ? { kind: q.kind as AuditKind } : {}),
        ...(q.flag ? { flag: q.flag } : {}),
        ...(q.person ? { personId: q.person } : {}),
        ...(q.cohort ? { cohortId: q.cohort } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(q.after !== undefined ? { afterSeq: q.after } : {}),
        ...(q.before !== undefined ? { beforeSeq: q.before } : {}),
        newestFirst,
        limit: q.limit ?? 100,
      });
      await ctx.record(request, { action: "audit.read", params: { ...q }, rowCount: events.length });
      return { events };
    },
  );

  app.get(
    "/api/audit/verify",
    {
      schema: {
        tags: ["governance"],
        summary: "Verify the audit trail: every event's keyed seal, the links, the head, and the checkpoints",
        response: { 200: AuditVerifyResponse, 403: ErrorBody },
      },
      config: { access: "audit:read" },
    },
    // Not itself audited: it shows no event, only whether the trail holds.
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
