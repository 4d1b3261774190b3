// Care coordination (issue 23): caseloads, the shared care plan and its FHIR form, actions on
// worklists, and caseload aggregates for roles without direct care.
import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../../context.ts";
import { caseloadRoutes } from "./caseload.ts";
import { outcomeRoutes } from "./outcomes.ts";
import { planRoutes } from "./plan.ts";
import { careSummaryRoutes } from "./summary.ts";
import { worklistActionRoutes } from "./worklist-actions.ts";

export function careRoutes(app: FastifyInstance, ctx: ApiContext): void {
  caseloadRoutes(app, ctx);
  planRoutes(app, ctx);
  outcomeRoutes(app, ctx);
  worklistActionRoutes(app, ctx);
  careSummaryRoutes(app, ctx);
}
