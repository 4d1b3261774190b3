// Unsaved and saved cohorts as aggregates: the preview (count and breakdowns, for the cohort
// builder as the user edits) and the monthly timeline. Both are disclosed by role through
// disclosure.ts and run only in the caller's scope; neither is patient-level, so neither is
// audited.
import { monthEnds } from "@bevan/query";
import type { Principal } from "@bevan/state";
import type { FastifyInstance } from "fastify";
import { principalOf } from "../auth/access.ts";
import { cohortCall } from "../cohort-errors.ts";
import type { ApiContext } from "../context.ts";
import { discloseCohort, discloseSeries, disclosureNote, policyFor } from "../disclosure.ts";
import { HttpError } from "../http-error.ts";
import { admitCount } from "../query-budget.ts";
import {
  type CohortBreakdown,
  CohortPreviewBody,
  CohortPreviewResponse,
  CohortTimelineBody,
  CohortTimelineQuery,
  CohortTimelineResponse,
  ErrorBody,
} from "../schemas.ts";
import { dimensionOf, IdParams, savedVersion } from "./cohorts.ts";

/** The longest timeline one request may ask for, in months. */
export const TIMELINE_MAX_MONTHS = 120;

function checkDate(value: string, name: string): void {
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value)
    throw new HttpError(400, "invalid_request", `'${name}' must be a real date as YYYY-MM-DD`);
}

export function cohortAnalysisRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post(
    "/api/cohorts/preview",
    {
      schema: {
        tags: ["cohorts"],
        summary: "Count an unsaved cohort in your scope, with breakdowns (disclosed by role)",
        body: CohortPreviewBody,
        response: { 200: CohortPreviewResponse, 400: ErrorBody, 409: ErrorBody },
      },
      config: { access: "cohorts:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const body = request.body as { definition: unknown; breakdowns?: CohortBreakdown[] };
      const asked = body.breakdowns ?? [];
      const policy = policyFor(principal, ctx.disclosure);
      const run = await cohortCall(() =>
        ctx.cohorts.count(ctx.scopedFor(principal), body.definition, asked.map(dimensionOf), {
          sketch: policy !== null,
        }),
      );
      if (policy) await admitCount(ctx.budget, principal, "preview", body.definition, run);
      const d = discloseCohort({ n: run.count, key: run.key }, run.breakdowns, policy);
      return {
        asOf: run.asOf,
        data: run.data,
        disclosure: disclosureNote(policy),
        count: d.count,
        breakdowns: Object.fromEntries(asked.map((b) => [b, d.breakdowns[dimensionOf(b)] ?? []])),
      };
    },
  );

  const timeline = async (
    principal: Principal,
    definition: unknown,
    range: { from: string; to?: string },
  ) => {
    const to = range.to ?? (await cohortCall(() => ctx.cohorts.dataVersion())).buildAsOf;
    checkDate(range.from, "from");
    checkDate(to, "to");
    if (range.from > to) throw new HttpError(400, "invalid_request", "'from' must not be after 'to'");
    if (monthEnds(range.from, to).length > TIMELINE_MAX_MONTHS)
      throw new HttpError(
        400,
        "invalid_request",
        `a timeline covers at most ${TIMELINE_MAX_MONTHS} months: move 'from' later or 'to' earlier`,
      );
    const policy = policyFor(principal, ctx.disclosure);
    const run = await cohortCall(() =>
      ctx.cohorts.timeline(ctx.scopedFor(principal), definition, range.from, to, { sketch: policy !== null }),
    );
    if (policy)
      await ctx.budget.admit(
        principal,
        "timeline",
        definition,
        run.points.flatMap((p) =>
          p.sketch && p.key !== undefined ? [{ size: p.count, key: p.key, sketch: p.sketch }] : [],
        ),
      );
    const counts = discloseSeries(
      run.points.map((p) => (p.key === undefined ? p.count : { n: p.count, key: p.key })),
      policy,
    );
    return {
      data: run.data,
      disclosure: disclosureNote(policy),
      points: run.points.map((p, i) => ({
        asOf: p.asOf,
        count: counts[i] ?? { value: null, suppressed: true },
      })),
    };
  };

  app.post(
    "/api/cohorts/timeline",
    {
      schema: {
        tags: ["cohorts"],
        summary: "An unsaved cohort's size at each month end in your scope (disclosed by role)",
        body: CohortTimelineBody,
        response: { 200: CohortTimelineResponse, 400: ErrorBody, 409: ErrorBody },
      },
      config: { access: "cohorts:read" },
    },
    async (request) => {
      const body = request.body as { definition: unknown; from: string; to?: string };
      return timeline(principalOf(request), body.definition, body);
    },
  );

  app.get(
    "/api/cohorts/:id/timeline",
    {
      schema: {
        tags: ["cohorts"],
        summary: "A saved cohort's size at each month end in your scope (disclosed by role)",
        params: IdParams,
        querystring: CohortTimelineQuery,
        response: { 200: CohortTimelineResponse, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
      config: { access: "cohorts:read" },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const q = request.query as { version?: number; from: string; to?: string };
      const v = await savedVersion(ctx, id, q.version);
      return { cohortId: id, version: v.version, ...(await timeline(principalOf(request), v.definition, q)) };
    },
  );
}
