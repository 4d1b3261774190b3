// The pathway's rules against seed 003's 13 weeks: red weeks 1–4, amber 5–8, green 9–13,
// entry criteria as checklists, overdue alerts, discharge to 3-monthly monitoring.
import { describe, expect, it } from "vitest";
import {
  alerts,
  checklist,
  checkMove,
  EMPTY_PLAN,
  examplePlan,
  expectedStage,
  pathwayWeek,
} from "../src/index.ts";

const plan = examplePlan({
  coordinator: "Sam Coordinator",
  practice: "Riverside Surgery",
  today: "2026-01-05",
});

describe("the 13-week pathway", () => {
  it("counts weeks from the day the person entered red, week 1 being days 0–6", () => {
    expect(pathwayWeek("2026-01-05", "2026-01-05")).toBe(1);
    expect(pathwayWeek("2026-01-05", "2026-01-11")).toBe(1);
    expect(pathwayWeek("2026-01-05", "2026-01-12")).toBe(2);
    expect(pathwayWeek("2026-01-05", "2026-04-05")).toBe(13);
  });

  it("expects red in weeks 1-4, amber in 5-8 and green in 9-13", () => {
    expect([1, 4, 5, 8, 9, 13].map(expectedStage)).toEqual([
      "red",
      "red",
      "amber",
      "amber",
      "green",
      "green",
    ]);
  });

  it("refuses to advance until the stage's checklist is complete, naming what is missing", () => {
    const e = { status: "active" as const, stage: "red" as const, consent: "not_asked" as const, ticks: {} };
    const check = checkMove(e, null, { kind: "advance" });
    expect(check.allowed).toBe(false);
    expect(check.missing).toContain("Consent to care coordination given");
    expect(check.missing).toHaveLength(4);
    const ticks = {
      "red:gp-involved": { at: "", by: "" },
      "red:face-to-face": { at: "", by: "" },
      "red:needs-assessed": { at: "", by: "" },
    };
    expect(checkMove({ ...e, ticks }, null, { kind: "advance" }).missing).toEqual([
      "Consent to care coordination given",
    ]);
    expect(checkMove({ ...e, ticks, consent: "given" }, null, { kind: "advance" }).allowed).toBe(true);
  });

  it("ticks amber's goals and plan items from the plan itself", () => {
    const empty = checklist("amber", {}, { consent: "given", plan: EMPTY_PLAN });
    expect(empty.filter((i) => i.done)).toEqual([]);
    const written = checklist("amber", {}, { consent: "given", plan });
    expect(written.filter((i) => i.done).map((i) => i.id)).toEqual(["goals", "care-plan"]);
  });

  it("discharges only from green with its checklist complete, and never accepts someone who declined", () => {
    const green = {
      status: "active" as const,
      stage: "green" as const,
      consent: "given" as const,
      ticks: {},
    };
    expect(checkMove(green, plan, { kind: "discharge" }).missing).toHaveLength(4);
    expect(checkMove({ ...green, stage: "amber" }, plan, { kind: "discharge" }).allowed).toBe(false);
    expect(
      checkMove({ status: "triage", stage: null, consent: "declined", ticks: {} }, null, { kind: "accept" })
        .allowed,
    ).toBe(false);
  });

  it("alerts when a stage runs past its weeks, when discharge is overdue, and for overdue actions and reviews", () => {
    const base = {
      status: "active" as const,
      pathwayStart: "2026-01-05",
      nextMonitoring: null,
      plan: EMPTY_PLAN,
    };
    expect(alerts({ ...base, stage: "red" }, "2026-02-01")).toEqual([]); // week 4
    const late = alerts({ ...base, stage: "red" }, "2026-02-09"); // week 6
    expect(late).toEqual([expect.objectContaining({ kind: "stage-overdue", late: 2 })]);
    expect(alerts({ ...base, stage: "green" }, "2026-04-13")[0]).toEqual(
      expect.objectContaining({ kind: "discharge-overdue", late: 2 }),
    );
    const withPlan = alerts({ ...base, stage: "amber", plan }, "2026-02-20");
    expect(withPlan.map((a) => a.kind).sort()).toEqual([
      "action-overdue",
      "action-overdue",
      "action-overdue",
      "action-overdue",
      "review-due",
    ]);
    expect(
      alerts(
        {
          status: "monitoring",
          stage: null,
          pathwayStart: "2026-01-05",
          nextMonitoring: "2026-06-01",
          plan: null,
        },
        "2026-06-03",
      ),
    ).toEqual([expect.objectContaining({ kind: "monitoring-due", late: 2 })]);
  });
});
