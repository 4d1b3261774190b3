// Unwarranted variation: practices (or PCNs) in the caller's scope on a funnel plot for an
// indicator, with 95% and 99.8% limits around the pooled rate (@bevan/methods, PHE method).
import { funnelLimits, funnelSignificance } from "@bevan/methods";
import {
  addCells,
  type Cell,
  EMPTY_CELL,
  indicator,
  indicatorCatalogue,
  indicatorCells,
  orgNames,
  practicesInScope,
  UnknownIndicatorError,
} from "@bevan/query";
import type { FastifyInstance } from "fastify";
import { principalOf } from "../auth/access.ts";
import type { ApiContext } from "../context.ts";
import { disclose, disclosureNote, policyFor, shown } from "../disclosure.ts";
import { HttpError } from "../http-error.ts";
import { keepsRow, keyedPracticeCache } from "../practice-cache.ts";
import { ErrorBody } from "../schemas.ts";
import { IndicatorsResponse, VariationQuery, VariationResponse } from "../schemas-analytics.ts";
import { builtAsOf, scopedTo } from "./aggregates.ts";

const NONE = { value: null, suppressed: true };

export function indicatorOr400(id: string) {
  try {
    return indicator(id);
  } catch (error) {
    if (error instanceof UnknownIndicatorError) throw new HttpError(400, "unknown_indicator", error.message);
    throw error;
  }
}

export function variationRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const cells = keyedPracticeCache(ctx, (ics, id) => indicatorCells(ics, indicator(id), null));
  app.get(
    "/api/indicators",
    {
      schema: {
        tags: ["analytics"],
        summary: "The indicators /api/variation and /api/inequalities accept",
        response: { 200: IndicatorsResponse, 401: ErrorBody, 403: ErrorBody },
      },
      config: { access: "aggregates:read" },
    },
    async () => ({ indicators: indicatorCatalogue() }),
  );

  app.get(
    "/api/variation",
    {
      schema: {
        tags: ["analytics"],
        summary: "Funnel plot of an indicator across practices or PCNs, with 95% and 99.8% limits",
        querystring: VariationQuery,
        response: {
          200: VariationResponse,
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
      const q = request.query as { indicator: string; level?: "practice" | "pcn"; org?: string };
      const level = q.level ?? "practice";
      const ind = indicatorOr400(q.indicator);
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await builtAsOf(sw);
      const [all, mine] = await Promise.all([cells(asOf, ind.id), practicesInScope(sw)]);
      const units = new Map<string, { group: string; numerator: Cell; denominator: Cell }>();
      const keep = keepsRow(principal, mine);
      for (const c of all) {
        const unit = level === "practice" ? c.practice : c.pcn;
        if (!keep(c) || unit === null) continue;
        const u = units.get(unit) ?? { group: unit, numerator: EMPTY_CELL, denominator: EMPTY_CELL };
        units.set(unit, {
          group: unit,
          numerator: addCells(u.numerator, c.numerator),
          denominator: addCells(u.denominator, c.denominator),
        });
      }
      const rows = [...units.values()].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
      const names = await orgNames(
        sw,
        rows.map((r) => r.group),
      );
      const policy = policyFor(principal, ctx.disclosure);
      const num = disclose(
        rows.map((r) => r.numerator),
        policy,
      );
      const den = disclose(
        rows.map((r) => r.denominator),
        policy,
      );
      // The funnel is drawn from the counts the caller may see: units with a withheld count are left out.
      const plotted: number[] = [];
      rows.forEach((_, i) => {
        const n = shown(num.cells[i]);
        const d = shown(den.cells[i]);
        if (n !== null && d !== null && d > 0 && n <= d) plotted.push(i);
      });
      const numerators = plotted.map((i) => shown(num.cells[i]) as number);
      const denominators = plotted.map((i) => shown(den.cells[i]) as number);
      const limits =
        plotted.length > 0
          ? funnelLimits({ statistic: "proportion", numerators, denominators, multiplier: 1 })
          : [];
      const significance =
        plotted.length > 0 ? funnelSignificance({ statistic: "proportion", numerators, denominators }) : [];
      const flagOf = new Map(plotted.map((unit, k) => [unit, significance[k]]));
      return {
        asOf,
        disclosure: disclosureNote(policy),
        indicator: ind.id,
        indicatorName: ind.name,
        level,
        overall: { numerator: num.total, denominator: den.total, rate: limits[0]?.baseline ?? null },
        units: rows.map((r, i) => {
          const s = flagOf.get(i);
          const n = shown(num.cells[i]);
          const d = shown(den.cells[i]);
          return {
            code: r.group,
            name: names.get(r.group) ?? r.group,
            numerator: num.cells[i] ?? NONE,
            denominator: den.cells[i] ?? NONE,
            rate: s === undefined || n === null || d === null ? null : n / d,
            flag:
              s === undefined
                ? null
                : s.startsWith("High (0.001)")
                  ? "high"
                  : s.startsWith("Low (0.001)")
                    ? "low"
                    : "none",
            beyond95: s === undefined ? null : s !== "Not significant",
          } as const;
        }),
        limits: limits.map((l) => ({
          denominator: l.population,
          lower95: l.lower2s,
          upper95: l.upper2s,
          lower998: l.lower3s,
          upper998: l.upper3s,
        })),
      };
    },
  );
}
