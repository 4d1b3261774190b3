// A saved cohort's members as a list to act on: the same pages and exports as worklists
// (member-list.ts), audited as cohort reads with the cohort's id and version.
import type { FastifyInstance } from "fastify";
import { principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { ErrorBody } from "../../schemas.ts";
import { IdParams, savedVersion } from "../cohorts.ts";
import { type ListSource, listExport, listPage } from "./member-list.ts";
import {
  type ExportQuery,
  ExportQuery as ExportQuerySchema,
  type ListQuery,
  ListQuery as ListQuerySchema,
  ListResponse,
} from "./schemas.ts";

async function source(ctx: ApiContext, id: string, version?: number): Promise<ListSource> {
  const v = await savedVersion(ctx, id, version);
  const cohort = await ctx.cohortStore.get(id);
  const name = cohort?.name ?? "Cohort";
  return {
    title: name,
    definition: v.definition,
    provenance: `Saved cohort "${name}" (${id}), version ${v.version}${v.note ? `: ${v.note}` : ""}`,
    audit: {
      list: "cohort.members",
      export: "cohort.export",
      params: {},
      cohortId: id,
      cohortVersion: v.version,
    },
  };
}

export function cohortListRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/cohorts/:id/list",
    {
      schema: {
        tags: ["cohorts"],
        summary:
          "A page of a saved cohort's members in your scope, with why each is in it (patient-level, audited)",
        params: IdParams,
        querystring: ListQuerySchema,
        response: { 200: ListResponse, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
      config: { access: "cohorts:members" },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const q = request.query as ListQuery;
      return listPage(ctx, request, principalOf(request), await source(ctx, id, q.version), q);
    },
  );

  app.get(
    "/api/cohorts/:id/export",
    {
      schema: {
        tags: ["cohorts"],
        summary:
          "Every member of a saved cohort in your scope as CSV, Excel or an NHS-number list (patient-level, audited once)",
        params: IdParams,
        querystring: ExportQuerySchema,
        produces: [
          "text/csv",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "text/plain",
        ],
        response: { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
      config: { access: "cohorts:members" },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const q = request.query as ExportQuery;
      return listExport(ctx, request, reply, principalOf(request), await source(ctx, id, q.version), q);
    },
  );
}
