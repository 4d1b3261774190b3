// The data-status page: last load, table row counts, quarantine and the data-quality summary.
// Bookkeeping rather than patient data (no suppression), for roles that may see data quality.
import { dataQuality, lastLoad, quarantineBySource } from "@bevan/query";
import type { FastifyInstance } from "fastify";
import { principalOf } from "../auth/access.ts";
import type { ApiContext } from "../context.ts";
import { ErrorBody } from "../schemas.ts";
import { DataStatusResponse } from "../schemas-analytics.ts";

export function dataStatusRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/data-status",
    {
      schema: {
        tags: ["governance"],
        summary:
          "Last load, row counts per table, quarantine by source and reason, and the data-quality summary",
        response: { 200: DataStatusResponse, 401: ErrorBody, 403: ErrorBody },
      },
      config: { access: "data-quality:read" },
    },
    async (request) => {
      const sw = ctx.scopedFor(principalOf(request));
      const [load, tables, quarantine, dq, optOuts] = await Promise.all([
        lastLoad(sw),
        ctx.tableRows(),
        quarantineBySource(sw),
        dataQuality(sw),
        ctx.optOuts(),
      ]);
      return { lastLoad: load, tables, quarantine, dataQuality: dq, optOuts };
    },
  );
}
