// Caseloads and care plans in application state, on PGlite and on a real PostgreSQL 15
// server: the pathway's moves, consent respected, one open episode per person, plan versions
// with optimistic concurrency (the second save gets a conflict with both sides' changes).
import { createUser, openState, type SqlClient } from "@bevan/state";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  CareRuleError,
  ConflictError,
  coordinatorLoads,
  dismissedFrom,
  EMPTY_PLAN,
  episodeEvents,
  examplePlan,
  getPlan,
  listEpisodes,
  moveEpisode,
  openEpisode,
  type PlanConflict,
  personEpisodes,
  personMeasures,
  planHistory,
  recordConsent,
  recordMeasure,
  recordWorklistAction,
  refer,
  reRefer,
  savePlan,
  tick,
} from "../src/index.ts";

// Beyond 2^53: a JavaScript number would round it.
const PERSON = "4611686018427387903";
const OTHER = "4611686018427387901";
const at = (d: string) => new Date(`${d}T10:00:00Z`);

async function fresh(kind: "pglite" | "postgres"): Promise<SqlClient> {
  if (kind === "pglite") return openState({ kind: "pglite" });
  const db = await openState({ kind: "postgres", url: inject("postgres") });
  await db.exec(
    "TRUNCATE care_episode_events, care_episodes, care_plans, care_worklist_actions, care_measures, care_coordinator_capacity",
  );
  await db.exec("ALTER TABLE care_plan_versions DISABLE TRIGGER care_plan_versions_no_update");
  await db.exec("DELETE FROM care_plan_versions");
  await db.exec("ALTER TABLE care_plan_versions ENABLE TRIGGER care_plan_versions_no_update");
  return db;
}

for (const kind of ["pglite", "postgres"] as const) {
  describe(`care state on ${kind}`, () => {
    let db: SqlClient;
    let sam: string;
    let alex: string;
    beforeAll(async () => {
      db = await fresh(kind);
      const u = async (username: string) =>
        (await db.query<{ id: string }>("SELECT id FROM users WHERE username = $1", [username]))[0]?.id ??
        (await createUser(db, {
          username,
          displayName: username,
          role: "care_coordinator",
          scopes: [{ level: "pcn", code: "PCN1" }],
        }));
      sam = await u("care-sam");
      alex = await u("care-alex");
    });
    afterAll(async () => db.close());

    it("takes a person from referral through red, amber and green to discharge, with the history", async () => {
      let e = await refer(db, {
        personId: PERSON,
        teamCode: "PCN1",
        source: "worklist",
        sourceRef: "high-risk-not-on-caseload",
        reason: "Very high admission risk",
        by: sam,
        now: at("2026-01-02"),
      });
      expect(e).toMatchObject({ personId: PERSON, status: "triage", stage: null, episode: 1, version: 1 });
      await expect(
        refer(db, { personId: PERSON, teamCode: "PCN1", source: "cohort", reason: "again", by: sam }),
      ).rejects.toThrow(ConflictError);
      e = await moveEpisode(db, e.id, { kind: "accept" }, null, {
        version: e.version,
        by: sam,
        now: at("2026-01-05"),
      });
      expect(e).toMatchObject({ status: "active", stage: "red", pathwayStart: "2026-01-05" });
      await expect(
        moveEpisode(db, e.id, { kind: "advance" }, null, { version: e.version, by: sam }),
      ).rejects.toThrow(CareRuleError);
      e = await recordConsent(db, e.id, "given", { version: e.version, by: sam });
      for (const item of ["gp-involved", "face-to-face", "needs-assessed"])
        e = await tick(db, e.id, { stage: "red", id: item, done: true }, { version: e.version, by: sam });
      e = await moveEpisode(db, e.id, { kind: "advance" }, null, {
        version: e.version,
        by: sam,
        now: at("2026-02-02"),
      });
      expect(e.stage).toBe("amber");
      const plan = examplePlan({ coordinator: "Sam", practice: "Riverside", today: "2026-02-02" });
      await savePlan(db, PERSON, plan, { baseVersion: 0, by: sam });
      for (const item of ["education", "mdt", "in-train"])
        e = await tick(db, e.id, { stage: "amber", id: item, done: true }, { version: e.version, by: sam });
      e = await moveEpisode(db, e.id, { kind: "advance" }, plan, {
        version: e.version,
        by: sam,
        now: at("2026-03-02"),
      });
      expect(e.stage).toBe("green");
      for (const item of ["self-managing", "mainstream-support", "parameters", "monitoring-agreed"])
        e = await tick(db, e.id, { stage: "green", id: item, done: true }, { version: e.version, by: sam });
      e = await moveEpisode(db, e.id, { kind: "discharge" }, plan, {
        version: e.version,
        by: sam,
        now: at("2026-04-01"),
      });
      expect(e).toMatchObject({
        status: "monitoring",
        stage: null,
        dischargedAt: "2026-04-01",
        nextMonitoring: "2026-07-01",
      });
      const events = await episodeEvents(db, [e.id]);
      expect(events.filter((x) => x.kind === "stage").map((x) => x.detail.to)).toEqual([
        "red",
        "amber",
        "green",
      ]);
      expect(events.map((x) => x.kind)).toContain("discharged");
      // A stale version is refused, never applied.
      await expect(
        moveEpisode(db, e.id, { kind: "close", reason: "x" }, null, { version: 2, by: alex }),
      ).rejects.toThrow(ConflictError);
      // Re-referral opens episode 2 in triage.
      const again = await reRefer(db, e.id, "Two admissions since discharge", {
        version: e.version,
        by: sam,
      });
      expect(again).toMatchObject({ status: "triage", episode: 2, source: "re-referral" });
      expect((await personEpisodes(db, PERSON)).map((x) => x.status)).toEqual(["triage", "closed"]);
      expect(
        (await listEpisodes(db, { teams: ["PCN1"], statuses: ["triage"] })).map((x) => x.personId),
      ).toEqual([PERSON]);
      expect(await listEpisodes(db, { teams: [] })).toEqual([]);
    });

    it("respects a declined consent: the episode closes and the person is not referred again unless they now agree", async () => {
      let e = await refer(db, {
        personId: OTHER,
        teamCode: "PCN1",
        source: "patient",
        reason: "GP request",
        by: alex,
        coordinatorId: alex,
      });
      const loads = await coordinatorLoads(db, [alex, sam]);
      expect(loads.find((l) => l.userId === alex)).toMatchObject({ triage: 1, active: 0, capacity: 25 });
      e = await recordConsent(db, e.id, "declined", { version: e.version, by: alex });
      expect(e).toMatchObject({ status: "closed", consent: "declined", closeReason: "Consent declined" });
      expect(await openEpisode(db, OTHER)).toBeNull();
      await expect(
        refer(db, { personId: OTHER, teamCode: "PCN1", source: "cohort", reason: "x", by: alex }),
      ).rejects.toThrow(CareRuleError);
      const agreed = await refer(db, {
        personId: OTHER,
        teamCode: "PCN1",
        source: "patient",
        reason: "Now wants help",
        consent: "given",
        by: alex,
      });
      expect(agreed).toMatchObject({ consent: "given", episode: 2 });
    });

    it("keeps every plan version and refuses a stale save with what each side changed", async () => {
      const base = (await getPlan(db, PERSON))?.version ?? 0;
      expect(base).toBe(1);
      const current = (await getPlan(db, PERSON))?.content ?? EMPTY_PLAN;
      const mine = {
        ...current,
        goals: [
          ...current.goals,
          {
            id: "g9",
            text: "Sleep through the night",
            targetDate: null,
            status: "active" as const,
            problemIds: [],
          },
        ],
      };
      const theirs = { ...current, nextReview: "2026-05-01" };
      const first = await savePlan(db, PERSON, theirs, { baseVersion: base, by: alex });
      expect(first.plan.version).toBe(2);
      const error = await savePlan(db, PERSON, mine, { baseVersion: base, by: sam }).catch((x: unknown) => x);
      expect(error).toBeInstanceOf(ConflictError);
      const conflict = (error as ConflictError<PlanConflict>).current;
      expect(conflict.current.version).toBe(2);
      expect(conflict.theirChanges.map((c) => c.description)).toEqual(["Next review set to 2026-05-01"]);
      expect(conflict.yourChanges.map((c) => c.description)).toEqual([
        'Added goal "Sleep through the night"',
      ]);
      expect((await getPlan(db, PERSON))?.content).toEqual(theirs); // nothing lost, nothing overwritten
      const merged = await savePlan(
        db,
        PERSON,
        { ...mine, nextReview: "2026-05-01" },
        { baseVersion: 2, by: sam },
      );
      expect(merged.plan.version).toBe(3);
      const history = await planHistory(db, PERSON);
      expect(history.map((h) => h.version)).toEqual([3, 2, 1]);
      expect(history[0]?.changedBy).toBe("care-sam");
      await expect(db.query("UPDATE care_plan_versions SET changes = '[]'")).rejects.toThrow(/never changed/);
    });

    it("records worklist actions and measures", async () => {
      await recordWorklistAction(db, {
        worklistId: "w",
        personId: PERSON,
        action: "dismissed",
        reason: "Under the respiratory team",
        until: "2026-06-30",
        by: sam,
        now: at("2026-03-01"),
      });
      await recordWorklistAction(db, {
        worklistId: "w",
        personId: OTHER,
        action: "recalled",
        reason: "Invited for HbA1c",
        by: sam,
        now: at("2026-03-01"),
      });
      expect([...(await dismissedFrom(db, "w", "2026-04-01"))]).toEqual([PERSON]);
      expect([...(await dismissedFrom(db, "w", "2026-07-01"))]).toEqual([]);
      await recordMeasure(db, {
        personId: PERSON,
        measure: "pam",
        value: 52.3,
        recordedOn: "2026-01-05",
        by: sam,
      });
      await recordMeasure(db, {
        personId: PERSON,
        measure: "eq5d5l-vas",
        value: 60,
        profile: { mobility: 3, selfCare: 2, usualActivities: 3, painDiscomfort: 2, anxietyDepression: 2 },
        recordedOn: "2026-01-05",
        by: sam,
      });
      await expect(
        recordMeasure(db, {
          personId: PERSON,
          measure: "pam",
          value: 101,
          recordedOn: "2026-01-05",
          by: sam,
        }),
      ).rejects.toThrow(/between 0 and 100/);
      const ms = await personMeasures(db, PERSON);
      expect(ms.map((m) => [m.measure, m.value, m.detail])).toEqual([
        [
          "eq5d5l-vas",
          60,
          {
            profile: {
              mobility: 3,
              selfCare: 2,
              usualActivities: 3,
              painDiscomfort: 2,
              anxietyDepression: 2,
            },
          },
        ],
        ["pam", 52.3, { level: 2 }],
      ]);
    });
  });
}
