// Care coordination through the API on the shared warehouse: a coordinator refers a person
// in their PCN, writes the shared plan, moves them red → amber → green → discharged; a second
// session saving from the same version gets 409 with both sides' changes and nothing is lost;
// an analyst and a coordinator of another practice are refused; a commissioner sees only
// disclosed aggregates; every read and write of the plan is exactly one audit event and the
// chain verifies; the plan goes out as FHIR and back in unchanged.
import { examplePlan } from "@bevan/care";
import { Warehouse } from "@bevan/engine";
import { createUser, verifyAudit } from "@bevan/state";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PASSWORD, startApi } from "./harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
type Session = { cookie: string; csrf: string };
const s: Record<string, Session> = {};
const call = (who: string, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
  api.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
    headers: { cookie: s[who]?.cookie ?? "", "x-csrf-token": s[who]?.csrf ?? "" },
  });

beforeAll(async () => {
  api = await startApi(inject("demo"));
  await createUser(api.state, {
    username: "coordinator_elsewhere",
    displayName: "Coordinator elsewhere",
    role: "care_coordinator",
    scopes: [{ level: "practice", code: api.subjects.practiceOut }],
    password: PASSWORD,
  });
  await createUser(api.state, {
    username: "coordinator_two",
    displayName: "Second coordinator",
    role: "care_coordinator",
    scopes: [{ level: "pcn", code: api.subjects.pcnIn }],
    password: PASSWORD,
  });
  for (const u of [
    "care_coordinator",
    "coordinator_two",
    "coordinator_elsewhere",
    "ics_analyst",
    "commissioner",
  ])
    s[u] = await api.signIn(u);
});
afterAll(async () => {
  await api?.close();
});

const events = async (action: string) =>
  (
    await api.state.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = $1", [
      action,
    ])
  )[0]?.n ?? 0;

describe("care coordination API", () => {
  it("takes a person from referral through the pathway with a shared plan, conflicts refused, access enforced", async () => {
    const person = api.subjects.patientIn;
    const refer = await call("care_coordinator", "POST", "/api/care/episodes", {
      personId: person,
      reason: "Three emergency admissions this year",
      source: "worklist",
      sourceRef: "diabetes-care-processes-missing",
    });
    expect(refer.statusCode).toBe(201);
    let ep = refer.json();
    expect(ep.status).toBe("triage");

    // The caseload shows them, identified, to their PCN's coordinator.
    const board = (await call("care_coordinator", "GET", "/api/care/caseload")).json();
    const entry = board.entries.find((x: { person: { personId: string } }) => x.person.personId === person);
    expect(entry.episode.id).toBe(ep.id);
    expect(entry.person.practiceCode).toBe(api.subjects.practiceIn);

    // Refused: an analyst (no care permission), a coordinator of another practice (out of scope).
    expect((await call("ics_analyst", "GET", "/api/care/caseload")).statusCode).toBe(403);
    expect((await call("ics_analyst", "GET", `/api/care/people/${person}`)).statusCode).toBe(403);
    expect((await call("commissioner", "GET", `/api/care/people/${person}`)).statusCode).toBe(403);
    expect((await call("coordinator_elsewhere", "GET", `/api/care/people/${person}`)).statusCode).toBe(404);
    const elsewhere = (await call("coordinator_elsewhere", "GET", "/api/care/caseload")).json();
    expect(
      elsewhere.entries.some((x: { person: { personId: string } }) => x.person.personId === person),
    ).toBe(false);
    expect(
      (
        await call("coordinator_elsewhere", "POST", `/api/care/episodes/${ep.id}/move`, {
          version: ep.version,
          move: "accept",
        })
      ).statusCode,
    ).toBe(404);

    // Consent, accept into red, tick red's checklist.
    ep = (
      await call("care_coordinator", "POST", `/api/care/episodes/${ep.id}/consent`, {
        version: ep.version,
        consent: "given",
      })
    ).json();
    ep = (
      await call("care_coordinator", "POST", `/api/care/episodes/${ep.id}/move`, {
        version: ep.version,
        move: "accept",
      })
    ).json();
    expect([ep.status, ep.stage, ep.week]).toEqual(["active", "red", 1]);
    // Advancing before the checklist is done is refused with what is missing.
    const early = await call("care_coordinator", "POST", `/api/care/episodes/${ep.id}/move`, {
      version: ep.version,
      move: "advance",
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.issues.length).toBe(3);
    for (const item of ["gp-involved", "face-to-face", "needs-assessed"])
      ep = (
        await call("care_coordinator", "POST", `/api/care/episodes/${ep.id}/checklist`, {
          version: ep.version,
          stage: "red",
          item,
          done: true,
        })
      ).json();
    ep = (
      await call("care_coordinator", "POST", `/api/care/episodes/${ep.id}/move`, {
        version: ep.version,
        move: "advance",
      })
    ).json();
    expect(ep.stage).toBe("amber");

    // The plan: both coordinators open version 0; the first save wins, the second gets 409.
    const readsBefore = await events("care.plan.read");
    const writesBefore = await events("care.plan.write");
    const first = await call("care_coordinator", "GET", `/api/care/people/${person}`);
    const second = await call("coordinator_two", "GET", `/api/care/people/${person}`);
    expect(first.headers.etag).toBe('"plan-0"');
    expect(second.json().plan.version).toBe(0);
    const plan = examplePlan({ coordinator: "Sam", practice: "The practice", today: "2026-12-01" });
    const saved = await call("care_coordinator", "PUT", `/api/care/people/${person}/plan`, {
      version: 0,
      content: plan,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().plan.version).toBe(1);
    const theirs = { ...plan, whatMatters: "Getting back to the allotment" };
    const stale = await call("coordinator_two", "PUT", `/api/care/people/${person}/plan`, {
      version: 0,
      content: theirs,
    });
    expect(stale.statusCode).toBe(409);
    const conflict = stale.json().conflict;
    expect(conflict.current.version).toBe(1);
    expect(conflict.theirChanges.length).toBeGreaterThan(0);
    expect(conflict.yourChanges.some((c: { section: string }) => c.section === "whatMatters")).toBe(true);
    // Saved again from the version now current: both changes are kept.
    const merged = await call("coordinator_two", "PUT", `/api/care/people/${person}/plan`, {
      version: 1,
      content: theirs,
    });
    expect(merged.json().plan.version).toBe(2);
    const after = (await call("care_coordinator", "GET", `/api/care/people/${person}`)).json();
    expect(after.plan.content).toEqual(theirs);
    expect(after.planHistory.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(await events("care.plan.read")).toBe(readsBefore + 3);
    expect(await events("care.plan.write")).toBe(writesBefore + 3);

    // FHIR out and back in gives the same plan.
    const fhir = await call("care_coordinator", "GET", `/api/care/people/${person}/plan/fhir`);
    expect(fhir.statusCode).toBe(200);
    const bundle = fhir.json();
    expect(bundle.resourceType).toBe("Bundle");
    const back = await call("care_coordinator", "POST", `/api/care/people/${person}/plan/fhir`, {
      version: 2,
      bundle,
    });
    expect(back.statusCode).toBe(200);
    expect(back.json().plan.content).toEqual(theirs);
    expect(back.json().changes).toEqual([]);

    // Amber → green → discharged.
    ep = after.current;
    for (const item of ["education", "mdt", "in-train"])
      ep = (
        await call("care_coordinator", "POST", `/api/care/episodes/${ep.id}/checklist`, {
          version: ep.version,
          stage: "amber",
          item,
          done: true,
        })
      ).json();
    ep = (
      await call("care_coordinator", "POST", `/api/care/episodes/${ep.id}/move`, {
        version: ep.version,
        move: "advance",
      })
    ).json();
    expect(ep.stage).toBe("green");
    for (const item of ["self-managing", "mainstream-support", "parameters", "monitoring-agreed"])
      ep = (
        await call("care_coordinator", "POST", `/api/care/episodes/${ep.id}/checklist`, {
          version: ep.version,
          stage: "green",
          item,
          done: true,
        })
      ).json();
    // A change from a stale episode version is refused too.
    expect(
      (
        await call("coordinator_two", "POST", `/api/care/episodes/${ep.id}/move`, {
          version: ep.version - 1,
          move: "discharge",
        })
      ).statusCode,
    ).toBe(409);
    ep = (
      await call("care_coordinator", "POST", `/api/care/episodes/${ep.id}/move`, {
        version: ep.version,
        move: "discharge",
      })
    ).json();
    expect(ep.status).toBe("monitoring");
    expect(ep.nextMonitoring).not.toBeNull();

    // Outcomes by quarter around the join date, each count as the warehouse holds it.
    const outcomes = (await call("care_coordinator", "GET", `/api/care/people/${person}/outcomes`)).json();
    expect(outcomes.joined).toBe(new Date().toISOString().slice(0, 10));
    expect(outcomes.quarters.length).toBeGreaterThan(0);
    const wh = await Warehouse.open(inject("demo").db, { readOnly: true });
    try {
      for (const q of outcomes.quarters) {
        const direct = await wh.one<{ emergency: bigint; ae: bigint }>(
          `SELECT (SELECT count(*) FROM hospital_spell WHERE person_id = $p AND admission_method = 'emergency'
                    AND admission_date >= CAST($f AS DATE) AND admission_date < CAST($t AS DATE)) AS emergency,
                  (SELECT count(*) FROM ae_attendance WHERE person_id = $p
                    AND arrival_date >= CAST($f AS DATE) AND arrival_date < CAST($t AS DATE)) AS ae`,
          { p: BigInt(person), f: q.from, t: q.to },
        );
        expect([q.emergencyAdmissions, q.aeAttendances]).toEqual([
          Number(direct.emergency),
          Number(direct.ae),
        ]);
      }
    } finally {
      wh.close();
    }
    expect(
      (await call("coordinator_elsewhere", "GET", `/api/care/people/${person}/outcomes`)).statusCode,
    ).toBe(404);

    // The commissioner sees the caseload only as disclosed counts.
    const summary = await call("commissioner", "GET", "/api/care/summary");
    expect(summary.statusCode).toBe(200);
    expect(summary.json().disclosure.kind).toBe("suppressed");
    const monitoring = summary.json().stages.find((x: { stage: string }) => x.stage === "monitoring");
    expect(monitoring.people).toEqual({ value: null, suppressed: true });

    const verified = await verifyAudit(api.state);
    expect(verified.ok).toBe(true);
  });

  it("dismisses a person from a worklist with a reason and shows it back", async () => {
    const person = api.subjects.patientIn;
    const res = await call("care_coordinator", "POST", "/api/care/worklists/inhaler-duplication/actions", {
      personId: person,
      action: "dismissed",
      reason: "Reviewed: both inhalers intended",
    });
    expect(res.statusCode).toBe(201);
    const read = (
      await call(
        "care_coordinator",
        "GET",
        `/api/care/worklists/inhaler-duplication/actions?people=${person}`,
      )
    ).json();
    expect(read.actions[0]).toMatchObject({ personId: person, action: "dismissed" });
    expect(
      (
        await call("coordinator_elsewhere", "POST", "/api/care/worklists/inhaler-duplication/actions", {
          personId: person,
          action: "recalled",
          reason: "x",
        })
      ).statusCode,
    ).toBe(404);
  });
});
