// Invalid definitions fail with a message that names the offending node and says what is allowed.
import { describe, expect, it } from "vitest";
import { age, cohort, register } from "../src/cohort/builder.ts";
import { CohortValidationError, validateCohort } from "../src/cohort/validate.ts";

const wrap = (criteria: unknown) => ({
  kind: "cohort",
  language: 1,
  name: "t",
  population: "registered",
  criteria,
});

function message(input: unknown): string {
  try {
    validateCohort(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CohortValidationError);
    return (error as Error).message;
  }
  throw new Error("expected a validation error");
}

describe("validateCohort", () => {
  it("accepts what the builder makes, and returns it frozen", () => {
    const def = validateCohort(JSON.parse(JSON.stringify(cohort("x", register("DM")))));
    expect(Object.isFrozen(def.criteria)).toBe(true);
  });
  it("names an unknown kind and lists the allowed kinds", () => {
    const m = message(wrap({ kind: "and", of: [{ kind: "agee", min: 3 }] }));
    expect(m).toContain('at /criteria/of/0: unknown kind "agee"; allowed kinds: and, or, not');
    expect(m).toContain("saved_cohort");
  });
  it("names the property, the node kind and the allowed values of an enum", () => {
    const m = message(wrap({ kind: "register", register: "DIABETES" }));
    expect(m).toContain(
      'at /criteria/register: "DIABETES" is not allowed (in a "register" node); allowed: "AF"',
    );
  });
  it("names unknown properties and lists the allowed ones", () => {
    const m = message(wrap({ kind: "age", minimum: 3 }));
    expect(m).toContain('unknown property "minimum" (in an "age" node); allowed properties: kind, min, max');
  });
  it("names a missing property", () => {
    expect(message(wrap({ kind: "flag" }))).toContain(
      'at /criteria: missing property "flag" (in a "flag" node)',
    );
  });
  it("rejects an unknown event test with the allowed tests", () => {
    const m = message(
      wrap({
        kind: "events",
        source: "gp",
        codes: { kind: "codes", system: "snomedct", codes: ["1"] },
        window: { kind: "window", from: null, to: { kind: "offset", n: 0, unit: "days" } },
        test: { kind: "most" },
      }),
    );
    expect(m).toContain(
      'at /criteria/test: unknown kind "most"; allowed kinds: exists, count, first, latest',
    );
  });
  it("rejects bounds out of order and empty windows, with the path", () => {
    expect(message(wrap(age({ min: 80, max: 70 })))).toContain(
      "at /criteria: age: min (80) is greater than max (70)",
    );
    const m = message(
      wrap({
        kind: "hospital_activity",
        activity: "ae_attendance",
        atLeast: 1,
        window: {
          kind: "window",
          from: { kind: "offset", n: 0, unit: "days" },
          to: { kind: "offset", n: -1, unit: "months" },
        },
      }),
    );
    expect(m).toContain('at /criteria/window: empty window: "from" must be before "to"');
  });
  it("rejects an IMD quintile above 5 and a score node with no test", () => {
    expect(message(wrap({ kind: "imd", scale: "quintile", min: 1, max: 6 }))).toContain(
      "IMD quintiles run from 1 to 5",
    );
    expect(message(wrap({ kind: "score", score: "efi" }))).toContain(
      'a "score" node needs min, max or bands',
    );
  });
  it("rejects a non-object and the wrong language version", () => {
    expect(message(42)).toContain("at /: must be object");
    expect(message({ ...wrap({ kind: "everyone" }), language: 2 })).toContain("at /language: must be 1");
  });
});
