// The demo's caseload in progress (so the pages are not empty on first start): a few dozen
// people at every point of the pathway, each taken there through the same store functions a
// coordinator's clicks use, with dates in the past — referrals in triage, people in red,
// amber and green (some late), discharged people in monitoring (one contact overdue),
// re-referrals and closures; plans with goals and actions, revised once for some; patient
// activation and EQ-5D-5L recorded at the start and at discharge.
import type { Sql } from "@bevan/state";
import { setCapacity } from "./capacity.ts";
import { demoPlan } from "./demo-plans.ts";
import { type Episode, moveEpisode, recordConsent, refer, tick } from "./episode-store.ts";
import { recordMeasure } from "./measures.ts";
import { CHECKLISTS, type Stage } from "./pathway.ts";
import { savePlan } from "./plan-store.ts";

export interface DemoPerson {
  readonly personId: string;
  readonly practiceCode: string;
  readonly practiceName: string;
}

export interface DemoCoordinator {
  readonly id: string;
  readonly name: string;
}

/** Where each demo person is today: weeks since they entered red (null: still in triage). */
type Scenario =
  | { kind: "triage"; daysAgo: number }
  | { kind: "pathway"; weeksAgo: number; stage: Stage }
  | { kind: "monitoring"; weeksAgo: number }
  | { kind: "closed"; weeksAgo: number; reason: string }
  | { kind: "declined"; daysAgo: number };

const SCENARIOS: readonly Scenario[] = [
  { kind: "triage", daysAgo: 1 },
  { kind: "triage", daysAgo: 2 },
  { kind: "triage", daysAgo: 4 },
  { kind: "triage", daysAgo: 6 },
  { kind: "triage", daysAgo: 9 },
  { kind: "pathway", weeksAgo: 0, stage: "red" },
  { kind: "pathway", weeksAgo: 1, stage: "red" },
  { kind: "pathway", weeksAgo: 2, stage: "red" },
  { kind: "pathway", weeksAgo: 3, stage: "red" },
  { kind: "pathway", weeksAgo: 3, stage: "red" },
  { kind: "pathway", weeksAgo: 6, stage: "red" },
  { kind: "pathway", weeksAgo: 4, stage: "amber" },
  { kind: "pathway", weeksAgo: 5, stage: "amber" },
  { kind: "pathway", weeksAgo: 5, stage: "amber" },
  { kind: "pathway", weeksAgo: 6, stage: "amber" },
  { kind: "pathway", weeksAgo: 7, stage: "amber" },
  { kind: "pathway", weeksAgo: 7, stage: "amber" },
  { kind: "pathway", weeksAgo: 10, stage: "amber" },
  { kind: "pathway", weeksAgo: 8, stage: "green" },
  { kind: "pathway", weeksAgo: 9, stage: "green" },
  { kind: "pathway", weeksAgo: 10, stage: "green" },
  { kind: "pathway", weeksAgo: 11, stage: "green" },
  { kind: "pathway", weeksAgo: 12, stage: "green" },
  { kind: "pathway", weeksAgo: 15, stage: "green" },
  { kind: "monitoring", weeksAgo: 14 },
  { kind: "monitoring", weeksAgo: 16 },
  { kind: "monitoring", weeksAgo: 19 },
  { kind: "monitoring", weeksAgo: 24 },
  { kind: "monitoring", weeksAgo: 28 },
  { kind: "monitoring", weeksAgo: 33 },
  { kind: "closed", weeksAgo: 9, reason: "Moved out of the area" },
  { kind: "declined", daysAgo: 20 },
];

export const DEMO_CASELOAD_SIZE = SCENARIOS.length;

const DAY = 86_400_000;
const at = (today: Date, days: number) => new Date(today.getTime() - days * DAY + 10 * 3_600_000);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Seeds the demo caseload for `people` (at least DEMO_CASELOAD_SIZE, highest need first)
 * if no episode exists yet; returns how many people it put on the caseload.
 */
export async function seedDemoCaseload(
  db: Sql,
  opts: {
    people: readonly DemoPerson[];
    coordinators: readonly DemoCoordinator[];
    today?: Date;
  },
): Promise<number> {
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM care_episodes");
  if (n > 0 || opts.coordinators.length === 0) return 0;
  const today = opts.today ?? new Date();
  for (const [i, c] of opts.coordinators.entries()) await setCapacity(db, c.id, i === 0 ? 20 : 15);
  let seeded = 0;
  for (const [i, s] of SCENARIOS.entries()) {
    const person = opts.people[i];
    if (!person) break;
    const coordinator = opts.coordinators[i % opts.coordinators.length] as DemoCoordinator;
    await walk(db, person, coordinator, s, i, today);
    seeded += 1;
  }
  return seeded;
}

const REASONS = [
  "Three emergency admissions in the last year",
  "Very high risk of emergency admission; lives alone",
  "Frequent A&E attendances and poorly controlled diabetes",
  "Multiple long-term conditions, carer under strain",
  "Referred by the GP after a multidisciplinary team meeting",
];

async function walk(
  db: Sql,
  person: DemoPerson,
  coordinator: DemoCoordinator,
  s: Scenario,
  i: number,
  today: Date,
): Promise<void> {
  const by = coordinator.id;
  const startDays =
    s.kind === "triage" || s.kind === "declined"
      ? s.daysAgo
      : s.kind === "pathway"
        ? s.weeksAgo * 7 + 2
        : s.kind === "monitoring"
          ? s.weeksAgo * 7
          : s.weeksAgo * 7;
  const referred = at(today, startDays + 5);
  let e: Episode = await refer(db, {
    personId: person.personId,
    teamCode: person.practiceCode,
    source: i % 3 === 0 ? "risk-list" : i % 3 === 1 ? "worklist" : "patient-view",
    sourceRef: i % 3 === 1 ? "diabetes-care-processes-missing" : null,
    reason: REASONS[i % REASONS.length] as string,
    coordinatorId: s.kind === "triage" && i % 2 === 0 ? null : coordinator.id,
    by,
    now: s.kind === "triage" ? at(today, s.daysAgo) : referred,
  });
  if (s.kind === "triage") return;
  if (s.kind === "declined") {
    await recordConsent(db, e.id, "declined", { version: e.version, by, now: at(today, s.daysAgo - 3) });
    return;
  }
  const start = startDays;
  const o = (daysAgo: number) => ({ version: e.version, by, now: at(today, Math.max(0, daysAgo)) });
  e = await recordConsent(db, e.id, "given", o(start + 1));
  e = await moveEpisode(db, e.id, { kind: "accept" }, null, o(start));
  await measure(db, person.personId, i, by, at(today, start), 0);
  const planDay = start - 10;
  const closing = s.kind === "closed";
  const reached: Stage | "discharged" = s.kind === "pathway" ? s.stage : closing ? "amber" : "discharged";
  const order: Stage[] = ["red", "amber", "green"];
  // Red's checklist over the first fortnight, then amber from week 5, green from week 9.
  for (const stage of order) {
    const stageStart = start - (stage === "red" ? 0 : stage === "amber" ? 28 : 56);
    const isLast = reached === stage;
    const items = CHECKLISTS[stage].filter((c) => !c.derived);
    // The current stage's checklist is part done, in proportion to its weeks so far.
    const share = isLast ? Math.min(1, Math.max(0, (stageStart - 0) / 28)) : 1;
    const howMany = isLast ? Math.floor(items.length * share) : items.length;
    for (const [k, item] of items.slice(0, howMany).entries())
      e = await tick(db, e.id, { stage, id: item.id, done: true }, o(stageStart - 3 - 4 * k));
    if (stage === "red" && planDay >= 0 && reached !== "red")
      await savePlan(
        db,
        person.personId,
        demoPlan(i, {
          coordinator: coordinator.name,
          practice: person.practiceName,
          today: iso(at(today, planDay)),
        }),
        {
          baseVersion: 0,
          by,
          now: at(today, planDay),
        },
      );
    if (isLast) break;
    const plan = demoPlan(i, {
      coordinator: coordinator.name,
      practice: person.practiceName,
      today: iso(at(today, planDay)),
    });
    if (stage === "green") {
      e = await moveEpisode(db, e.id, { kind: "discharge" }, plan, o(start - 91));
      await measure(db, person.personId, i, by, at(today, start - 91), 1);
    } else e = await moveEpisode(db, e.id, { kind: "advance" }, plan, o(stageStart - 28));
    if (closing && stage === "red") break;
  }
  // Revise some plans: an action done, a new one (a second version with who and what changed).
  if (reached !== "red" && i % 2 === 0 && planDay - 14 >= 0) {
    const base = demoPlan(i, {
      coordinator: coordinator.name,
      practice: person.practiceName,
      today: iso(at(today, planDay)),
    });
    const revised = {
      ...base,
      actions: [
        ...base.actions.map((a, k) => (k === 0 ? { ...a, status: "done" as const } : a)),
        {
          id: "a9",
          text: "Check in by phone after the next hospital appointment",
          owner: coordinator.name,
          organisation: { kind: "community" as const, name: "PCN care coordination team" },
          due: iso(at(today, planDay - 28)),
          status: "planned" as const,
          goalIds: [],
        },
      ],
    };
    await savePlan(db, person.personId, revised, { baseVersion: 1, by, now: at(today, planDay - 14) });
  }
  if (closing)
    await moveEpisode(
      db,
      e.id,
      { kind: "close", reason: (s as { reason: string }).reason },
      null,
      o(start - 35),
    );
}

async function measure(db: Sql, personId: string, i: number, by: string, when: Date, stage: 0 | 1) {
  // Activation rises and health today improves for most people between start and discharge.
  const pam = Math.min(100, 38 + ((i * 7) % 20) + stage * (8 + (i % 9)));
  const vas = Math.min(100, 40 + ((i * 11) % 25) + stage * (5 + (i % 12)));
  await recordMeasure(db, { personId, measure: "pam", value: pam, recordedOn: iso(when), by, now: when });
  await recordMeasure(db, {
    personId,
    measure: "eq5d5l-vas",
    value: vas,
    recordedOn: iso(when),
    by,
    now: when,
  });
}
