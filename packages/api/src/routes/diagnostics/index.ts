// The Diagnostics area's API: the imaging network's dashboard and planning endpoints.
import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../../context.ts";
import { diagnosticsDashboardRoutes } from "./dashboard.ts";
import { diagnosticsPlanningRoutes } from "./planning.ts";

export function diagnosticsRoutes(app: FastifyInstance, ctx: ApiContext): void {
  diagnosticsDashboardRoutes(app, ctx);
  diagnosticsPlanningRoutes(app, ctx);
}
