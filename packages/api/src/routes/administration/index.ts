// The administration area's routes: users and roles, access requests and break-glass
// grants, the audit trail, data quality. Administrators only (users:manage, audit:read),
// every action audited.
import type { FastifyInstance } from "fastify";
import type { AccessCache } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { accessRoutes } from "./access.ts";
import { auditRoutes } from "./audit.ts";
import { adminUserRoutes } from "./users.ts";

export function administrationRoutes(app: FastifyInstance, ctx: ApiContext, access: AccessCache): void {
  adminUserRoutes(app, ctx, access);
  accessRoutes(app, ctx, access);
  auditRoutes(app, ctx);
}
