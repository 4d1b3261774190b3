// Saved cohorts: definitions are versioned (saving again adds a version); counts and
// breakdowns are aggregates (disclosed by role); member lists are patient-level (audited,
// with the cohort id and version that ran).
import type { Breakdown } from "@bevan/query";
import type { SavedCohortVersion } from "@bevan/state";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { principalOf } from "../auth/access.ts";
import type { ApiContext } from "../context.ts";
import { disclose, disclosureNote, policyFor } from "../disclosure.ts";
import { HttpError, notFound } from "../http-error.ts";
import {
  CohortBody,
  CohortCountResponse,
  CohortId,
  CohortMembersQuery,
  CohortMembersResponse,
  CohortRunQuery,
  CohortSummary,
  CohortVersion,
  CohortVersionBody,
  ErrorBody,
} from "../schemas.ts";
import { identities } from "./patients.ts";

const IdParams = Type.Object({ id: CohortId });

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
  const invalid = (definition: unknown) => {
    const problem = ctx.cohorts.validate(definition);
    if (problem) throw new HttpError(400, "invalid_cohort", `the cohort definition is not valid: ${problem}`);
  };
  const versionOf = async (id: string, version?: number) => {
    const v = await ctx.cohortStore.version(id, version);
    if (!v) throw notFound(version ? `version ${version} of that cohort` : "that cohort");
    return v;
  };

  app.get(
    "/api/cohorts",
    {
      schema: {
        tags: ["cohorts"],
        summary: "Saved cohorts",
        response: { 200: Type.Object({ cohorts: Type.Array(CohortSummary) }) },
      },
      config: { access: "cohorts:read" },
    },
    async () => ({ cohorts: await ctx.cohortStore.list() }),
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
      invalid(body.definition);
      const v = await ctx.cohortStore.create({ ...body, by: principalOf(request).userId });
      return reply.status(201).send(publicVersion(v));
    },
  );

  app.post(
    "/api/cohorts/:id/versions",
    {
      schema: {
        tags: ["cohorts"],
        summary: "Save a new version of a cohort",
        params: IdParams,
        body: CohortVersionBody,
        response: { 201: CohortVersion, 400: ErrorBody, 404: ErrorBody },
      },
      config: { access: "cohorts:write" },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const body = request.body as { definition: unknown; note?: string };
      invalid(body.definition);
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
      const cohort = await ctx.cohortStore.get(id);
      if (!cohort) throw notFound("that cohort");
      return { cohort, versions: (await ctx.cohortStore.versions(id)).map(publicVersion) };
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
      const q = request.query as { version?: number; breakdown?: Breakdown };
      const v = await versionOf(id, q.version);
      const breakdown = q.breakdown ?? "all";
      const groups = await ctx.cohorts.breakdown(ctx.scopedFor(principal), v.definition, breakdown);
      const policy = policyFor(principal, ctx.disclosure);
      const d = disclose(
        groups.map((g) => g.count),
        policy,
      );
      return {
        cohortId: id,
        version: v.version,
        breakdown,
        disclosure: disclosureNote(policy),
        total: d.total,
        groups: groups.map((g, i) => ({
          group: g.group,
          count: d.cells[i] ?? { value: null, suppressed: true },
        })),
      };
    },
  );

  app.get(
    "/api/cohorts/:id/members",
    {
      schema: {
        tags: ["cohorts"],
        summary: "The cohort's members in your scope (patient-level, audited)",
        params: IdParams,
        querystring: CohortMembersQuery,
        response: { 200: CohortMembersResponse, 404: ErrorBody },
      },
      config: { access: "cohorts:members" },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const q = request.query as { version?: number; limit?: number; offset?: number };
      const v = await versionOf(id, q.version);
      const page = { limit: q.limit ?? 100, offset: q.offset ?? 0 };
      const result = await ctx.cohorts.members(ctx.scopedFor(principal), v.definition, page);
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
}
