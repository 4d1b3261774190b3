// The timeline page: a monthly series for the caller's scope with an XmR chart and the
// Making Data Count variation and assurance icons (@bevan/methods).
import { xmrChart } from "@bevan/methods";
import { monthlySeries, monthsBetween, UnknownMeasureError } from "@bevan/query";
import type { FastifyInstance } from "fastify";
import { principalOf } from "../auth/access.ts";
import type { ApiContext } from "../context.ts";
import { discloseOne, disclosureNote, policyFor, shown } from "../disclosure.ts";
import { HttpError } from "../http-error.ts";
import { ErrorBody } from "../schemas.ts";
import { TimelineQuery, TimelineResponse } from "../schemas-analytics.ts";
import { builtAsOf, scopedTo } from "./aggregates.ts";

const MAX_MONTHS = 120;

export function timelineRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/timeline",
    {
      schema: {
        tags: ["analytics"],
        summary: "A monthly series with an XmR chart and Making Data Count icons",
        querystring: TimelineQuery,
        response: {
          200: TimelineResponse,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          503: ErrorBody,
        },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as { measure: string; from?: string; to?: string; org?: string };
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await builtAsOf(sw);
      // Default: the 24 whole months up to the as-of date's month.
      const to = q.to ?? asOf.slice(0, 7);
      const from = q.from ?? monthsBetween("0001-01", to).slice(-24)[0] ?? to;
      const months = monthsBetween(from, to).length;
      if (months === 0) throw new HttpError(400, "invalid_range", "`from` must not be after `to`");
      if (months > MAX_MONTHS)
        throw new HttpError(400, "invalid_range", `at most ${MAX_MONTHS} months at a time; narrow from/to`);
      let series: Awaited<ReturnType<typeof monthlySeries>>;
      try {
        series = await monthlySeries(sw, q.measure, from, to);
      } catch (error) {
        if (error instanceof UnknownMeasureError) throw new HttpError(400, "unknown_measure", error.message);
        throw error;
      }
      const policy = policyFor(principal, ctx.disclosure);
      const points = series.points.map((p) => {
        const c = discloseOne(p.cell, policy);
        return { month: p.month, value: shown(c), suppressed: c.suppressed };
      });
      const improvement = q.measure.startsWith("register:") ? "neutral" : "decrease";
      const values = points.map((p) => p.value);
      const complete = values.every((v): v is number => v !== null);
      const chart = complete && values.length >= 2 ? xmrChart({ values, improvement }) : null;
      return {
        asOf,
        disclosure: disclosureNote(policy),
        measure: q.measure,
        unit: series.unit,
        from,
        to,
        points,
        spc: chart
          ? {
              chart: "XmR" as const,
              improvement,
              mean: chart.points[0]?.mean ?? 0,
              points: chart.points.map((p, i) => ({
                month: points[i]?.month ?? "",
                mean: p.mean,
                lower: p.lowerLimit,
                upper: p.upperLimit,
                specialCause: p.specialCause,
                pointType: p.pointType,
              })),
              variation: chart.variation,
              assurance: chart.assurance,
            }
          : null,
        spcNote: chart
          ? null
          : "no SPC chart: it needs at least two months and every month's count (a withheld month breaks the series)",
      };
    },
  );
}
