// The FHIR mapping keeps everything: a plan exported and imported is the same plan, whatever
// its contents (property test over random plans), and the Bundle holds what R4 requires.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACTION_STATUSES,
  type CarePlanContent,
  EMPTY_PLAN,
  examplePlan,
  FhirImportError,
  GOAL_STATUSES,
  ORGANISATION_KINDS,
  planFromFhir,
  planToFhir,
  SYSTEMS,
} from "../src/index.ts";

const subject = { system: SYSTEMS.pseudonym, value: "1234567890123456789" } as const;
const exported = (plan: CarePlanContent) =>
  planToFhir({
    subject,
    plan,
    version: 3,
    status: "active",
    created: "2026-01-05T09:00:00.000Z",
    updated: "2026-02-01T10:30:00.000Z",
  });

const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s.length > 0);
const date = fc
  .integer({ min: 0, max: 3000 })
  .map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const kind = fc.constantFrom(...(Object.keys(ORGANISATION_KINDS) as (keyof typeof ORGANISATION_KINDS)[]));
const org = fc.record({ kind, name: text });

const planArb: fc.Arbitrary<CarePlanContent> = fc
  .record({
    whatMatters: fc.oneof(fc.constant(""), text),
    problems: fc.array(text, { maxLength: 4 }),
    goals: fc.array(
      fc.record({
        text,
        targetDate: fc.option(date, { nil: null }),
        status: fc.constantFrom(...GOAL_STATUSES),
        links: fc.array(fc.nat(3), { maxLength: 3 }),
      }),
      { maxLength: 4 },
    ),
    actions: fc.array(
      fc.record({
        text,
        owner: text,
        organisation: org,
        due: fc.option(date, { nil: null }),
        status: fc.constantFrom(...ACTION_STATUSES),
        links: fc.array(fc.nat(3), { maxLength: 3 }),
      }),
      { maxLength: 5 },
    ),
    team: fc.array(fc.record({ name: text, role: text, organisation: org }), { maxLength: 4 }),
    lead: fc.nat(5),
    contingency: fc.array(fc.record({ trigger: text, response: text }), { maxLength: 3 }),
    nextReview: fc.option(date, { nil: null }),
  })
  .map((r) => {
    const problems = r.problems.map((t, i) => ({ id: `p${i + 1}`, text: t }));
    const pick = (links: number[], ids: string[]) => [
      ...new Set(links.filter((l) => l < ids.length).map((l) => ids[l] as string)),
    ];
    const goals = r.goals.map((g, i) => ({
      id: `g${i + 1}`,
      text: g.text,
      targetDate: g.targetDate,
      status: g.status,
      problemIds: pick(
        g.links,
        problems.map((p) => p.id),
      ),
    }));
    return {
      whatMatters: r.whatMatters,
      problems,
      goals,
      actions: r.actions.map((a, i) => ({
        id: `a${i + 1}`,
        text: a.text,
        owner: a.owner,
        organisation: a.organisation,
        due: a.due,
        status: a.status,
        goalIds: pick(
          a.links,
          goals.map((g) => g.id),
        ),
      })),
      team: r.team.map((m, i) => ({ id: `t${i + 1}`, ...m, lead: i === r.lead })),
      contingency: r.contingency.map((c, i) => ({ id: `c${i + 1}`, ...c })),
      nextReview: r.nextReview,
    };
  });

describe("FHIR R4 round trip", () => {
  it("gives back the example plan exactly", () => {
    const plan = examplePlan({ coordinator: "Sam", practice: "Riverside Surgery", today: "2026-01-05" });
    const back = planFromFhir(JSON.parse(JSON.stringify(exported(plan))));
    expect(back.plan).toEqual(plan);
    expect(back.subject).toEqual(subject);
    expect(back.status).toBe("active");
  });

  it("gives back any plan exactly (300 random plans)", () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        expect(planFromFhir(JSON.parse(JSON.stringify(exported(plan)))).plan).toEqual(plan);
      }),
      { numRuns: 300, seed: 23 },
    );
  });

  it("writes one CarePlan, one CareTeam, a Goal per goal and a Task per action, referring by urn:uuid", () => {
    const plan = examplePlan({ coordinator: "Sam", practice: "Riverside Surgery", today: "2026-01-05" });
    const b = exported(plan);
    const types = b.entry.map((e) => e.resource.resourceType);
    expect(types.filter((t) => t === "CarePlan")).toHaveLength(1);
    expect(types.filter((t) => t === "CareTeam")).toHaveLength(1);
    expect(types.filter((t) => t === "Goal")).toHaveLength(plan.goals.length);
    expect(types.filter((t) => t === "Task")).toHaveLength(plan.actions.length);
    for (const e of b.entry) expect(e.fullUrl).toBe(`urn:uuid:${e.resource.id}`);
    expect(new Set(b.entry.map((e) => e.fullUrl)).size).toBe(b.entry.length);
    expect(exported(plan)).toEqual(b); // stable ids
  });

  it("an empty plan round-trips too, and a Bundle without a CarePlan is refused with the place", () => {
    expect(planFromFhir(exported(EMPTY_PLAN)).plan).toEqual(EMPTY_PLAN);
    expect(() => planFromFhir({ resourceType: "Bundle", type: "collection", entry: [] })).toThrow(
      FhirImportError,
    );
    expect(() => planFromFhir({ resourceType: "Patient" })).toThrow(/expected a FHIR Bundle/);
  });
});
