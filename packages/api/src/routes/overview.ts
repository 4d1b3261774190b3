// The population overview's data: pyramid, every register's prevalence against the ICS, and
// multimorbidity, for the caller's scope (optionally one organisation in it), disclosed by role.
import { wilsonLower, wilsonUpper } from "@bevan/methods";
import {
  addCells,
  allRegisterPrevalenceByPractice,
  type Cell,
  CONDITION_GROUPS,
  type DisclosurePolicy,
  EMPTY_CELL,
  multimorbidityByPractice,
  populationPyramid,
  practicesInScope,
  type RegisterPrevalence,
  registerCatalogue,
} from "@bevan/query";
import type { FastifyInstance } from "fastify";
import { principalOf } from "../auth/access.ts";
import type { ApiContext } from "../context.ts";
import { disclose, discloseOne, disclosureNote, policyFor, shown } from "../disclosure.ts";
import { keepsRow, practiceCache } from "../practice-cache.ts";
import { ErrorBody } from "../schemas.ts";
import {
  AnalyticsOrgQuery,
  MultimorbidityResponse,
  PrevalenceAllResponse,
  PyramidResponse,
} from "../schemas-analytics.ts";
import { builtAsOf, scopedTo } from "./aggregates.ts";

const RESPONSES = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };
const NONE = { value: null, suppressed: true };

/** A proportion and its Wilson 95% interval from disclosed counts; null when either is withheld. */
export function proportionOf(num: number | null, den: number | null) {
  if (num === null || den === null || den <= 0 || num > den) return { rate: null, ci95: null };
  return {
    rate: num / den,
    ci95: { lower: wilsonLower(num, den, 0.95), upper: wilsonUpper(num, den, 0.95) },
  };
}

/** How the caller's figure compares with a reference value: outside its 95% interval or not. */
export function compareWith(
  ci: { lower: number; upper: number } | null,
  reference: number | null,
): "higher" | "lower" | "similar" | null {
  if (!ci || reference === null) return null;
  if (reference < ci.lower) return "higher";
  if (reference > ci.upper) return "lower";
  return "similar";
}

export function overviewRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/population/pyramid",
    {
      schema: {
        tags: ["analytics"],
        summary: "Registered population by five-year age band and sex (the population pyramid)",
        querystring: AnalyticsOrgQuery,
        response: { 200: PyramidResponse, ...RESPONSES },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as { org?: string };
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await builtAsOf(sw);
      const pyramid = await populationPyramid(sw);
      const policy = policyFor(principal, ctx.disclosure);
      const d = disclose([...pyramid.bands.flatMap((b) => [b.female, b.male]), pyramid.otherSex], policy);
      return {
        asOf,
        disclosure: disclosureNote(policy),
        total: d.total,
        bands: pyramid.bands.map((b, i) => ({
          band: b.band,
          female: d.cells[2 * i] ?? NONE,
          male: d.cells[2 * i + 1] ?? NONE,
        })),
        otherSex: d.cells[2 * pyramid.bands.length] ?? NONE,
      };
    },
  );

  // Per practice for the whole ICS, once: the caller's figures are sums over their practices,
  // and the ICS-wide reference is the sum over all of them (an aggregate shown to every role
  // through the configured suppression, as on the public status page).
  const prevalenceByPractice = practiceCache(ctx, (ics) => allRegisterPrevalenceByPractice(ics));
  const multimorbidityCache = practiceCache(ctx, (ics) => multimorbidityByPractice(ics));
  const sumRegisters = (
    rows: readonly (RegisterPrevalence & { practice: string; opted: boolean })[],
    keep: (r: { practice: string; opted: boolean }) => boolean,
  ) => {
    const out = new Map<string, RegisterPrevalence>();
    for (const r of rows) {
      if (!keep(r)) continue;
      const o = out.get(r.code);
      out.set(r.code, {
        code: r.code,
        name: r.name,
        minAge: r.minAge,
        numerator: addCells(o?.numerator ?? EMPTY_CELL, r.numerator),
        denominator: addCells(o?.denominator ?? EMPTY_CELL, r.denominator),
      });
    }
    return out;
  };

  app.get(
    "/api/prevalence/all",
    {
      schema: {
        tags: ["analytics"],
        summary: "Every register's prevalence with Wilson 95% intervals, against the ICS-wide figure",
        querystring: AnalyticsOrgQuery,
        response: { 200: PrevalenceAllResponse, ...RESPONSES },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as { org?: string };
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await builtAsOf(sw);
      const [byPractice, mine] = await Promise.all([prevalenceByPractice(asOf), practicesInScope(sw)]);
      const own = sumRegisters(byPractice, keepsRow(principal, mine));
      // The ICS reference is a planning figure for everyone: without people who opted out.
      const ics = sumRegisters(byPractice, (r) => !r.opted);
      const rows = registerCatalogue().map(
        (r) =>
          own.get(r.code) ?? {
            code: r.code,
            name: r.name,
            minAge: r.minAge,
            numerator: EMPTY_CELL,
            denominator: EMPTY_CELL,
          },
      );
      const policy = policyFor(principal, ctx.disclosure);
      const icsPolicy: DisclosurePolicy = ctx.disclosure;
      return {
        asOf,
        disclosure: disclosureNote(policy),
        registers: rows.map((r) => {
          const numerator = discloseOne(r.numerator, policy);
          const denominator = discloseOne(r.denominator, policy);
          const own = proportionOf(shown(numerator), shown(denominator));
          const ref = ics.get(r.code);
          const refP = ref
            ? proportionOf(
                shown(discloseOne(ref.numerator, icsPolicy)),
                shown(discloseOne(ref.denominator, icsPolicy)),
              )
            : { rate: null, ci95: null };
          return {
            code: r.code,
            name: r.name,
            minAge: r.minAge,
            numerator,
            denominator,
            prevalence: own.rate,
            ci95: own.ci95,
            reference: { label: "ICS (all practices)", prevalence: refP.rate, ci95: refP.ci95 },
            significance: compareWith(own.ci95, refP.rate),
          };
        }),
      };
    },
  );

  app.get(
    "/api/multimorbidity",
    {
      schema: {
        tags: ["analytics"],
        summary: "Registered people by number of long-term-condition registers (0 to 5+)",
        querystring: AnalyticsOrgQuery,
        response: { 200: MultimorbidityResponse, ...RESPONSES },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as { org?: string };
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await builtAsOf(sw);
      const [byPractice, mine] = await Promise.all([multimorbidityCache(asOf), practicesInScope(sw)]);
      const counts: Cell[] = CONDITION_GROUPS.map(() => EMPTY_CELL);
      const keep = keepsRow(principal, mine);
      for (const r of byPractice)
        if (keep(r)) counts[r.conditions] = addCells(counts[r.conditions] ?? EMPTY_CELL, r.people);
      const rows = CONDITION_GROUPS.map((conditions, k) => ({ conditions, people: counts[k] ?? EMPTY_CELL }));
      const policy = policyFor(principal, ctx.disclosure);
      const d = disclose(
        rows.map((r) => r.people),
        policy,
      );
      const total = shown(d.total);
      const shareOf = (from: number) => {
        const cells = d.cells.slice(from).map(shown);
        if (total === null || total === 0 || cells.some((c) => c === null)) return null;
        return cells.reduce((a: number, c) => a + (c ?? 0), 0) / total;
      };
      return {
        asOf,
        disclosure: disclosureNote(policy),
        total: d.total,
        distribution: CONDITION_GROUPS.map((conditions, i) => ({ conditions, people: d.cells[i] ?? NONE })),
        share2plus: shareOf(2),
        share5plus: shareOf(5),
      };
    },
  );
}
