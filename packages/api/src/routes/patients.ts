// Patient-level endpoints. Commissioners and administrators have no permission for them.
// Direct-care roles get NHS numbers (from the separate re-identification lookup) for
// patients registered in their scope; analysts get pseudonymous ids only. Each read writes
// exactly one audit event before the answer is sent: no audit, no data.
import { patientDetails, patientList, patientRecord } from "@bevan/query";
import type { Principal } from "@bevan/state";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { principalOf } from "../auth/access.ts";
import type { ApiContext } from "../context.ts";
import { notFound } from "../http-error.ts";
import {
  ErrorBody,
  PatientListQuery,
  PatientListResponse,
  PatientRecordResponse,
  PersonId,
} from "../schemas.ts";
import { builtAsOf, scopedTo } from "./aggregates.ts";

/** NHS numbers for direct-care roles (null where the lookup has none); nothing for others. */
export async function identities(
  ctx: ApiContext,
  principal: Principal,
  ids: readonly bigint[],
): Promise<{ kind: "identified" | "pseudonymous"; numbers: Map<bigint, string> }> {
  if (principal.role.patientData !== "identified") return { kind: "pseudonymous", numbers: new Map() };
  const numbers =
    ctx.reidentification && ids.length > 0 ? await ctx.reidentification.lookup([...ids]) : new Map();
  return { kind: "identified", numbers };
}

export function patientRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/patients",
    {
      schema: {
        tags: ["patients"],
        summary: "Patients on a register, registered in your scope (audited)",
        querystring: PatientListQuery,
        response: { 200: PatientListResponse, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      config: { access: "patients:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as { register: string; practice?: string; limit?: number; offset?: number };
      // A practice outside the caller's scope is refused (404), not answered with an empty list.
      const sw = await scopedTo(ctx, principal, q.practice);
      const page = { limit: q.limit ?? 100, offset: q.offset ?? 0 };
      const result = await patientList(sw, { register: q.register, ...page });
      const ids = result.rows.map((r) => BigInt(r.personId));
      const who = await identities(ctx, principal, ids);
      await ctx.auditRead(request, {
        action: "patient.list",
        params: { register: q.register, practice: q.practice ?? null, ...page },
        personIds: ids,
      });
      return {
        total: result.total,
        identity: who.kind,
        rows: result.rows.map((r) =>
          who.kind === "identified" ? { ...r, nhsNumber: who.numbers.get(BigInt(r.personId)) ?? null } : r,
        ),
      };
    },
  );

  app.get(
    "/api/patients/:personId",
    {
      schema: {
        tags: ["patients"],
        summary: "One patient's snapshot and timeline, if registered in your scope (audited)",
        params: Type.Object({ personId: PersonId }),
        querystring: Type.Object(
          { timelineLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000, default: 500 })) },
          { additionalProperties: false },
        ),
        response: { 200: PatientRecordResponse, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      config: { access: "patients:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const { personId } = request.params as { personId: string };
      const { timelineLimit } = request.query as { timelineLimit?: number };
      const id = BigInt(personId);
      // Every query of the record is restricted to this one person within the caller's scope.
      const sw = ctx.scopedFor(principal).forPerson(id);
      const record = await patientRecord(sw, id, {
        timelineLimit: timelineLimit ?? 500,
      });
      const details = record ? await patientDetails(sw, id, await builtAsOf(sw)) : null;
      // Out of scope and non-existent look the same, and both are audited as attempts.
      await ctx.auditRead(request, {
        action: "patient.read",
        params: { personId, timelineLimit: timelineLimit ?? 500 },
        personIds: record ? [id] : [],
      });
      if (!record) throw notFound("that patient");
      const who = await identities(ctx, principal, [id]);
      return {
        identity: who.kind,
        ...(who.kind === "identified" ? { nhsNumber: who.numbers.get(id) ?? null } : {}),
        snapshot: record.snapshot,
        details,
        timeline: record.timeline,
        timelineTruncated: record.timelineTruncated,
      };
    },
  );
}
