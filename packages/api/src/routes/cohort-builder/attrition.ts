// Attrition for the cohort builder, as ATLAS shows it: the population, then each step of the
// definition's "all of" with the people meeting it alone and the people left after it. An
// aggregate: for roles without direct care every figure passes the query budget and is
// disclosed on its own (cell key); nothing is audited.
import { describeCriterion } from "@bevan/query";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { principalOf } from "../../auth/access.ts";
import { cohortCall } from "../../cohort-errors.ts";
import type { ApiContext } from "../../context.ts";
import { discloseOne, disclosureNote, policyFor } from "../../disclosure.ts";
import { ErrorBody } from "../../schemas.ts";
import { AttritionResponse } from "./schemas.ts";

export function attritionRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post(
    "/api/cohorts/attrition",
    {
      schema: {
        tags: ["cohorts"],
        summary:
          "An unsaved cohort's attrition in your scope: people left after each step (disclosed by role)",
        body: Type.Object(
          { definition: Type.Unknown({ description: "A cohort definition (cohort.schema.json)" }) },
          { additionalProperties: false },
        ),
        response: { 200: AttritionResponse, 400: ErrorBody, 409: ErrorBody },
      },
      config: { access: "cohorts:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const { definition } = request.body as { definition: unknown };
      const run = await cohortCall(() => ctx.cohorts.attrition(ctx.scopedFor(principal), definition));
      const policy = policyFor(principal, ctx.disclosure);
      // Every figure is a set of people published to a role without direct care: the query
      // budget checks them all, as a preview's, against the user's earlier questions.
      if (policy) {
        const figures = [run.population, ...run.steps.flatMap((s) => [s.alone, s.left])];
        await ctx.budget.admit(
          principal,
          "preview",
          definition,
          figures.map((f) => ({ size: f.cell.n, key: f.cell.key, sketch: f.sketch })),
        );
      }
      return {
        asOf: run.asOf,
        data: run.data,
        disclosure: disclosureNote(policy),
        population: discloseOne(run.population.cell, policy),
        steps: run.steps.map((s) => ({
          path: s.path,
          label: describeCriterion(s.node),
          alone: discloseOne(s.alone.cell, policy),
          left: discloseOne(s.left.cell, policy),
        })),
      };
    },
  );
}
