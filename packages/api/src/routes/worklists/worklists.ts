// Worklists: the catalogue with how many people are on each in your scope and by practice
// (aggregates, disclosed by role), and each list's people (patient-level, audited) with the
// reasons they are on it and what to do, as pages and as exports.
import { orgNames, ScoresNotBuiltError } from "@bevan/query";
import type { Principal } from "@bevan/state";
import { WORKLIST_CATEGORIES, WORKLISTS, type Worklist, worklist } from "@bevan/worklists";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { principalOf } from "../../auth/access.ts";
import { cohortCall } from "../../cohort-errors.ts";
import type { ApiContext } from "../../context.ts";
import { discloseCohort, disclosureNote, policyFor } from "../../disclosure.ts";
import { notFound } from "../../http-error.ts";
import { ErrorBody } from "../../schemas.ts";
import { scopedTo } from "../aggregates.ts";
import { type ListSource, listExport, listPage } from "./member-list.ts";
import {
  type ExportQuery,
  ExportQuery as ExportQuerySchema,
  type ListQuery,
  ListQuery as ListQuerySchema,
  ListResponse,
  WorklistResponse,
  type WorklistSummary,
  WorklistsResponse,
} from "./schemas.ts";

const Params = Type.Object({ id: Type.String({ pattern: "^[a-z0-9-]{1,80}$" }) });

function found(id: string): Worklist {
  const w = worklist(id);
  if (!w) throw notFound(`worklist ${id}`);
  return w;
}

function summary(w: Worklist): Omit<WorklistSummary, "count"> {
  return {
    id: w.id,
    version: w.version,
    category: w.category,
    categoryName: WORKLIST_CATEGORIES[w.category],
    title: w.title,
    why: w.why,
    action: w.action,
    basis: w.basis,
  };
}

function source(w: Worklist): ListSource {
  return {
    title: w.title,
    definition: w.cohort,
    provenance: `Worklist ${w.id} version ${w.version}: ${w.basis}`,
    reasonLabels: w.reasonLabels,
    action: w.action,
    audit: {
      list: "worklist.members",
      export: "worklist.export",
      params: { worklist: w.id, worklistVersion: w.version },
    },
  };
}

export function worklistRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const counted = async (principal: Principal, org: string | undefined, w: Worklist, byPractice: boolean) => {
    const sw = await scopedTo(ctx, principal, org);
    return ctx.cohorts.count(sw, w.cohort, byPractice ? ["practice"] : []);
  };

  app.get(
    "/api/worklists",
    {
      schema: {
        tags: ["worklists"],
        summary: "The worklists, with how many people are on each in your scope (disclosed by role)",
        querystring: Type.Object(
          { org: Type.Optional(ListQuerySchema.properties.org) },
          { additionalProperties: false },
        ),
        response: { 200: WorklistsResponse, 404: ErrorBody },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const { org } = request.query as { org?: string };
      const policy = policyFor(principal, ctx.disclosure);
      let asOf: string | null = null;
      const worklists: WorklistSummary[] = [];
      // One at a time: the read pool is shared with everyone else's requests.
      for (const w of WORKLISTS) {
        try {
          const run = await counted(principal, org, w, false);
          asOf = run.asOf;
          worklists.push({
            ...summary(w),
            count: discloseCohort({ n: run.count, key: run.key }, {}, policy).count,
          });
        } catch (error) {
          if (!(error instanceof ScoresNotBuiltError)) throw error;
          worklists.push({ ...summary(w), count: null, unavailable: error.message });
        }
      }
      return { asOf, disclosure: disclosureNote(policy), worklists };
    },
  );

  app.get(
    "/api/worklists/:id",
    {
      schema: {
        tags: ["worklists"],
        summary: "A worklist: its definition and how many people are on it by practice (disclosed by role)",
        params: Params,
        querystring: Type.Object(
          { org: Type.Optional(ListQuerySchema.properties.org) },
          { additionalProperties: false },
        ),
        response: { 200: WorklistResponse, 404: ErrorBody, 409: ErrorBody },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params as { id: string };
      const { org } = request.query as { org?: string };
      const w = found(id);
      const run = await cohortCall(() => counted(principal, org, w, true));
      const policy = policyFor(principal, ctx.disclosure);
      const d = discloseCohort(
        { n: run.count, key: run.key },
        { practice: run.breakdowns.practice ?? [] },
        policy,
      );
      const sw = ctx.scopedFor(principal);
      const names = await orgNames(
        sw,
        (run.breakdowns.practice ?? []).map((r) => r.value ?? "").filter(Boolean),
      );
      return {
        worklist: { ...summary(w), count: d.count },
        definition: w.cohort,
        asOf: run.asOf,
        disclosure: disclosureNote(policy),
        total: d.count,
        byPractice: (d.breakdowns.practice ?? []).map((r) => ({
          code: r.group,
          name: names.get(r.group) ?? null,
          count: r.count,
        })),
      };
    },
  );

  app.get(
    "/api/worklists/:id/list",
    {
      schema: {
        tags: ["worklists"],
        summary:
          "A page of the people on a worklist in your scope, with why each is on it (patient-level, audited)",
        params: Params,
        querystring: ListQuerySchema,
        response: { 200: ListResponse, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
      config: { access: "patients:read" },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      return listPage(ctx, request, principalOf(request), source(found(id)), request.query as ListQuery);
    },
  );

  app.get(
    "/api/worklists/:id/export",
    {
      schema: {
        tags: ["worklists"],
        summary:
          "Everyone on a worklist in your scope as CSV, Excel or an NHS-number list (patient-level, audited once)",
        params: Params,
        querystring: ExportQuerySchema,
        produces: [
          "text/csv",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "text/plain",
        ],
        response: { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
      config: { access: "patients:read" },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      return listExport(
        ctx,
        request,
        reply,
        principalOf(request),
        source(found(id)),
        request.query as ExportQuery,
      );
    },
  );
}
