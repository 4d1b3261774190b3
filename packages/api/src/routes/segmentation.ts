// The risk pyramid (with the targeting arithmetic of Roland et al., BMJ 2012;345:e6017) and
// the Bridges to Health segments for the caller's scope, disclosed by role.
import {
  addCells,
  addMagnitudeCells,
  EMPTY_CELL,
  type MagnitudeCell,
  practicesInScope,
  RISK_TIERS,
  riskPyramidByPractice,
  SEGMENT_LABELS,
  segmentCountsByPractice,
} from "@bevan/query";
import type { FastifyInstance } from "fastify";
import { principalOf } from "../auth/access.ts";
import type { ApiContext } from "../context.ts";
import { disclose, discloseMagnitude, disclosureNote, policyFor, shown } from "../disclosure.ts";
import { keepsRow, practiceCache } from "../practice-cache.ts";
import { ErrorBody } from "../schemas.ts";
import {
  AnalyticsOrgQuery,
  RiskPyramidQuery,
  RiskPyramidResponse,
  SegmentsResponse,
} from "../schemas-analytics.ts";
import { builtAsOf, scopedTo } from "./aggregates.ts";

const RESPONSES = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };
const NONE = { value: null, suppressed: true };
const TIER_LABEL: Record<string, string> = {
  very_high: "very high",
  high: "high",
  moderate: "moderate",
  low: "low",
};
const SPEND_NOTE =
  "spend is the recorded cost of hospital spells, A&E attendances and attended outpatient appointments in the window; sources without costs add nothing";
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);

export function segmentationRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const pyramidCache = practiceCache(ctx, (ics, asOf) => riskPyramidByPractice(ics, asOf));
  const segmentCache = practiceCache(ctx, (ics) => segmentCountsByPractice(ics));
  app.get(
    "/api/risk-pyramid",
    {
      schema: {
        tags: ["analytics"],
        summary:
          "People, emergency admissions and spend by admission-risk tier, with the reduction each tier would need to deliver",
        querystring: RiskPyramidQuery,
        response: { 200: RiskPyramidResponse, ...RESPONSES },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as { org?: string; reduction?: number };
      const reduction = q.reduction ?? 0.1;
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await builtAsOf(sw);
      const [all, mine] = await Promise.all([pyramidCache(asOf), practicesInScope(sw)]);
      const keep = keepsRow(principal, mine);
      const data = all && {
        window: all.window,
        tiers: RISK_TIERS.map((tier) => {
          const rows = all.tiers.filter((t) => t.tier === tier && keep(t));
          const spends = rows.map((t) => t.spend).filter((x): x is MagnitudeCell => x !== null);
          return {
            tier,
            people: addCells(EMPTY_CELL, ...rows.map((t) => t.people)),
            admissions: addCells(EMPTY_CELL, ...rows.map((t) => t.admissions)),
            spend: spends.length === 0 ? null : addMagnitudeCells(...spends),
          };
        }),
      };
      const policy = policyFor(principal, ctx.disclosure);
      const base = { asOf, disclosure: disclosureNote(policy), spendNote: SPEND_NOTE, reduction };
      if (!data)
        return {
          ...base,
          scored: false,
          window: null,
          totals: {
            people: { value: 0, suppressed: false },
            admissions: { value: 0, suppressed: false },
            spend: null,
          },
          tiers: [],
        };
      const people = disclose(
        data.tiers.map((t) => t.people),
        policy,
      );
      const admissions = disclose(
        data.tiers.map((t) => t.admissions),
        policy,
      );
      const allPeople = shown(people.total);
      const allAdmissions = shown(admissions.total);
      // Money through its own rule (8+ people, no dominant person, perturbed by the cell key);
      // shares and the total are worked out from the published values.
      const spendOf = (i: number) => {
        const s = data.tiers[i]?.spend ?? null;
        if (s === null || shown(people.cells[i]) === null) return null;
        const v = shown(discloseMagnitude(s, policy));
        return v === null ? null : Math.round(v);
      };
      const spends = data.tiers.map((_, i) => spendOf(i));
      const allSpend = spends.some((s) => s === null)
        ? null
        : spends.reduce((a: number, s) => a + (s ?? 0), 0);
      return {
        ...base,
        scored: true,
        window: {
          ...data.window,
          note: `Emergency admissions and spend from the day after ${data.window.from} to ${data.window.to} (the 12 months to the as-of date), by the tier of today's scores.`,
        },
        totals: { people: people.total, admissions: admissions.total, spend: allSpend },
        tiers: data.tiers.map((t, i) => {
          const n = shown(people.cells[i]);
          const a = shown(admissions.cells[i]);
          const perPerson = ratio(a, n);
          return {
            tier: t.tier,
            label: TIER_LABEL[t.tier] ?? t.tier,
            people: people.cells[i] ?? NONE,
            peopleShare: ratio(n, allPeople),
            admissions: admissions.cells[i] ?? NONE,
            admissionsShare: ratio(a, allAdmissions),
            spend: spends[i] ?? null,
            spendShare: ratio(spends[i] ?? null, allSpend),
            admissionsPer1000: perPerson === null ? null : 1000 * perPerson,
            rateRatio: ratio(perPerson, ratio(allAdmissions, allPeople)),
            requiredReduction:
              allAdmissions === null || a === null || a === 0 ? null : (reduction * allAdmissions) / a,
          };
        }),
      };
    },
  );

  app.get(
    "/api/segments",
    {
      schema: {
        tags: ["analytics"],
        summary: "Registered people by Bridges to Health segment",
        querystring: AnalyticsOrgQuery,
        response: { 200: SegmentsResponse, ...RESPONSES },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as { org?: string };
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await builtAsOf(sw);
      const [all, mine] = await Promise.all([segmentCache(asOf), practicesInScope(sw)]);
      const keep = keepsRow(principal, mine);
      const rows =
        all &&
        SEGMENT_LABELS.map((g) => ({
          segment: g.id,
          label: g.label,
          people: addCells(
            EMPTY_CELL,
            ...all.filter((r) => r.segment === g.id && keep(r)).map((r) => r.people),
          ),
        }));
      const policy = policyFor(principal, ctx.disclosure);
      const base = { asOf, disclosure: disclosureNote(policy) };
      if (!rows) return { ...base, scored: false, total: { value: 0, suppressed: false }, segments: [] };
      const d = disclose(
        rows.map((r) => r.people),
        policy,
      );
      const total = shown(d.total);
      return {
        ...base,
        scored: true,
        total: d.total,
        segments: rows.map((r, i) => ({
          segment: r.segment,
          label: r.label,
          people: d.cells[i] ?? NONE,
          share: ratio(shown(d.cells[i]), total),
        })),
      };
    },
  );
}
