// Four more plans in the shape a community matron writes them, for the demo caseload (with
// example-plan.ts): diabetes with low mood, frailty with falls, kidney disease with a carer
// under strain, and heart failure after a recent admission. Pure.
import { examplePlan } from "./example-plan.ts";
import type { CarePlanContent, Organisation } from "./plan.ts";

export interface DemoPlanOptions {
  readonly coordinator: string;
  readonly practice: string;
  /** The day the plan was written: review and due dates count from it. */
  readonly today: string;
}

const weeksFrom = (day: string, w: number) =>
  new Date(Date.parse(day) + w * 7 * 86_400_000).toISOString().slice(0, 10);

function lead(name: string) {
  return {
    id: "t1",
    name,
    role: "Care coordinator",
    organisation: { kind: "community", name: "PCN care coordination team" } as Organisation,
    lead: true,
  };
}

function diabetesMood(o: DemoPlanOptions): CarePlanContent {
  const gp: Organisation = { kind: "gp", name: o.practice };
  return {
    whatMatters: "Keeping my job at the depot and being well enough to look after my grandson on Saturdays.",
    problems: [
      { id: "p1", text: "Type 2 diabetes, HbA1c 82 mmol/mol and rising" },
      { id: "p2", text: "Low mood since his brother died; stopped going out" },
      { id: "p3", text: "Misses appointments: shift work" },
    ],
    goals: [
      {
        id: "g1",
        text: "I want my sugar down so I don't lose my HGV licence",
        targetDate: weeksFrom(o.today, 12),
        status: "active",
        problemIds: ["p1"],
      },
      {
        id: "g2",
        text: "I want to feel like myself again",
        targetDate: null,
        status: "active",
        problemIds: ["p2"],
      },
    ],
    actions: [
      {
        id: "a1",
        text: "Medication review and HbA1c in 3 months",
        owner: "Practice pharmacist",
        organisation: gp,
        due: weeksFrom(o.today, 2),
        status: "planned",
        goalIds: ["g1"],
      },
      {
        id: "a2",
        text: "Book the structured diabetes education course (evening group)",
        owner: o.coordinator,
        organisation: { kind: "community", name: "Diabetes education service" },
        due: weeksFrom(o.today, 3),
        status: "in-progress",
        goalIds: ["g1"],
      },
      {
        id: "a3",
        text: "Self-referral to talking therapies",
        owner: "Himself",
        organisation: { kind: "mental-health", name: "NHS Talking Therapies" },
        due: weeksFrom(o.today, 1),
        status: "planned",
        goalIds: ["g2"],
      },
      {
        id: "a4",
        text: "Appointments after 4 pm only",
        owner: "Reception team",
        organisation: gp,
        due: null,
        status: "done",
        goalIds: [],
      },
    ],
    team: [
      lead(o.coordinator),
      { id: "t2", name: "Practice pharmacist", role: "Pharmacist", organisation: gp, lead: false },
      {
        id: "t3",
        name: "Psychological wellbeing practitioner",
        role: "Therapist",
        organisation: { kind: "mental-health", name: "NHS Talking Therapies" },
        lead: false,
      },
    ],
    contingency: [
      {
        id: "c1",
        trigger: "If I feel I can't cope or think about harming myself",
        response: "Call the crisis line (NHS 111, option 2) any time",
      },
      {
        id: "c2",
        trigger: "If my sugars are over 15 twice in a day",
        response: "Ring the practice nurse the same day",
      },
    ],
    nextReview: weeksFrom(o.today, 4),
  };
}

function frailtyFalls(o: DemoPlanOptions): CarePlanContent {
  const gp: Organisation = { kind: "gp", name: o.practice };
  return {
    whatMatters: "Staying in the bungalow with my cat, and not going into a home.",
    problems: [
      { id: "p1", text: "Severe frailty; two falls since the autumn" },
      { id: "p2", text: "Eleven regular medicines, some making her dizzy" },
      { id: "p3", text: "Husband with dementia; she is his carer" },
    ],
    goals: [
      {
        id: "g1",
        text: "I don't want to fall again",
        targetDate: weeksFrom(o.today, 8),
        status: "active",
        problemIds: ["p1", "p2"],
      },
      {
        id: "g2",
        text: "I need a break now and then from looking after Ron",
        targetDate: weeksFrom(o.today, 6),
        status: "active",
        problemIds: ["p3"],
      },
    ],
    actions: [
      {
        id: "a1",
        text: "Structured medication review: stop what is not needed",
        owner: "Dr Okafor",
        organisation: gp,
        due: weeksFrom(o.today, 2),
        status: "in-progress",
        goalIds: ["g1"],
      },
      {
        id: "a2",
        text: "Falls assessment and strength and balance classes",
        owner: "Community physiotherapist",
        organisation: { kind: "community", name: "Falls prevention service" },
        due: weeksFrom(o.today, 4),
        status: "planned",
        goalIds: ["g1"],
      },
      {
        id: "a3",
        text: "Carer's assessment and respite options",
        owner: "Carers' support worker",
        organisation: { kind: "social-care", name: "Adult social care" },
        due: weeksFrom(o.today, 3),
        status: "planned",
        goalIds: ["g2"],
      },
      {
        id: "a4",
        text: "Pendant alarm fitted",
        owner: "Telecare team",
        organisation: { kind: "social-care", name: "Telecare" },
        due: weeksFrom(o.today, 1),
        status: "done",
        goalIds: ["g1"],
      },
    ],
    team: [
      lead(o.coordinator),
      { id: "t2", name: "Dr Okafor", role: "GP", organisation: gp, lead: false },
      {
        id: "t3",
        name: "Community physiotherapist",
        role: "Physiotherapist",
        organisation: { kind: "community", name: "Falls prevention service" },
        lead: false,
      },
      {
        id: "t4",
        name: "Her son",
        role: "Next of kin",
        organisation: { kind: "person", name: "Family" },
        lead: false,
      },
    ],
    contingency: [
      {
        id: "c1",
        trigger: "If I fall and cannot get up",
        response: "Press the pendant; the responder comes within 45 minutes",
      },
      {
        id: "c2",
        trigger: "If I am taken ill and cannot look after Ron",
        response: "Ring his emergency carer plan number: his day centre arranges cover",
      },
    ],
    nextReview: weeksFrom(o.today, 6),
  };
}

function kidneyCarer(o: DemoPlanOptions): CarePlanContent {
  const gp: Organisation = { kind: "gp", name: o.practice };
  return {
    whatMatters: "Being at home with my wife and getting to the allotment in the summer.",
    problems: [
      { id: "p1", text: "Chronic kidney disease stage 4, blood pressure 162/94" },
      { id: "p2", text: "Breathless and tired; anaemia" },
      { id: "p3", text: "Wife struggling as his only carer" },
    ],
    goals: [
      {
        id: "g1",
        text: "I want to understand what's happening to my kidneys and decide about dialysis",
        targetDate: weeksFrom(o.today, 10),
        status: "active",
        problemIds: ["p1"],
      },
      {
        id: "g2",
        text: "I want to have the energy to do a bit on the allotment",
        targetDate: null,
        status: "active",
        problemIds: ["p2"],
      },
    ],
    actions: [
      {
        id: "a1",
        text: "Shared decision conversation with the renal team",
        owner: "Renal nurse specialist",
        organisation: { kind: "acute", name: "Renal unit" },
        due: weeksFrom(o.today, 5),
        status: "planned",
        goalIds: ["g1"],
      },
      {
        id: "a2",
        text: "Blood pressure medicines adjusted; home readings for 2 weeks",
        owner: "Dr Ahmed",
        organisation: gp,
        due: weeksFrom(o.today, 2),
        status: "in-progress",
        goalIds: ["g1"],
      },
      {
        id: "a3",
        text: "Carer's assessment for his wife",
        owner: "Carers' support worker",
        organisation: { kind: "social-care", name: "Adult social care" },
        due: weeksFrom(o.today, 3),
        status: "planned",
        goalIds: [],
      },
    ],
    team: [
      lead(o.coordinator),
      { id: "t2", name: "Dr Ahmed", role: "GP", organisation: gp, lead: false },
      {
        id: "t3",
        name: "Renal nurse specialist",
        role: "Specialist nurse",
        organisation: { kind: "acute", name: "Renal unit" },
        lead: false,
      },
    ],
    contingency: [
      {
        id: "c1",
        trigger: "If my ankles swell or I pass much less water",
        response: "Ring the renal unit's advice line the same day",
      },
    ],
    nextReview: weeksFrom(o.today, 4),
  };
}

/** The demo plans in turn: four kinds of person. */
export function demoPlan(i: number, o: DemoPlanOptions): CarePlanContent {
  switch (i % 4) {
    case 0:
      return examplePlan(o);
    case 1:
      return diabetesMood(o);
    case 2:
      return frailtyFalls(o);
    default:
      return kidneyCarer(o);
  }
}
