// Administrators' view of disclosure control (docs/disclosure-control.md): the log of
// free-form aggregate queries (fingerprints and counts, never person ids) and the alerts
// raised on tracker-like patterns, differencing attempts and exhausted budgets.
import { listAggregateQueries, listDisclosureAlerts } from "@bevan/state";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { ApiContext } from "../../context.ts";
import { ErrorBody } from "../../schemas.ts";

const AggregateQuery = Type.Object({
  id: Type.Number(),
  at: Type.String(),
  userId: Type.String(),
  role: Type.String(),
  kind: Type.Union([Type.Literal("preview"), Type.Literal("count"), Type.Literal("timeline")]),
  definitionFingerprint: Type.String(),
  sizeBand: Type.String(),
  cells: Type.Number(),
  outcome: Type.Union([
    Type.Literal("answered"),
    Type.Literal("refused-budget"),
    Type.Literal("refused-difference"),
  ]),
  nearest: Type.Union([Type.Number(), Type.Null()]),
});

const Alert = Type.Object({
  id: Type.Number(),
  at: Type.String(),
  userId: Type.String(),
  kind: Type.Union([Type.Literal("differencing"), Type.Literal("overlap"), Type.Literal("budget")]),
  detail: Type.String(),
});

export function disclosureLogRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/disclosure/queries",
    {
      schema: {
        tags: ["governance"],
        summary: "Free-form aggregate queries by roles without direct care, newest first (no person ids)",
        querystring: Type.Object(
          {
            user: Type.Optional(Type.String({ maxLength: 100 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            budget: Type.Object({ cellsPerDay: Type.Number() }),
            queries: Type.Array(AggregateQuery),
          }),
          403: ErrorBody,
        },
      },
      config: { access: "audit:read" },
    },
    async (request) => {
      const q = request.query as { user?: string; limit?: number };
      return {
        budget: { cellsPerDay: ctx.budget.options.cellsPerDay },
        queries: await listAggregateQueries(ctx.state, { userId: q.user, limit: q.limit }),
      };
    },
  );

  app.get(
    "/api/disclosure/alerts",
    {
      schema: {
        tags: ["governance"],
        summary: "Disclosure alerts (tracker-like patterns, differencing, exhausted budgets), newest first",
        response: { 200: Type.Object({ alerts: Type.Array(Alert) }), 403: ErrorBody },
      },
      config: { access: "audit:read" },
    },
    async () => ({ alerts: await listDisclosureAlerts(ctx.state) }),
  );
}
