// The realism targets against the published data they cite (the shared data files), and the
// tolerance rule against its closed form.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvObjects } from "@bevan/domain";
import { describe, expect, it } from "vitest";
import { SHARED_DATA } from "../../../test/paths.ts";
import { realismTargets, SAMPLING_Z, toCheck } from "../src/index.ts";

const target = (id: string) => {
  const t = realismTargets().checks.find((c) => c.id === id);
  if (!t) throw new Error(`no check ${id}`);
  return t;
};
const activity = (file: string) =>
  parseCsvObjects(readFileSync(join(SHARED_DATA, "activity", "dm01-and-trust-snapshots", file), "utf8"));

describe("realism targets (packages/realism/targets.json)", () => {
  it("name a source and a year, and say how far a population may depart from them", () => {
    const ids = new Set<string>();
    for (const c of realismTargets().checks) {
      expect(ids.has(c.id), c.id).toBe(false);
      ids.add(c.id);
      expect(c.source.length, c.id).toBeGreaterThan(10);
      expect(c.year, c.id).toBeGreaterThanOrEqual(2012);
      const ranged =
        c.relative !== undefined || c.absolute !== undefined || (c.low !== undefined && c.high !== undefined);
      expect(ranged, c.id).toBe(true);
    }
  });

  it("A&E: 428 per 1,000 a year is England's monthly attendances (all types, shared file) × 12 over England's mid-2023 population", () => {
    const monthly = activity("england_ae.csv").reduce(
      (s, r) => s + (Number(r["No. Attendance Total"]) || 0),
      0,
    );
    const population = parseCsvObjects(
      readFileSync(join(SHARED_DATA, "reference", "ons_uk_population_2023.csv"), "utf8"),
    )
      .filter((r) => r.Name === "ENGLAND")
      .reduce((s, r) => s + Number(r.count), 0);
    expect(target("ae-all").target).toBeCloseTo((1000 * 12 * monthly) / population, 0);
  });

  it("diagnostic waits: the targets are percentiles of DM01's trusts with 1,000 or more waiting (shared file)", () => {
    const shares = activity("england_diagnostic_wait_times.csv")
      .filter((r) => Number(r["Waiting List Total"]) >= 1000 && r["% waiting 6+ weeks"] !== "")
      .map((r) => Number(r["% waiting 6+ weeks"]))
      .sort((a, b) => a - b);
    const at = (q: number) => shares[Math.floor(q * shares.length)] ?? Number.NaN;
    expect(shares).toHaveLength(135);
    expect(target("wait-highest").target).toBeCloseTo(at(0.9), 3);
    expect(target("wait-highest").high).toBeCloseTo(shares.at(-1) ?? 0, 3);
    expect(target("wait-lowest").target).toBeCloseTo(at(0.05), 2);
  });
});

describe("the range a population can show", () => {
  const spec = { ...target("register-DM"), target: 0.077, relative: 0.2 };
  const se = (n: number) => (t: number) => Math.sqrt((t * (1 - t)) / n);

  it("is the target's allowed departure widened by three standard errors at the population's size", () => {
    const c = toCheck(spec, { value: 0.07, n: 14_000, se: se(14_000) });
    const lowT = 0.077 * 0.8;
    const highT = 0.077 * 1.2;
    expect(SAMPLING_Z).toBe(3);
    expect(c.low).toBeCloseTo(lowT - 3 * Math.sqrt((lowT * (1 - lowT)) / 14_000), 12);
    expect(c.high).toBeCloseTo(highT + 3 * Math.sqrt((highT * (1 - highT)) / 14_000), 12);
    expect(c.pass).toBe(true);
  });

  it("narrows as the population grows: a figure 25% below target passes at 2,000 people and fails at a million", () => {
    expect(toCheck(spec, { value: 0.0578, n: 2_000, se: se(2_000) }).pass).toBe(true);
    expect(toCheck(spec, { value: 0.0578, n: 1_000_000, se: se(1_000_000) }).pass).toBe(false);
  });

  it("fails a figure the warehouse cannot show, saying why", () => {
    const c = toCheck(spec, { value: null, n: 0, note: "no risk scores" });
    expect(c).toMatchObject({ pass: false, value: null, note: "no risk scores" });
  });
});
