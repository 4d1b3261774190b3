// Opportunity analysis: each kind of avoidable or discretionary activity by practice or place
// against what its age–sex mix predicts, with the size of the prize; the needs profiles that
// make up half of each unit's emergency admissions; and, for each row, the cohort behind it
// (described for every role, listed for roles allowed patient-level data, audited).
import { bestQuartileRatio, opportunities } from "@bevan/allocation";
import { poissonLimits } from "@bevan/methods";
import { orgNames } from "@bevan/query";
import {
  ACSC_SOURCE,
  describeOpportunityCohort,
  EBI_SOURCE,
  FREQUENT_ATTENDER_SOURCE,
  FREQUENT_ATTENDER_THRESHOLD,
  groupName,
  halfOfAdmissions,
  listOpportunityCohort,
  OPPORTUNITY_KINDS,
  OPPORTUNITY_NAMES,
  type OpportunityKind,
  opportunity,
} from "@bevan/resources";
import type { FastifyInstance } from "fastify";
import { principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { disclose, discloseCohort, discloseOne, disclosureNote, policyFor, shown } from "../../disclosure.ts";
import { ErrorBody } from "../../schemas.ts";
import { scopedTo } from "../aggregates.ts";
import { identities } from "../patients.ts";
import { discloseMoney, MONEY_NOTE, moneyCell } from "./money.ts";
import {
  CohortParams,
  CohortPeopleQuery,
  CohortPeopleResponse,
  CohortQuery,
  OpportunityCohortResponse,
  OpportunityQuery,
  OpportunityResponse,
  ProfilesResponse,
} from "./schemas.ts";
import { costedAsOf, eventCell, NONE, peopleCell, RESPONSES } from "./spend.ts";

const SOURCES: Record<OpportunityKind, { name: string; url: string; note?: string } | null> = {
  acsc: ACSC_SOURCE,
  short_stay: null,
  frequent_ae: FREQUENT_ATTENDER_SOURCE,
  ebi: EBI_SOURCE,
  elective: null,
};

const DEFINITIONS: Record<OpportunityKind, string> = {
  acsc: "People on the list with an emergency admission in the 12 months to the as-of date whose primary diagnosis is a chronic ambulatory care sensitive condition (NHS Outcomes Framework 2.3.i).",
  short_stay:
    "People on the list with an emergency admission of 0 or 1 night in the 12 months to the as-of date.",
  frequent_ae: `People on the list with ${FREQUENT_ATTENDER_THRESHOLD} or more A&E attendances in the 12 months to the as-of date.`,
  ebi: "People on the list with an elective procedure on the Evidence-Based Interventions list in the 12 months to the as-of date.",
  elective:
    "People on the list with an elective admission (day case or ordinary) in the 12 months to the as-of date.",
};

const LAST_12_MONTHS = {
  kind: "window",
  from: { kind: "offset", n: -12, unit: "months" },
  to: { kind: "offset", n: 0, unit: "days" },
} as const;

/**
 * The cohort in the cohort language, where it can be written in it (the language has no
 * diagnosis or length-of-stay criteria yet). Its population is the people registered at the
 * as-of date: unlike the opportunity count, it leaves out people who died during the year.
 */
function cohortDefinition(kind: OpportunityKind, level: string, unit: string, unitName: string): unknown {
  const org = { kind: "organisation", level, in: [unit] };
  const activity =
    kind === "frequent_ae"
      ? { activity: "ae_attendance", atLeast: FREQUENT_ATTENDER_THRESHOLD }
      : kind === "elective"
        ? { activity: "elective_admission", atLeast: 1 }
        : null;
  if (!activity) return null;
  return {
    kind: "cohort",
    language: 1,
    name: `${OPPORTUNITY_NAMES[kind].name}, ${unitName}`,
    description: `${DEFINITIONS[kind]} From the opportunity analysis; people who died during the year are not in it.`,
    population: "registered",
    criteria: {
      kind: "and",
      of: [
        org,
        {
          kind: "hospital_activity",
          activity: activity.activity,
          window: LAST_12_MONTHS,
          atLeast: activity.atLeast,
        },
      ],
    },
  };
}

export function opportunityRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/resources/opportunities",
    {
      schema: {
        tags: ["resources"],
        summary: "Opportunity analysis: activity above what each unit's age–sex mix predicts, and its cost",
        querystring: OpportunityQuery,
        response: { 200: OpportunityResponse, ...RESPONSES },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as {
        org?: string;
        level?: "practice" | "place";
        benchmark?: "average" | "best_quartile";
      };
      const level = q.level ?? "practice";
      const benchmark = q.benchmark ?? "average";
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await costedAsOf(sw);
      const policy = policyFor(principal, ctx.disclosure);
      const results = await Promise.all(OPPORTUNITY_KINDS.map((k) => opportunity(sw, asOf, k, level)));
      const codes = [...new Set(results.flatMap((r) => r.units.map((u) => u.code)))];
      const names = await orgNames(sw, codes);
      return {
        asOf,
        disclosure: disclosureNote(policy),
        moneyNote: MONEY_NOTE,
        level,
        benchmark,
        kinds: results.map((r) => {
          const pops = disclose(
            r.units.map((u) => peopleCell(u.population, u.populationKey)),
            policy,
          );
          const observed = r.units.map((u) =>
            discloseOne(eventCell(u.events, u.people, u.peopleKey), policy),
          );
          const totalEvents = r.units.reduce((s, u) => s + u.events, 0);
          const totalPeople = r.units.reduce((s, u) => s + u.people, 0);
          // The price of one event: withheld where the scope's events come from too few people.
          const unitCost =
            policy && totalPeople < policy.threshold ? null : totalEvents > 0 ? r.unitCost : null;
          const inputs = r.units.flatMap((u, i) => {
            const o = shown(observed[i]);
            return o === null || u.expected <= 0 ? [] : [{ code: u.code, observed: o, expected: u.expected }];
          });
          const ratio = inputs.length === 0 ? null : benchmark === "average" ? 1 : bestQuartileRatio(inputs);
          const prizes = new Map(
            ratio === null || unitCost === null
              ? []
              : opportunities(inputs, unitCost, ratio).map((o) => [o.code, o]),
          );
          const rows = r.units.map((u, i) => {
            const o = shown(observed[i]);
            const p = prizes.get(u.code);
            const [lo, hi] = o === null ? [null, null] : poissonLimits(o, 0.95);
            return {
              code: u.code,
              name: names.get(u.code) ?? u.code,
              population: pops.cells[i] ?? NONE,
              observed: observed[i] ?? NONE,
              people: discloseOne(peopleCell(u.people, u.peopleKey), policy),
              expected: u.expected > 0 ? u.expected : null,
              ratio: o === null || u.expected <= 0 ? null : o / u.expected,
              ci95:
                o === null || u.expected <= 0 || hi === null
                  ? null
                  : { lower: (lo ?? 0) / u.expected, upper: hi / u.expected },
              excess: p?.excess ?? null,
              prize: p?.prize ?? null,
            };
          });
          return {
            kind: r.kind,
            name: OPPORTUNITY_NAMES[r.kind].name,
            unit: OPPORTUNITY_NAMES[r.kind].unit,
            unitCost,
            benchmarkRatio: ratio,
            source: SOURCES[r.kind],
            totalPrize: prizes.size === 0 ? null : [...prizes.values()].reduce((s, p) => s + p.prize, 0),
            rows,
          };
        }),
      };
    },
  );

  app.get(
    "/api/resources/needs-profiles",
    {
      schema: {
        tags: ["resources"],
        summary:
          "The needs profiles (segment × main condition) that make up half of each unit's emergency admissions",
        querystring: OpportunityQuery,
        response: { 200: ProfilesResponse, ...RESPONSES },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as { org?: string; level?: "practice" | "place" };
      const level = q.level ?? "place";
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await costedAsOf(sw);
      const policy = policyFor(principal, ctx.disclosure);
      const rows = await halfOfAdmissions(sw, asOf, level);
      const base = { asOf, disclosure: disclosureNote(policy), moneyNote: MONEY_NOTE, level };
      if (rows === null)
        return {
          ...base,
          unavailable: "needs profiles need the risk models' segments: run `bevan build` without --no-risk",
          units: [],
        };
      const codes = [...new Set(rows.map((r) => r.unit))];
      const names = await orgNames(sw, codes);
      // Shares from published counts only: each profile's admissions over the unit's.
      const unitTotals = new Map(
        codes.map((code) => {
          const r = rows.find((x) => x.unit === code);
          return [
            code,
            shown(
              discloseOne(
                eventCell(r?.unitAdmissions ?? 0, r?.unitAdmitted ?? 0, r?.unitAdmittedKey ?? 0),
                policy,
              ),
            ),
          ];
        }),
      );
      return {
        ...base,
        unavailable: null,
        units: codes.map((code) => ({
          code,
          name: names.get(code) ?? code,
          profiles: (() => {
            let running = 0;
            const denominator = unitTotals.get(code) ?? null;
            return rows
              .filter((r) => r.unit === code)
              .map((r) => {
                const admissions = discloseOne(eventCell(r.admissions, r.admitted, r.admittedKey), policy);
                const a = shown(admissions);
                running += a ?? 0;
                const withheld = a === null || denominator === null || denominator === 0;
                return {
                  segment: r.segment,
                  segmentName: r.segmentName,
                  conditionGroup: r.conditionGroup.replaceAll("_", " "),
                  people: discloseOne(peopleCell(r.people, r.peopleKey), policy),
                  admissions,
                  admissionShare: withheld ? null : (a ?? 0) / denominator,
                  cumulativeShare: withheld ? null : Math.min(1, running / denominator),
                  cost: discloseMoney(moneyCell(r.admitted, r.admittedKey, r.cost, r.top), policy),
                };
              });
          })(),
        })),
      };
    },
  );

  app.get(
    "/api/resources/opportunities/:kind/cohort",
    {
      schema: {
        tags: ["resources"],
        summary:
          "The cohort behind one opportunity row: who they are, by age, sex, deprivation, ethnicity, tier, segment",
        params: CohortParams,
        querystring: CohortQuery,
        response: { 200: OpportunityCohortResponse, ...RESPONSES },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const { kind } = request.params as { kind: OpportunityKind };
      const q = request.query as { unit: string };
      // A unit outside the caller's scope is refused (404) by the narrowing.
      const sw = await scopedTo(ctx, principal, q.unit);
      const asOf = await costedAsOf(sw);
      const policy = policyFor(principal, ctx.disclosure);
      const c = await describeOpportunityCohort(sw, asOf, kind);
      const level = sw.scope.within?.at(-1)?.level ?? "practice";
      const names = await orgNames(sw, [q.unit]);
      const disclosed = discloseCohort(
        peopleCell(c.people, c.key),
        Object.fromEntries(
          Object.entries(c.breakdowns).map(([dim, groups]) => [
            dim,
            groups.map((g) => ({ value: g.group, count: g.count, key: g.key })),
          ]),
        ),
        policy,
      );
      const breakdowns = Object.fromEntries(
        Object.entries(disclosed.breakdowns).map(([dim, groups]) => [
          dim,
          groups.map((g) => ({
            group: groupName(dim as Parameters<typeof groupName>[0], g.group),
            count: g.count,
          })),
        ]),
      );
      return {
        asOf,
        disclosure: disclosureNote(policy),
        moneyNote: MONEY_NOTE,
        kind,
        name: OPPORTUNITY_NAMES[kind].name,
        unit: q.unit,
        unitName: names.get(q.unit) ?? q.unit,
        people: disclosed.count,
        events: discloseOne(eventCell(c.events, c.people, c.key), policy),
        cost: discloseMoney(moneyCell(c.people, c.key, c.cost, c.top), policy),
        definition: DEFINITIONS[kind],
        cohort: cohortDefinition(kind, level, q.unit, names.get(q.unit) ?? q.unit),
        breakdowns,
      };
    },
  );

  app.get(
    "/api/resources/opportunities/:kind/people",
    {
      schema: {
        tags: ["resources"],
        summary: "The people behind one opportunity row, most costly first (patient-level, audited)",
        params: CohortParams,
        querystring: CohortPeopleQuery,
        response: {
          200: CohortPeopleResponse,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          503: ErrorBody,
        },
      },
      config: { access: "patients:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const { kind } = request.params as { kind: OpportunityKind };
      const q = request.query as { unit: string; limit?: number; offset?: number };
      const sw = await scopedTo(ctx, principal, q.unit);
      const asOf = await costedAsOf(sw);
      const page = { limit: q.limit ?? 50, offset: q.offset ?? 0 };
      const r = await listOpportunityCohort(sw, asOf, kind, page);
      const ids = r.rows.map((x) => BigInt(x.personId));
      const who = await identities(ctx, principal, ids);
      await ctx.auditRead(request, {
        action: "patient.list",
        params: { view: "resources.opportunity", kind, unit: q.unit, ...page },
        personIds: ids,
      });
      return {
        total: r.total,
        identity: who.kind,
        rows: r.rows.map((x) =>
          who.kind === "identified" ? { ...x, nhsNumber: who.numbers.get(BigInt(x.personId)) ?? null } : x,
        ),
      };
    },
  );
}
