// The performance dashboard for the network, a trust, a site or a modality: monthly and
// weekly DM01-style censuses with XmR charts and Making Data Count icons against the 1%
// standard and an interim target, the spread of waits, the units below it, the queue
// formulas for it, and published DM01 returns for its trusts. Counts are disclosed by role;
// shares come from the disclosed counts; wait centiles only for lists of 20 or more.

import { planList } from "@bevan/diagnostics";
import {
  bandCellsAt,
  type CensusCells,
  type CensusFigures,
  censusCellsAt,
  censusFigures,
  imagingCensus,
  imagingCensusAt,
  MODALITY_NAME,
  monthEnds,
  networkHistory,
  publishedReturns,
} from "@bevan/diagnostics-query";
import { assuranceIcon, xmrChart } from "@bevan/methods";
import { addCells, type Cell, EMPTY_CELL, type ScopedWarehouse } from "@bevan/query";
import type { FastifyInstance } from "fastify";
import { principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { discloseOne, disclosureNote, policyFor, shown } from "../../disclosure.ts";
import { HttpError } from "../../http-error.ts";
import { ErrorBody } from "../../schemas.ts";
import { builtAsOf } from "../aggregates.ts";
import { DashboardQuery, DashboardResponse } from "./schemas.ts";

export const STANDARD = 0.01;
const DEFAULT_INTERIM = 0.05;
const CENTILES_FROM = 20;

type Policy = ReturnType<typeof policyFor>;

/**
 * A census's figures through the caller's policy: from its cells (distinct people with their
 * record keys) when there are cells, else from the counts (the floor: withhold 1–7, round to 5).
 */
export function disclosedFigures(
  f: CensusFigures,
  policy: Policy,
  cells?: { waiting: Cell; over6: Cell; over13: Cell },
) {
  const waiting = discloseOne(cells?.waiting ?? f.waiting, policy);
  const over6 = discloseOne(cells?.over6 ?? f.over6, policy);
  const over13 = discloseOne(cells?.over13 ?? f.over13, policy);
  const w = shown(waiting);
  const o = shown(over6);
  const centiles = policy === null || (w !== null && w >= CENTILES_FROM);
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  return {
    waiting,
    over6,
    over13,
    share: w !== null && o !== null && w > 0 ? Math.min(1, o / w) : null,
    medianWeeks: centiles ? round(f.medianWeeks) : null,
    p92Weeks: centiles ? round(f.p92Weeks) : null,
  };
}

function spcOf(
  labels: readonly string[],
  values: readonly (number | null)[],
  interim: number,
  improvement: "decrease",
) {
  if (values.length < 2 || values.some((v) => v === null)) return null;
  const chart = xmrChart({ values: values as number[], improvement, target: STANDARD });
  const last = chart.points.at(-1);
  return {
    chart: "XmR" as const,
    improvement,
    points: chart.points.map((p, i) => ({
      label: labels[i] ?? "",
      value: p.value,
      mean: p.mean,
      lower: p.lowerLimit,
      upper: p.upperLimit,
      pointType: p.pointType,
    })),
    variation: chart.variation,
    assuranceStandard: chart.assurance,
    assuranceInterim: last
      ? assuranceIcon(interim, { lower: last.lowerLimit, upper: last.upperLimit }, improvement)
      : null,
  };
}

function monthsBack(to: string, n: number): string {
  const y = Number(to.slice(0, 4));
  const m = Number(to.slice(5, 7)) - (n - 1);
  const d = new Date(Date.UTC(y, m - 1, 1));
  return d.toISOString().slice(0, 7);
}

const sundaysBack = (asOf: string, n: number) => {
  const day = Math.floor(Date.parse(`${asOf}T00:00:00Z`) / 86_400_000);
  const last = day - new Date(day * 86_400_000).getUTCDay();
  return Array.from({ length: n }, (_, i) =>
    new Date((last - 7 * (n - 1 - i)) * 86_400_000).toISOString().slice(0, 10),
  );
};

async function names(sw: ScopedWarehouse): Promise<Map<string, string>> {
  const rows = await sw.aggregate<{ org_code: string; org_name: string }>(
    "SELECT org_code, org_name FROM organisation WHERE org_type IN ('acute_trust', 'site')",
  );
  return new Map(rows.map((r) => [r.org_code, r.org_name]));
}

export function diagnosticsDashboardRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/diagnostics/dashboard",
    {
      schema: {
        tags: ["diagnostics"],
        summary:
          "Imaging waiting lists against the 6-week standard for the network, a trust, site or modality",
        querystring: DashboardQuery,
        response: {
          200: DashboardResponse,
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
      const q = request.query as {
        trust?: string;
        site?: string;
        modality?: string;
        from?: string;
        to?: string;
        interim?: number;
      };
      const sw = ctx.scopedFor(principal);
      const asOf = await builtAsOf(sw);
      const interim = q.interim ?? DEFAULT_INTERIM;
      const to = q.to ?? asOf.slice(0, 7);
      const from = q.from ?? monthsBack(to, 24);
      if (from > to) throw new HttpError(400, "invalid_range", "`from` must not be after `to`");
      if (monthsBack(to, 61) >= from)
        throw new HttpError(400, "invalid_range", "at most 60 months at a time; narrow from/to");
      if (q.modality && !MODALITY_NAME[q.modality])
        throw new HttpError(
          400,
          "unknown_modality",
          `no imaging modality ${q.modality}: use MR, CT, US, BMD, RF or CR`,
        );
      const orgs = await names(sw);
      if (q.trust && !orgs.has(q.trust)) throw new HttpError(404, "not_found", `no trust ${q.trust}`);
      // A caller scoped to trusts alone sees those trusts: another trust is outside their scope.
      const trusts = principal.scopes.filter((g) => g.level === "trust").map((g) => g.code);
      const trustOnly = trusts.length > 0 && trusts.length === principal.scopes.length;
      if (q.trust && trustOnly && !trusts.includes(q.trust))
        throw new HttpError(404, "not_found", `trust ${q.trust} is outside your scope`);
      if (q.site && !orgs.has(q.site)) throw new HttpError(404, "not_found", `no site ${q.site}`);
      const policy = policyFor(principal, ctx.disclosure);
      const unitDims = [
        ...(q.trust ? (["trust"] as const) : []),
        ...(q.site ? (["site"] as const) : []),
        ...(q.modality ? (["modality"] as const) : []),
      ];
      // Below a unit: the network's trusts; a trust's modalities and sites; a site's modalities; a trust modality's sites.
      const childDims: ("trust" | "site" | "modality")[] =
        !q.trust && !q.site
          ? ["trust"]
          : q.site
            ? q.modality
              ? []
              : ["modality"]
            : q.modality
              ? ["site"]
              : ["modality", "site"];
      const match = (r: { trust: string | null; site: string | null; modality: string | null }) =>
        (!q.trust || r.trust === q.trust) &&
        (!q.site || r.site === q.site) &&
        (!q.modality || r.modality === q.modality);
      const sumWeeks = (rows: { weeks: readonly number[] }[]) => {
        const w = Array(rows[0]?.weeks.length ?? 53).fill(0) as number[];
        for (const r of rows)
          r.weeks.forEach((n, k) => {
            w[k] = (w[k] ?? 0) + n;
          });
        return w;
      };
      const sundays = sundaysBack(asOf, 26);
      const [monthly, weekly, children, history] = await Promise.all([
        imagingCensus(sw, { from, to, by: unitDims }),
        imagingCensusAt(sw, sundays, { by: unitDims }),
        childDims.length
          ? imagingCensus(sw, { from, to, by: [...new Set([...unitDims, ...childDims])] })
          : Promise.resolve([]),
        networkHistory(sw, asOf),
      ]);
      const allMonths: string[] = [];
      for (let m = from; m <= to; m = nextMonth(m)) allMonths.push(m);
      // Cells (distinct people with their record keys) for the cell-key method; a caller scoped to
      // trusts alone reaches no one's record key, so gets the counts with the floor instead.
      const policyNow = policyFor(principal, ctx.disclosure);
      const useCells = policyNow !== null && principal.scopes.some((g) => g.level !== "trust");
      const ends = monthEnds(from, to).map((m) => m.date);
      const childBy = [...new Set([...unitDims, ...childDims])];
      const [mCells, wCells, cCells, bCells] = useCells
        ? await Promise.all([
            censusCellsAt(sw, ends, unitDims),
            censusCellsAt(sw, sundays, unitDims),
            childDims.length ? censusCellsAt(sw, ends, childBy) : Promise.resolve([]),
            bandCellsAt(sw, ends.at(-1) ?? asOf, unitDims),
          ])
        : [[], [], [], []];
      const cellsOf = (rows: readonly CensusCells[], date: string, pick: (r: CensusCells) => boolean) => {
        if (!useCells) return undefined;
        const m = rows.filter((r) => r.date === date && match(r) && pick(r));
        return {
          waiting: addCells(EMPTY_CELL, ...m.map((r) => r.waiting)),
          over6: addCells(EMPTY_CELL, ...m.map((r) => r.over6)),
          over13: addCells(EMPTY_CELL, ...m.map((r) => r.over13)),
        };
      };
      const endOf = (month: string) => ends[allMonths.indexOf(month)] ?? "";
      const monthFigures = allMonths.map((month) =>
        censusFigures(sumWeeks(monthly.filter((r) => r.month === month && match(r)))),
      );
      // Requests joining the list and tests done, by month, for the unit's trusts and modalities (sites share their trust's).
      const flows = new Map<string, { requests: number; tests: number }>();
      if (history && !q.site)
        for (const l of history.lists) {
          if ((q.trust && l.trust !== q.trust) || (q.modality && l.modality !== q.modality)) continue;
          history.weeks.forEach((w, i) => {
            const m = w.slice(0, 7);
            const e = flows.get(m) ?? { requests: 0, tests: 0 };
            e.requests += l.requests[i] ?? 0;
            e.tests += l.tests[i] ?? 0;
            flows.set(m, e);
          });
        }
      const monthsOut = allMonths.map((month, i) => {
        const f = flows.get(month);
        return {
          month,
          requests: f ? discloseOne(f.requests, policy) : null,
          tests: f ? discloseOne(f.tests, policy) : null,
          ...disclosedFigures(
            monthFigures[i] as CensusFigures,
            policy,
            cellsOf(mCells, endOf(month), () => true),
          ),
        };
      });
      const weeksOut = sundays.map((date) => ({
        date,
        ...disclosedFigures(
          censusFigures(sumWeeks(weekly.filter((r) => r.date === date && match(r)))),
          policy,
          cellsOf(wCells, date, () => true),
        ),
      }));
      const latest = monthFigures.at(-1);
      const latestWeeks = sumWeeks(monthly.filter((r) => r.month === to && match(r)));
      const bands = [...Array(13).keys()].map((k) => ({
        band: `${k}–${k + 1} weeks`,
        n: latestWeeks[k] ?? 0,
      }));
      bands.push({ band: "13 weeks or more", n: latestWeeks.slice(13).reduce((a, b) => a + b, 0) });
      // For a trust, its modalities and its sites are separate groupings of the same lists.
      const childGroups: {
        kind: string;
        trust: string | null;
        site: string | null;
        modality: string | null;
        rows: typeof children;
      }[] = [];
      const add = (
        kind: string,
        key: (r: (typeof children)[number]) => string,
        pick: (r: (typeof children)[number]) => {
          trust: string | null;
          site: string | null;
          modality: string | null;
        },
      ) => {
        const groups = new Map<string, (typeof children)[number][]>();
        for (const r of children) if (match(r)) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
        for (const rows of groups.values())
          childGroups.push({ kind, ...pick(rows[0] as (typeof children)[number]), rows });
      };
      if (!q.trust && !q.site)
        add(
          "trust",
          (r) => r.trust ?? "",
          (r) => ({ trust: r.trust, site: null, modality: null }),
        );
      else if (q.site && !q.modality)
        add(
          "modality",
          (r) => r.modality ?? "",
          (r) => ({ trust: q.trust ?? r.trust, site: q.site ?? null, modality: r.modality }),
        );
      else if (q.trust && q.modality && !q.site)
        add(
          "site",
          (r) => r.site ?? "",
          (r) => ({ trust: q.trust ?? null, site: r.site, modality: q.modality ?? null }),
        );
      else if (q.trust && !q.site) {
        add(
          "modality",
          (r) => r.modality ?? "",
          (r) => ({ trust: q.trust ?? null, site: null, modality: r.modality }),
        );
        add(
          "site",
          (r) => r.site ?? "",
          (r) => ({ trust: q.trust ?? null, site: r.site, modality: null }),
        );
      }
      const childrenOut = childGroups
        .map((g) => {
          const mine = (r: CensusCells) =>
            g.kind === "trust"
              ? r.trust === g.trust
              : g.kind === "site"
                ? r.site === g.site
                : r.modality === g.modality;
          const series = allMonths.map((month) =>
            disclosedFigures(
              censusFigures(sumWeeks(g.rows.filter((r) => r.month === month))),
              policy,
              cellsOf(cCells, endOf(month), mine),
            ),
          );
          const spc = spcOf(
            allMonths,
            series.map((s) => s.share),
            interim,
            "decrease",
          );
          const name =
            g.kind === "trust"
              ? (orgs.get(g.trust ?? "") ?? g.trust ?? "")
              : g.kind === "site"
                ? (orgs.get(g.site ?? "") ?? g.site ?? "")
                : (MODALITY_NAME[g.modality ?? ""] ?? g.modality ?? "");
          return {
            kind: g.kind,
            trust: g.trust,
            site: g.site,
            modality: g.modality,
            name,
            variation: spc?.variation ?? null,
            assuranceStandard: spc?.assuranceStandard ?? null,
            assuranceInterim: spc?.assuranceInterim ?? null,
            ...(series.at(-1) ?? disclosedFigures(censusFigures([]), policy)),
          };
        })
        .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
      // The queue formulas for the unit: demand and capacity over the last 13 weeks of data.
      let plan = null;
      if (history && latest && !q.site) {
        const lists = history.lists.filter(
          (l) => (!q.trust || l.trust === q.trust) && (!q.modality || l.modality === q.modality),
        );
        const last13 = (xs: number[]) => xs.slice(-13).reduce((a, b) => a + b, 0) / 13;
        const demand = lists.reduce((a, l) => a + last13(l.requests), 0);
        const capacity = lists.reduce(
          (a, l) => a + Math.max(0, last13(l.capacity) - last13(l.otherTests)),
          0,
        );
        const waiting = shown(discloseOne(latest.waiting, policy));
        if (waiting !== null && demand > 0 && capacity > 0) {
          const p = planList({
            demandPerWeek: demand,
            capacityPerWeek: capacity,
            waiting,
            targetWeeks: 6,
            breachProbability: STANDARD,
            clearWeeks: 26,
          });
          const r = (x: number) => Math.round(x * 10) / 10;
          plan = {
            demandPerWeek: r(demand),
            capacityPerWeek: r(capacity),
            load: Math.round(p.load * 1000) / 1000,
            targetListSize: Math.round(p.targetListSize),
            targetCapacityPerWeek: r(p.targetCapacityPerWeek),
            reliefCapacityPerWeek: r(p.reliefCapacityPerWeek),
            weeksToTargetAtCurrentCapacity:
              p.weeksToTargetAtCurrentCapacity === null ? null : Math.round(p.weeksToTargetAtCurrentCapacity),
            breachProbability: STANDARD,
            clearWeeks: 26,
          };
        }
      }
      const trustCodes = q.trust
        ? [q.trust]
        : [...new Set(children.map((r) => r.trust).filter((t): t is string => t !== null))];
      const published = await publishedReturns(sw, trustCodes.length ? trustCodes : undefined);
      const shares = monthsOut.map((m) => m.share);
      const shareSpc = spcOf(allMonths, shares, interim, "decrease");
      const waitingSpc = (() => {
        const v = monthsOut.map((m) => shown(m.waiting));
        if (v.length < 2 || v.some((x) => x === null)) return null;
        const c = xmrChart({ values: v as number[], improvement: "decrease" });
        return {
          chart: "XmR" as const,
          improvement: "decrease",
          points: c.points.map((p, i) => ({
            label: allMonths[i] ?? "",
            value: p.value,
            mean: p.mean,
            lower: p.lowerLimit,
            upper: p.upperLimit,
            pointType: p.pointType,
          })),
          variation: c.variation,
          assuranceStandard: null,
          assuranceInterim: null,
        };
      })();
      return {
        asOf,
        disclosure: disclosureNote(policy),
        standard: STANDARD,
        interimTarget: interim,
        unit: {
          level: q.site ? "site" : q.trust ? "trust" : "network",
          trust: q.trust ?? null,
          site: q.site ?? null,
          modality: q.modality ?? null,
          name: [
            q.site
              ? orgs.get(q.site)
              : q.trust
                ? orgs.get(q.trust)
                : trustOnly
                  ? `The imaging network in your scope: ${trusts.map((t) => orgs.get(t) ?? t).join(", ")}`
                  : "The imaging network",
            q.modality ? MODALITY_NAME[q.modality] : null,
          ]
            .filter(Boolean)
            .join(": "),
        },
        months: monthsOut,
        weeks: weeksOut,
        spc: {
          share: shareSpc,
          waiting: waitingSpc,
          weeklyShare: spcOf(
            sundays,
            weeksOut.map((w) => w.share),
            interim,
            "decrease",
          ),
        },
        spcNote: shareSpc
          ? null
          : "no SPC chart: it needs every month's counts (a withheld month breaks the series)",
        distribution: bands.map((b, k) => ({
          band: b.band,
          count: discloseOne(
            useCells
              ? addCells(EMPTY_CELL, ...bCells.filter((x) => x.band === k && match(x)).map((x) => x.cell))
              : b.n,
            policy,
          ),
        })),
        children: childrenOut,
        plan,
        published,
      };
    },
  );
}

function nextMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
}
