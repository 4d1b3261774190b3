// A worked care plan for a person with COPD, heart failure and social isolation: the shape a
// community matron would write, used by the demo caseload, the docs and the tests.
import type { CarePlanContent } from "./plan.ts";

export function examplePlan(opts: { coordinator: string; practice: string; today: string }): CarePlanContent {
  const inWeeks = (w: number) =>
    new Date(Date.parse(opts.today) + w * 7 * 86_400_000).toISOString().slice(0, 10);
  const gp = { kind: "gp", name: opts.practice } as const;
  return {
    whatMatters: "Staying in my own home and getting to my granddaughter's wedding in June.",
    problems: [
      { id: "p1", text: "COPD with three flare-ups this winter" },
      { id: "p2", text: "Heart failure: ankles swelling, breathless on the stairs" },
      { id: "p3", text: "Lives alone since her husband died; rarely goes out" },
    ],
    goals: [
      {
        id: "g1",
        text: "I want to walk to the corner shop and back without stopping",
        targetDate: inWeeks(10),
        status: "active",
        problemIds: ["p1", "p2"],
      },
      {
        id: "g2",
        text: "I want to know what to do when my chest gets bad, so I don't end up in A&E",
        targetDate: inWeeks(6),
        status: "active",
        problemIds: ["p1"],
      },
      {
        id: "g3",
        text: "I'd like to see people more than once a week",
        targetDate: null,
        status: "active",
        problemIds: ["p3"],
      },
    ],
    actions: [
      {
        id: "a1",
        text: "Refer to pulmonary rehabilitation",
        owner: "Dr Shah",
        organisation: gp,
        due: inWeeks(2),
        status: "planned",
        goalIds: ["g1"],
      },
      {
        id: "a2",
        text: "Write a COPD self-management plan with rescue pack",
        owner: opts.coordinator,
        organisation: { kind: "community", name: "Community respiratory team" },
        due: inWeeks(3),
        status: "in-progress",
        goalIds: ["g2"],
      },
      {
        id: "a3",
        text: "Daily weights; call if up 2 kg in 3 days",
        owner: "Herself, with her daughter",
        organisation: { kind: "person", name: "Self-care" },
        due: null,
        status: "in-progress",
        goalIds: ["g1"],
      },
      {
        id: "a4",
        text: "Introduce to the Tuesday lunch club and a befriender",
        owner: "Social prescribing link worker",
        organisation: { kind: "voluntary", name: "Age UK" },
        due: inWeeks(4),
        status: "planned",
        goalIds: ["g3"],
      },
      {
        id: "a5",
        text: "Care needs assessment for help with shopping",
        owner: "Duty social worker",
        organisation: { kind: "social-care", name: "Adult social care" },
        due: inWeeks(5),
        status: "planned",
        goalIds: [],
      },
    ],
    team: [
      {
        id: "t1",
        name: opts.coordinator,
        role: "Care coordinator",
        organisation: { kind: "community", name: "PCN care coordination team" },
        lead: true,
      },
      { id: "t2", name: "Dr Shah", role: "GP", organisation: gp, lead: false },
      {
        id: "t3",
        name: "Community heart failure nurse",
        role: "Specialist nurse",
        organisation: { kind: "community", name: "Community heart failure service" },
        lead: false,
      },
      {
        id: "t4",
        name: "Her daughter",
        role: "Carer",
        organisation: { kind: "person", name: "Family" },
        lead: false,
      },
    ],
    contingency: [
      {
        id: "c1",
        trigger: "If my breathing is worse than usual or my phlegm changes colour",
        response: "Start the rescue pack and ring the practice the same day",
      },
      {
        id: "c2",
        trigger: "If I put on 2 kg in 3 days or cannot lie flat",
        response: "Ring the heart failure nurse; out of hours, call 111",
      },
    ],
    nextReview: inWeeks(4),
  };
}
