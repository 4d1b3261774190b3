// The Resources area's endpoints (docs/resources.md): costed activity, needs and use,
// opportunity analysis and fair shares.
import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../../context.ts";
import { allocationRoutes } from "./allocation.ts";
import { opportunityRoutes } from "./opportunities.ts";
import { spendRoutes } from "./spend.ts";

export function resourceRoutes(app: FastifyInstance, ctx: ApiContext): void {
  spendRoutes(app, ctx);
  opportunityRoutes(app, ctx);
  allocationRoutes(app, ctx);
}

export type * from "./schemas.ts";
