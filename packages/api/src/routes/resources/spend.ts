// Spend and use: spend by point of delivery per organisation, the unit-cost table, needs and
// use against what the age–sex mix predicts (funnel plots), and who uses what. Counts and
// money are disclosed by role; every derived figure is worked out from the disclosed values.
import { spendFlag, spendFunnel } from "@bevan/allocation";
import { funnelLimits, funnelSignificance, poissonLimits } from "@bevan/methods";
import { type Cell, EMPTY_CELL, orgNames, type ScopedWarehouse, type SuppressedCount } from "@bevan/query";
import {
  costGaps,
  costsBuilt,
  groupName,
  type Level,
  needsAndUse,
  POD_NAMES,
  type PointOfDelivery,
  spendByPod,
  storedUnitCosts,
  type UseDimension,
  whoUsesWhat,
} from "@bevan/resources";
import type { FastifyInstance } from "fastify";
import { principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { disclose, discloseOne, disclosureNote, policyFor, shown } from "../../disclosure.ts";
import { HttpError } from "../../http-error.ts";
import { ErrorBody } from "../../schemas.ts";
import { builtAsOf, scopedTo } from "../aggregates.ts";
import { discloseMoney, discloseMoneyBreakdown, MONEY_NOTE, moneyCell } from "./money.ts";
import {
  NeedsQuery,
  NeedsResponse,
  PODS,
  SpendQuery,
  SpendResponse,
  UnitCostsResponse,
  UseQuery,
  UseResponse,
} from "./schemas.ts";

export const RESPONSES = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };
export const ratio = (a: number | null, b: number | null) =>
  a === null || b === null || b === 0 ? null : a / b;
export const NONE: SuppressedCount = { value: null, suppressed: true };

/**
 * Events (spells, attendances) as a cell: `events` published, withheld when fewer than the
 * threshold of `people` had them, perturbed by the key of those people.
 */
export const eventCell = (events: number, people: number, key: number): Cell => ({ n: events, people, key });

/** People as a cell. */
export const peopleCell = (n: number, key: number): Cell => ({ n, key });

/** The costing's as-of date, or a 503 that says how to make it. */
export async function costedAsOf(sw: ScopedWarehouse): Promise<string> {
  const asOf = await builtAsOf(sw);
  const costs = await costsBuilt(sw);
  if (!costs || costs.asOf !== asOf)
    throw new HttpError(
      503,
      "costs_not_built",
      "activity has not been costed for this build yet: run `bevan build`",
    );
  return asOf;
}

export function spendRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/resources/spend",
    {
      schema: {
        tags: ["resources"],
        summary:
          "Spend and activity by point of delivery for each organisation, in the 12 months to the as-of date",
        querystring: SpendQuery,
        response: { 200: SpendResponse, ...RESPONSES },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as { org?: string; level?: Level };
      const level = q.level ?? "practice";
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await costedAsOf(sw);
      const policy = policyFor(principal, ctx.disclosure);
      const [spend, gaps, built] = await Promise.all([
        spendByPod(sw, asOf, level),
        costGaps(sw),
        costsBuilt(sw),
      ]);
      const codes = [...spend.population.keys()].sort();
      const names = await orgNames(sw, codes);
      const pops = disclose(
        codes.map((c) => peopleCell(spend.population.get(c) ?? 0, spend.populationKey.get(c) ?? 0)),
        policy,
      );
      const pods = PODS.filter((p) => spend.cells.some((c) => c.pod === p));
      const units = codes.map((code, i) => {
        const cells = pods.map(
          (p) =>
            spend.cells.find((c) => c.unit === code && c.pod === p) ?? {
              unit: code,
              pod: p,
              people: 0,
              key: 0,
              activity: 0,
              spend: 0,
              top: 0,
            },
        );
        const all = spend.unitTotals.get(code) ?? { ...EMPTY_CELL, people: 0, total: 0, top: 0 };
        const money = discloseMoneyBreakdown(
          cells.map((c) => moneyCell(c.people, c.key, c.spend, c.top)),
          all,
          policy,
        );
        const pop = shown(pops.cells[i]);
        return {
          code,
          name: names.get(code) ?? code,
          population: pops.cells[i] ?? NONE,
          spend: money.total,
          perHead: ratio(money.total.value, pop),
          pointsOfDelivery: cells.map((c, k) => {
            const activity = discloseOne(eventCell(c.activity, c.people, c.key), policy);
            const a = shown(activity);
            return {
              code: c.pod,
              activity,
              spend: money.cells[k] ?? { value: null, suppressed: true },
              perThousand: a === null || pop === null || pop === 0 ? null : (1000 * a) / pop,
            };
          }),
        };
      });
      const totalMoney = discloseMoney(spend.total, policy);
      return {
        asOf,
        disclosure: disclosureNote(policy),
        moneyNote: MONEY_NOTE,
        unitCosts: built?.origin ?? "default",
        level,
        pointsOfDelivery: pods.map((p) => ({
          code: p,
          name: POD_NAMES[p].name,
          activity: POD_NAMES[p].activity,
        })),
        units,
        total: {
          population: pops.total,
          spend: totalMoney,
          perHead: ratio(totalMoney.value, shown(pops.total)),
        },
        notPriced: gaps.map((g) => ({
          pointOfDelivery: g.pointOfDelivery,
          currency: g.currency,
          activity: discloseOne(g.activity, policy),
          reason: g.reason,
        })),
      };
    },
  );

  app.get(
    "/api/resources/unit-costs",
    {
      schema: {
        tags: ["resources"],
        summary: "The unit-cost table the build priced activity with, every figure with its source",
        response: { 200: UnitCostsResponse, 401: ErrorBody, 403: ErrorBody, 503: ErrorBody },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const sw = ctx.scopedFor(principalOf(request));
      await costedAsOf(sw);
      const rows = await storedUnitCosts(sw);
      return { origin: rows[0]?.origin ?? "default", rows: rows.map(({ origin: _, ...r }) => r) };
    },
  );

  app.get(
    "/api/resources/needs",
    {
      schema: {
        tags: ["resources"],
        summary:
          "Activity or spend per head against what each unit's age–sex mix predicts (O/E), for a funnel plot",
        querystring: NeedsQuery,
        response: { 200: NeedsResponse, ...RESPONSES },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as {
        org?: string;
        level?: Level;
        pod?: PointOfDelivery | "all";
        measure?: "activity" | "spend";
      };
      const level = q.level ?? "practice";
      const pod = q.pod ?? "all";
      const measure = q.measure ?? "spend";
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await costedAsOf(sw);
      const policy = policyFor(principal, ctx.disclosure);
      const r = await needsAndUse(sw, asOf, level, pod);
      const names = await orgNames(
        sw,
        r.units.map((u) => u.code),
      );
      const pops = disclose(
        r.units.map((u) => peopleCell(u.population, u.populationKey)),
        policy,
      );
      const observed = r.units.map((u) =>
        measure === "activity"
          ? discloseOne(eventCell(u.events, u.people, u.peopleKey), policy)
          : discloseMoney(moneyCell(u.people, u.peopleKey, u.spend, u.topSpend), policy),
      );
      const expectedOf = (i: number) =>
        (measure === "activity" ? r.units[i]?.expectedEvents : r.units[i]?.expectedSpend) ?? 0;
      const plotted = r.units.flatMap((_, i) =>
        shown(observed[i] as SuppressedCount) !== null && expectedOf(i) > 0 ? [i] : [],
      );
      const obs = (i: number) => shown(observed[i] as SuppressedCount) ?? 0;
      const limits = { lower95: [], upper95: [], lower998: [], upper998: [] } as Record<
        "lower95" | "upper95" | "lower998" | "upper998",
        { x: number; y: number }[]
      >;
      const flags = new Map<number, { flag: "high" | "low" | "none"; beyond95: boolean }>();
      if (plotted.length > 0) {
        if (measure === "activity") {
          const o = plotted.map(obs);
          const e = plotted.map(expectedOf);
          for (const row of funnelLimits({
            statistic: "ratio",
            observed: o,
            expected: e,
            ratioType: "ratio",
          })) {
            limits.lower95.push({ x: row.lower2sExpected, y: row.lower2s });
            limits.upper95.push({ x: row.upper2sExpected, y: row.upper2s });
            limits.lower998.push({ x: row.lower3sExpected, y: row.lower3s });
            limits.upper998.push({ x: row.upper3sExpected, y: row.upper3s });
          }
          funnelSignificance({ statistic: "ratio", observed: o, expected: e, ratioType: "ratio" }).forEach(
            (s, k) => {
              flags.set(plotted[k] ?? -1, {
                flag: s.startsWith("High (0.001)") ? "high" : s.startsWith("Low (0.001)") ? "low" : "none",
                beyond95: s !== "Not significant",
              });
            },
          );
        } else {
          const es = plotted.map(expectedOf);
          const from = Math.min(...es) / 2;
          const to = Math.max(...es) * 1.2;
          for (const p of spendFunnel(r.varianceToMean, from, to)) {
            limits.lower95.push({ x: p.expected, y: p.lower95 });
            limits.upper95.push({ x: p.expected, y: p.upper95 });
            limits.lower998.push({ x: p.expected, y: p.lower998 });
            limits.upper998.push({ x: p.expected, y: p.upper998 });
          }
          for (const i of plotted) {
            const f = spendFlag(obs(i), expectedOf(i), r.units[i]?.spendVariance ?? 0);
            flags.set(i, { flag: f === "high" || f === "low" ? f : "none", beyond95: f !== "none" });
          }
        }
      }
      const overallObserved =
        measure === "activity"
          ? discloseOne(eventCell(r.total.events, r.total.people, r.total.peopleKey), policy)
          : discloseMoney(
              moneyCell(r.total.people, r.total.peopleKey, r.total.spend, r.total.topSpend),
              policy,
            );
      return {
        asOf,
        disclosure: disclosureNote(policy),
        moneyNote: MONEY_NOTE,
        level,
        pod,
        podName: pod === "all" ? "All points of delivery" : POD_NAMES[pod].name,
        measure,
        units: r.units.map((u, i) => {
          const o = shown(observed[i] as SuppressedCount);
          const e = expectedOf(i);
          const pop = shown(pops.cells[i]);
          let ci: { lower: number; upper: number } | null = null;
          if (o !== null && e > 0) {
            if (measure === "activity") {
              const [lo, hi] = poissonLimits(o, 0.95);
              ci = { lower: (lo ?? 0) / e, upper: hi / e };
            } else {
              const half = 1.959963984540054 * Math.sqrt(u.spendVariance);
              ci = { lower: Math.max(0, o - half) / e, upper: (o + half) / e };
            }
          }
          const f = flags.get(i);
          return {
            code: u.code,
            name: names.get(u.code) ?? u.code,
            population: pops.cells[i] ?? NONE,
            observed: observed[i] ?? NONE,
            expected: e > 0 ? e : null,
            crudePerThousand:
              o === null || pop === null || pop === 0
                ? null
                : (measure === "activity" ? 1000 : 1) * (o / pop),
            ratio: o === null || e <= 0 ? null : o / e,
            ci95: ci,
            flag: f?.flag ?? null,
            beyond95: f?.beyond95 ?? null,
          };
        }),
        overall: {
          population: pops.total,
          observed: overallObserved,
          crudePerThousand: (() => {
            const o = shown(overallObserved as SuppressedCount);
            const p = shown(pops.total);
            return o === null || p === null || p === 0 ? null : (measure === "activity" ? 1000 : 1) * (o / p);
          })(),
        },
        limits,
      };
    },
  );

  app.get(
    "/api/resources/use",
    {
      schema: {
        tags: ["resources"],
        summary: "Who uses what: people and spend by risk tier, segment, register, deprivation or age",
        querystring: UseQuery,
        response: { 200: UseResponse, ...RESPONSES },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as { org?: string; by?: UseDimension };
      const by = q.by ?? "imd_quintile";
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await costedAsOf(sw);
      const policy = policyFor(principal, ctx.disclosure);
      const r = await whoUsesWhat(sw, asOf, by);
      const people = disclose(
        r.groups.map((g) => peopleCell(g.people, g.peopleKey)),
        policy,
      );
      // Register groups overlap (one person, several registers): each is disclosed on its own.
      const total = moneyCell(r.total.users, r.total.usersKey, r.total.spend, r.total.top);
      const groupMoney = r.groups.map((g) => moneyCell(g.users, g.usersKey, g.spend, g.top));
      const money =
        by === "register"
          ? { cells: groupMoney.map((m) => discloseMoney(m, policy)), total: discloseMoney(total, policy) }
          : discloseMoneyBreakdown(groupMoney, total, policy);
      const totalPeople =
        by === "register" ? discloseOne(peopleCell(r.total.people, r.total.peopleKey), policy) : people.total;
      return {
        asOf,
        disclosure: disclosureNote(policy),
        moneyNote: MONEY_NOTE,
        by,
        unavailable: r.unavailable,
        groups: r.groups.map((g, i) => {
          const n = shown(people.cells[i]);
          const s = money.cells[i] ?? { value: null, suppressed: true };
          return {
            group: g.group,
            name: groupName(by, g.group),
            people: people.cells[i] ?? NONE,
            spend: s,
            perHead: ratio(s.value, n),
            peopleShare: ratio(n, shown(totalPeople)),
            spendShare: ratio(s.value, money.total.value),
          };
        }),
        total: { people: totalPeople, spend: money.total },
      };
    },
  );
}
