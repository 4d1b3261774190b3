// A saved cohort's members in the caller's scope: patient-level, so each read writes exactly
// one audit event (cohort id and version, the persons returned) before the answer. Direct-care
// roles get NHS numbers (re-identified), analysts pseudonymous ids only. The CSV export is
// the whole list in one audited read; XLSX is made in the browser from the JSON.
import type { FastifyInstance } from "fastify";
import { principalOf } from "../auth/access.ts";
import { cohortCall } from "../cohort-errors.ts";
import type { ApiContext } from "../context.ts";
import { HttpError } from "../http-error.ts";
import { CohortCsvQuery, CohortMembersQuery, CohortMembersResponse, ErrorBody } from "../schemas.ts";
import { IdParams, savedVersion } from "./cohorts.ts";
import { identities } from "./patients.ts";

/** The most rows one CSV export may hold; a larger cohort should be narrowed first. */
export const CSV_MAX_ROWS = 100_000;

export function cohortMemberRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/cohorts/:id/members",
    {
      schema: {
        tags: ["cohorts"],
        summary: "The cohort's members in your scope (patient-level, audited)",
        params: IdParams,
        querystring: CohortMembersQuery,
        response: { 200: CohortMembersResponse, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
      config: { access: "cohorts:members" },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const q = request.query as { version?: number; limit?: number; offset?: number };
      const v = await savedVersion(ctx, id, q.version);
      const page = { limit: q.limit ?? 100, offset: q.offset ?? 0 };
      const result = await cohortCall(() =>
        ctx.cohorts.members(ctx.scopedFor(principal), v.definition, page),
      );
      const who = await identities(ctx, principal, result.personIds);
      await ctx.auditRead(request, {
        action: "cohort.members",
        params: page,
        cohortId: id,
        cohortVersion: v.version,
        personIds: result.personIds,
      });
      return {
        cohortId: id,
        version: v.version,
        asOf: result.asOf,
        data: result.data,
        total: result.total,
        identity: who.kind,
        members: result.personIds.map((pid) =>
          who.kind === "identified"
            ? { personId: String(pid), nhsNumber: who.numbers.get(pid) ?? null }
            : { personId: String(pid) },
        ),
      };
    },
  );

  app.get(
    "/api/cohorts/:id/members.csv",
    {
      schema: {
        tags: ["cohorts"],
        summary: "Every member in your scope as CSV (patient-level, audited once)",
        params: IdParams,
        querystring: CohortCsvQuery,
        produces: ["text/csv"],
        response: { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
      config: { access: "cohorts:members" },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const q = request.query as { version?: number };
      const v = await savedVersion(ctx, id, q.version);
      // One row past the limit tells a cohort that is too large from one exactly at it.
      const page = { limit: CSV_MAX_ROWS + 1, offset: 0 };
      const result = await cohortCall(() =>
        ctx.cohorts.members(ctx.scopedFor(principal), v.definition, page),
      );
      if (result.personIds.length > CSV_MAX_ROWS)
        throw new HttpError(
          400,
          "too_many_rows",
          `the CSV export holds at most ${CSV_MAX_ROWS.toLocaleString("en-GB")} people and this cohort has more in your scope: narrow the cohort or your organisation`,
        );
      const who = await identities(ctx, principal, result.personIds);
      await ctx.auditRead(request, {
        action: "cohort.members",
        params: { format: "csv" },
        cohortId: id,
        cohortVersion: v.version,
        personIds: result.personIds,
      });
      const identified = who.kind === "identified";
      const lines = [identified ? "person_id,nhs_number" : "person_id"];
      for (const pid of result.personIds)
        lines.push(identified ? `${pid},${who.numbers.get(pid) ?? ""}` : String(pid));
      return reply
        .header("Content-Type", "text/csv; charset=utf-8")
        .header("Content-Disposition", `attachment; filename="cohort-${id}-v${v.version}-${result.asOf}.csv"`)
        .header("X-Bevan-Data-Version", `${result.data.buildAsOf} ${result.data.builtAt}`)
        .send(`${lines.join("\r\n")}\r\n`);
    },
  );
}
