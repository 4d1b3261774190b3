// The Diagnostics area's planning endpoints: published DM01 returns, the weekly demand
// forecast with its back-test, a scenario's Monte Carlo, mutual aid on the network as it
// stands, and where demand comes from (rates per 1,000 and practices on a funnel plot).
import {
  NetworkValidationError,
  planMutualAid,
  ScenarioValidationError,
  scoreOutturn,
  validateNetwork,
  validateScenario,
} from "@bevan/diagnostics";
import {
  demandRateCells,
  forecastReport,
  MODALITY_NAME,
  NoImagingDataError,
  networkNow,
  practiceReferrals,
  publishedReturns,
  simulateScenario,
} from "@bevan/diagnostics-query";
import { REGISTER_NAMES, type RegisterCode } from "@bevan/domain";
import { funnelLimits, funnelSignificance } from "@bevan/methods";
import { orgNames } from "@bevan/query";
import { keepImagingForecasts, keptImagingForecasts } from "@bevan/state";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { disclose, discloseSeries, disclosureNote, policyFor, shown } from "../../disclosure.ts";
import { HttpError } from "../../http-error.ts";
import { ErrorBody } from "../../schemas.ts";
import { builtAsOf } from "../aggregates.ts";
import {
  ForecastResponse,
  MutualAidQuery,
  MutualAidResponse,
  ReferralsQuery,
  ReferralsResponse,
  ReturnsResponse,
  ScenarioRunBody,
  ScenarioRunResponse,
} from "./schemas.ts";

const responses = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };

async function orNoData<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof NoImagingDataError) throw new HttpError(404, "no_imaging_data", error.message);
    if (error instanceof ScenarioValidationError || error instanceof NetworkValidationError)
      throw new HttpError(400, "invalid_input", error.message);
    throw error;
  }
}

/** Model outputs shown to aggregate audiences are rounded to 5, like the counts they come from. */
const to5 = (x: number, exact: boolean) => (exact ? x : Math.round(x / 5) * 5);

export function diagnosticsPlanningRoutes(app: FastifyInstance, ctx: ApiContext): void {
  // The warehouse is read-only while served, so a scope's forecast is worked out once.
  const forecasts = new Map<string, ReturnType<typeof forecastReport>>();
  app.get(
    "/api/diagnostics/returns",
    {
      schema: {
        tags: ["diagnostics"],
        summary:
          "Published DM01 returns (NHS England provider files): every provider in a month, and the network's trusts over time",
        querystring: Type.Object({ period: Type.Optional(Type.String({ pattern: "^\\d{4}-\\d{2}$" })) }),
        response: { 200: ReturnsResponse, ...responses },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const sw = ctx.scopedFor(principalOf(request));
      const q = request.query as { period?: string };
      const all = await publishedReturns(sw);
      const periods = [...new Set(all.filter((r) => r.share6Plus !== null).map((r) => r.period))].sort();
      const period = q.period ?? periods.at(-1) ?? null;
      const trusts = await sw.aggregate<{ org_code: string }>(
        "SELECT org_code FROM organisation WHERE org_type = 'acute_trust'",
      );
      const mine = new Set(trusts.map((t) => t.org_code));
      return {
        periods,
        period,
        providers: all
          .filter((r) => r.period === period && r.share6Plus !== null && (r.waitingTotal ?? 1) > 0)
          .map((r) => ({
            code: r.providerCode,
            name: r.providerName,
            waiting: r.waitingTotal,
            share: r.share6Plus as number,
          })),
        network: all.filter((r) => mine.has(r.providerCode)),
      };
    },
  );

  app.get(
    "/api/diagnostics/forecast",
    {
      schema: {
        tags: ["diagnostics"],
        summary:
          "Weekly demand forecast for each trust's imaging lists, with 80% and 95% prediction intervals and a back-test",
        querystring: Type.Object({ weeks: Type.Optional(Type.Integer({ minimum: 4, maximum: 104 })) }),
        response: { 200: ForecastResponse, ...responses },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const sw = ctx.scopedFor(principal);
      const asOf = await builtAsOf(sw);
      const weeks = (request.query as { weeks?: number }).weeks ?? 26;
      const scope = JSON.stringify(sw.scope);
      const key = `${scope}|${weeks}`;
      let pending = forecasts.get(key);
      if (!pending) {
        // Each build's forecast is kept as made (first request for an as-of date and scope), so later
        // builds can score it against the weeks that followed.
        pending = forecastReport(sw, asOf, { weeks, seed: 1, draws: 1000 }).then(async (r) => {
          await keepImagingForecasts(ctx.state, asOf, scope, r.lists);
          return r;
        });
        forecasts.set(key, pending);
        pending.catch(() => forecasts.delete(key));
      }
      const report = await orNoData(() => pending);
      const outturn = scoreOutturn(await keptImagingForecasts(ctx.state, scope, asOf), {
        weeks: report.historyWeeks,
        lists: report.lists.map((l) => ({ trust: l.trust, modality: l.modality, counts: l.history })),
      });
      const policy = policyFor(principal, ctx.disclosure);
      const r1 = (x: number) => Math.round(x * 10) / 10;
      const trustNames = await orgNames(sw, [...new Set(report.lists.map((l) => l.trust))]);
      return {
        asOf,
        disclosure: disclosureNote(policy),
        firstWeek: report.firstWeek,
        lists: report.lists.map((l) => {
          const history = discloseSeries(l.history, policy);
          return {
            trust: l.trust,
            trustName: trustNames.get(l.trust) ?? l.trust,
            modality: l.modality,
            name: MODALITY_NAME[l.modality] ?? l.modality,
            history: report.historyWeeks.map((week, i) => ({
              week,
              requests: history[i] ?? { value: null, suppressed: true },
            })),
            forecast: l.forecast.weeks.map((week, i) => ({
              week,
              mean: r1(l.forecast.mean[i] ?? 0),
              p10: l.forecast.p10[i] ?? 0,
              p90: l.forecast.p90[i] ?? 0,
              p025: l.forecast.p025[i] ?? 0,
              p975: l.forecast.p975[i] ?? 0,
            })),
            trendPerYear: l.forecast.model.trendPerYear,
            dispersion: l.forecast.model.dispersion,
          };
        }),
        outturn: {
          origins: [...outturn.origins],
          weeks: outturn.weeks,
          inside80: outturn.inside80,
          inside95: outturn.inside95,
        },
        backtest: {
          covered80: report.backtest.covered80,
          covered95: report.backtest.covered95,
          inside80: report.backtest.inside80,
          weeks: report.backtest.weeks,
          lists: report.backtest.lists,
          origins: [...report.backtest.origins],
          horizon: report.backtest.horizon,
        },
        demographicIndex: { ...report.demographicIndex },
      };
    },
  );

  app.post(
    "/api/diagnostics/scenarios/run",
    {
      schema: {
        tags: ["diagnostics"],
        summary:
          "Run a scenario's seeded Monte Carlo of every imaging list: P10/P50/P90 of list size and share over 6 weeks by month",
        body: ScenarioRunBody,
        response: { 200: ScenarioRunResponse, ...responses },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const sw = ctx.scopedFor(principal);
      const asOf = await builtAsOf(sw);
      const body = request.body as { scenario: unknown; runs?: number; seed?: number };
      const scenario = await orNoData(async () => validateScenario(body.scenario));
      const runs = body.runs ?? 500;
      const result = await orNoData(() =>
        simulateScenario(sw, asOf, scenario, { runs, seed: body.seed ?? 1 }),
      );
      const policy = policyFor(principal, ctx.disclosure);
      const exact = policy === null;
      const band = (b: { p10: number; p50: number; p90: number }) => ({
        p10: to5(b.p10, exact),
        p50: to5(b.p50, exact),
        p90: to5(b.p90, exact),
      });
      return {
        asOf,
        disclosure: disclosureNote(policy),
        name: scenario.name,
        runs,
        seed: result.seed,
        firstWeek: result.firstWeek,
        weeks: result.weeks,
        interimTarget: scenario.interimTarget ?? null,
        series: result.series.map((s) => ({
          level: s.level,
          trust: s.trust,
          modality: s.modality,
          points: s.points.map((p) => ({
            ...p,
            baseline: {
              waiting: to5(p.baseline.waiting, exact),
              over6Share: p.baseline.over6Share,
              over13: to5(p.baseline.over13, exact),
            },
            waiting: band(p.waiting),
            over13: band(p.over13),
          })),
        })),
      };
    },
  );

  const aid = async (
    principal: ReturnType<typeof principalOf>,
    plan: Awaited<ReturnType<typeof planMutualAid>>,
    asOf: string,
  ) => {
    const sw = ctx.scopedFor(principal);
    const policy = policyFor(principal, ctx.disclosure);
    const codes = [
      ...new Set([...plan.transfers.flatMap((t) => [t.from, t.to]), ...plan.trusts.map((t) => t.trust)]),
    ];
    const names = await orgNames(sw, codes);
    const exact = policy === null;
    return {
      asOf,
      disclosure: disclosureNote(policy),
      horizonWeeks: plan.horizonWeeks,
      maxTravelMinutes: plan.maxTravelMinutes,
      breachesBefore: to5(plan.breachesBefore, exact),
      breachesAfter: to5(plan.breachesAfter, exact),
      transfers: plan.transfers.map((t) => ({
        ...t,
        // Fewer than 5 rounds to 0 for aggregate audiences: said as "fewer than 5" (null), not 0.
        patients: exact || t.patients >= 2.5 ? to5(t.patients, exact) : null,
        fromName: names.get(t.from) ?? t.from,
        toName: names.get(t.to) ?? t.to,
      })),
      trusts: plan.trusts.map((t) => ({
        ...t,
        name: names.get(t.trust) ?? t.trust,
        waitingBefore: to5(t.waitingBefore, exact),
        over6Before: to5(t.over6Before, exact),
        waitingAfter: to5(t.waitingAfter, exact),
        over6After: to5(t.over6After, exact),
        gives: to5(t.gives, exact),
        receives: to5(t.receives, exact),
      })),
      solver: plan.solver,
    };
  };

  app.get(
    "/api/diagnostics/mutual-aid",
    {
      schema: {
        tags: ["diagnostics"],
        summary:
          "Mutual aid on the network as it stands: transfers of waiting patients that most reduce breaches within a travel limit",
        querystring: MutualAidQuery,
        response: { 200: MutualAidResponse, ...responses },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const sw = ctx.scopedFor(principal);
      const asOf = await builtAsOf(sw);
      const q = request.query as { maxTravel?: number; horizon?: number };
      const network = await orNoData(() =>
        networkNow(sw, asOf, { maxTravelMinutes: q.maxTravel ?? 45, horizonWeeks: q.horizon ?? 4 }),
      );
      return aid(principal, await planMutualAid(network), asOf);
    },
  );

  app.post(
    "/api/diagnostics/mutual-aid",
    {
      schema: {
        tags: ["diagnostics"],
        summary:
          "Mutual aid on a network described in the request (packages/diagnostics/mutual-aid-network.schema.json)",
        body: Type.Object({ network: Type.Unknown() }),
        response: { 200: MutualAidResponse, ...responses },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const asOf = await builtAsOf(ctx.scopedFor(principal));
      const network = await orNoData(async () =>
        validateNetwork((request.body as { network: unknown }).network),
      );
      return aid(principal, await planMutualAid(network), asOf);
    },
  );

  app.get(
    "/api/diagnostics/referrals",
    {
      schema: {
        tags: ["diagnostics"],
        summary:
          "Where imaging demand comes from: requests per 1,000 by age, sex, deprivation and register; practices' GP direct-access requests against expected on a funnel plot",
        querystring: ReferralsQuery,
        response: { 200: ReferralsResponse, ...responses },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const sw = ctx.scopedFor(principal);
      const asOf = await builtAsOf(sw);
      const modality = (request.query as { modality?: string }).modality;
      if (modality && !MODALITY_NAME[modality])
        throw new HttpError(400, "unknown_modality", `no imaging modality ${modality}`);
      const policy = policyFor(principal, ctx.disclosure);
      const [practices, ...rateSets] = await Promise.all([
        practiceReferrals(sw, asOf, modality),
        ...(["age_band", "sex", "imd_quintile", "register"] as const).map((d) =>
          demandRateCells(sw, asOf, d),
        ),
      ]);
      const obs = disclose(
        practices.map((p) => p.observed),
        policy,
      );
      const reg = disclose(
        practices.map((p) => p.registered),
        policy,
      );
      const names = await orgNames(
        sw,
        practices.map((p) => p.practice),
      );
      // The funnel: observed against expected, from the disclosed counts; practices with a withheld count are left off.
      const plotted = practices.flatMap((p, i) => {
        const o = shown(obs.cells[i]);
        return o !== null && p.expected > 0 ? [{ i, o, e: p.expected }] : [];
      });
      const limits = plotted.length
        ? funnelLimits({
            statistic: "ratio",
            observed: plotted.map((x) => x.o),
            expected: plotted.map((x) => x.e),
            ratioType: "ratio",
          })
        : [];
      const sig = plotted.length
        ? funnelSignificance({
            statistic: "ratio",
            observed: plotted.map((x) => x.o),
            expected: plotted.map((x) => x.e),
            ratioType: "ratio",
          })
        : [];
      const flagOf = new Map(plotted.map((x, k) => [x.i, sig[k]]));
      const rates = (["age_band", "sex", "imd_quintile", "register"] as const).flatMap((dimension, k) => {
        const cells = (rateSets[k] ?? []).filter((c) =>
          modality ? c.modality === modality : c.modality === null,
        );
        const people = rateSets[k]?.filter((c) => c.modality === null) ?? [];
        const req = disclose(
          cells.map((c) => c.requests),
          policy,
        );
        const pop = disclose(
          people.map((c) => c.people),
          policy,
        );
        return cells.map((c, i) => {
          const r = shown(req.cells[i]);
          const j = people.findIndex((p) => p.group === c.group);
          const n = j >= 0 ? shown(pop.cells[j]) : null;
          return {
            dimension,
            group: c.group,
            name: groupName(dimension, c.group),
            requests: req.cells[i] ?? { value: null, suppressed: true },
            people:
              j >= 0
                ? (pop.cells[j] ?? { value: null, suppressed: true })
                : { value: null, suppressed: true },
            per1000: r !== null && n !== null && n > 0 ? Math.round((1000 * r) / n) : null,
          };
        });
      });
      return {
        asOf,
        disclosure: disclosureNote(policy),
        modality: modality ?? null,
        practices: practices.map((p, i) => {
          const o = shown(obs.cells[i]);
          const s = flagOf.get(i);
          return {
            code: p.practice,
            name: names.get(p.practice) ?? p.practice,
            observed: obs.cells[i] ?? { value: null, suppressed: true },
            expected: Math.round(p.expected * 10) / 10,
            registered: reg.cells[i] ?? { value: null, suppressed: true },
            ratio: o !== null && p.expected > 0 ? Math.round((o / p.expected) * 1000) / 1000 : null,
            flag:
              // Beyond the 99.8% limits only (the 95% level is a warning the funnel shows, not a flag).
              s === undefined ? null : s === "High (0.001)" ? "high" : s === "Low (0.001)" ? "low" : "none",
          };
        }),
        limits: limits.map((l) => ({
          lower2s: l.lower2s,
          lower2sExpected: l.lower2sExpected,
          upper2s: l.upper2s,
          upper2sExpected: l.upper2sExpected,
          lower3s: l.lower3s,
          lower3sExpected: l.lower3sExpected,
          upper3s: l.upper3s,
          upper3sExpected: l.upper3sExpected,
        })),
        rates,
      };
    },
  );
}

/** A demand-rate group as people read it: register names, not codes. */
function groupName(dimension: string, group: string): string {
  if (dimension === "register") return REGISTER_NAMES[group as RegisterCode] ?? group;
  if (dimension === "sex") return group === "F" ? "Female" : group === "M" ? "Male" : group;
  if (dimension === "imd_quintile") return `IMD quintile ${group}${group === "1" ? " (most deprived)" : ""}`;
  if (dimension === "age_band") return group.replace("-", "–");
  return group;
}
