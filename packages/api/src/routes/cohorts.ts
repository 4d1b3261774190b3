// Saved cohorts: definitions (the cohort language's IR) are versioned in the application
// state (saving again adds a version); counts and breakdowns are aggregates, disclosed by
// role, and carry the cohort version and the warehouse data version they came from.
// Member lists are in cohort-members.ts, preview and timelines in cohort-analysis.ts.
import type { BreakdownDimension } from "@bevan/query";
import type { SavedCohortVersion } from "@bevan/state";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { principalOf } from "../auth/access.ts";
import { summaryFor } from "../cohort-access.ts";
import { cohortCall } from "../cohort-errors.ts";
import type { ApiContext } from "../context.ts";
import { discloseCohort, disclosureNote, policyFor } from "../disclosure.ts";
import { notFound } from "../http-error.ts";
import { admitCount } from "../query-budget.ts";
import {
  CohortBody,
  type CohortBreakdown,
  CohortCountResponse,
  CohortId,
  CohortRunQuery,
  CohortSummary,
  CohortVersion,
  CohortVersionBody,
  ErrorBody,
} from "../schemas.ts";

export const IdParams = Type.Object({ id: CohortId });

/** The cohort language's name for an API breakdown dimension. */
export function dimensionOf(b: CohortBreakdown): BreakdownDimension {
  return b === "ethnicity_group" ? "ethnicity" : b;
}

function publicVersion(v: SavedCohortVersion) {
  return {
    cohortId: v.cohortId,
    version: v.version,
    definition: v.definition,
    note: v.note,
    createdAt: v.createdAt,
  };
}

export function cohortRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const invalid = (definition: unknown) => cohortCall(async () => ctx.cohorts.validate(definition));

  app.get(
    "/api/cohorts",
    {
      schema: {
        tags: ["cohorts"],
        summary: "Saved cohorts you own or that are shared with you",
        response: { 200: Type.Object({ cohorts: Type.Array(CohortSummary) }) },
      },
      config: { access: "cohorts:read" },
    },
    async (request) => {
      const p = principalOf(request);
      return {
        cohorts: await Promise.all(
          (await ctx.cohortAccess.visible(p)).map((c) => summaryFor(ctx.cohortAccess, p, c)),
        ),
      };
    },
  );

  app.post(
    "/api/cohorts",
    {
      schema: {
        tags: ["cohorts"],
        summary: "Save a new cohort (version 1)",
        body: CohortBody,
        response: { 201: CohortVersion, 400: ErrorBody },
      },
      config: { access: "cohorts:write" },
    },
    async (request, reply) => {
      const body = request.body as { name: string; definition: unknown; note?: string };
      await invalid(body.definition);
      const v = await ctx.cohortStore.create({ ...body, by: principalOf(request).userId });
      return reply.status(201).send(publicVersion(v));
    },
  );

  app.post(
    "/api/cohorts/:id/versions",
    {
      schema: {
        tags: ["cohorts"],
        summary: "Save a new version of a cohort (its owner, or people it is shared with for editing)",
        params: IdParams,
        body: CohortVersionBody,
        response: { 201: CohortVersion, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      config: { access: "cohorts:write" },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const body = request.body as { definition: unknown; note?: string };
      await invalid(body.definition);
      const v = await ctx.cohortStore.addVersion(id, { ...body, by: principalOf(request).userId });
      if (!v) throw notFound("that cohort");
      return reply.status(201).send(publicVersion(v));
    },
  );

  app.get(
    "/api/cohorts/:id",
    {
      schema: {
        tags: ["cohorts"],
        summary: "A saved cohort and all its versions",
        params: IdParams,
        response: {
          200: Type.Object({ cohort: CohortSummary, versions: Type.Array(CohortVersion) }),
          404: ErrorBody,
        },
      },
      config: { access: "cohorts:read" },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const p = principalOf(request);
      const cohort = await ctx.cohortAccess.require(p, id, "see");
      return {
        cohort: await summaryFor(ctx.cohortAccess, p, cohort),
        versions: (await ctx.cohortStore.versions(id)).map(publicVersion),
      };
    },
  );

  app.get(
    "/api/cohorts/:id/count",
    {
      schema: {
        tags: ["cohorts"],
        summary: "Run a cohort in your scope: count and breakdown (disclosed by role)",
        params: IdParams,
        querystring: CohortRunQuery,
        response: { 200: CohortCountResponse, 404: ErrorBody },
      },
      config: { access: "cohorts:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const q = request.query as { version?: number; breakdown?: CohortBreakdown | "all" };
      const v = await savedVersion(ctx, id, q.version);
      const breakdown = q.breakdown ?? "all";
      const by = breakdown === "all" ? [] : [dimensionOf(breakdown)];
      const policy = policyFor(principal, ctx.disclosure);
      const run = await cohortCall(() =>
        ctx.cohorts.count(ctx.scopedFor(principal), v.definition, by, { sketch: policy !== null }),
      );
      if (policy) await admitCount(ctx.budget, principal, "count", v.definition, run);
      const d = discloseCohort({ n: run.count, key: run.key }, run.breakdowns, policy);
      return {
        cohortId: id,
        version: v.version,
        asOf: run.asOf,
        data: run.data,
        breakdown,
        disclosure: disclosureNote(policy),
        total: d.count,
        groups: breakdown === "all" ? [{ group: "all", count: d.count }] : (d.breakdowns[by[0] ?? ""] ?? []),
      };
    },
  );
}

/** A saved version, or 404 (indistinguishable from a cohort that does not exist). */
export async function savedVersion(ctx: ApiContext, id: string, version?: number) {
  const v = await ctx.cohortStore.version(id, version);
  if (!v) throw notFound(version ? `version ${version} of that cohort` : "that cohort");
  return v;
}
