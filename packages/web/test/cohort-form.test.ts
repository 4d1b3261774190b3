// The cohort builder's form becomes a cohort language definition that the language's own
// validator accepts, and a definition made by the form comes back into the same form.
import { validateCohort } from "@bevan/query";
import { describe, expect, it } from "vitest";
import { EMPTY_FORM, formProblems, fromDefinition, toDefinition } from "../src/lib/cohort-form.ts";

const REGISTERS = ["AF", "HYP", "DM"];

describe("cohort builder form", () => {
  it("an empty form is everyone registered", () => {
    const d = toDefinition({ ...EMPTY_FORM, name: "All" }, REGISTERS);
    expect(d.criteria).toEqual({ kind: "everyone" });
    expect(() => validateCohort(d)).not.toThrow();
  });

  it("every field becomes one criterion, combined with and, and the validator accepts it", () => {
    const form = {
      ...EMPTY_FORM,
      name: "Older, deprived, hypertensive",
      minAge: "65",
      maxAge: "90",
      sexes: ["F"],
      imdMin: "1",
      imdMax: "2",
      registers: ["HYP"],
      multimorbidity: "2",
      learningDisability: true,
      riskTiers: ["very_high", "high"],
      frailty: ["moderate", "severe"],
    };
    const d = toDefinition(form, REGISTERS);
    expect(d.criteria).toEqual({
      kind: "and",
      of: [
        { kind: "age", min: 65, max: 90 },
        { kind: "sex", in: ["F"] },
        { kind: "imd", scale: "quintile", min: 1, max: 2 },
        { kind: "register", register: "HYP" },
        { kind: "register_count", registers: REGISTERS, atLeast: 2 },
        { kind: "flag", flag: "learning_disability" },
        { kind: "score", score: "admission_risk", bands: ["very_high", "high"] },
        { kind: "score", score: "efi", bands: ["moderate", "severe"] },
      ],
    });
    expect(() => validateCohort(d)).not.toThrow();
    const back = fromDefinition(d);
    expect("form" in back && back.form).toEqual({ ...form, registersForCount: REGISTERS });
  });

  it("names each problem a user can fix", () => {
    expect(formProblems({ ...EMPTY_FORM, minAge: "70", maxAge: "60", multimorbidity: "x" })).toEqual({
      name: "Enter a name for the cohort",
      maxAge: "Maximum age must be at least the minimum age",
      multimorbidity: "Enter a number of conditions from 1 to 9",
    });
    expect(formProblems({ ...EMPTY_FORM, name: "ok", minAge: "200" })).toEqual({
      minAge: "Age must be a whole number from 0 to 130",
    });
  });

  it("says which definitions the form cannot show instead of changing them", () => {
    const r = fromDefinition({
      kind: "cohort",
      language: 1,
      name: "x",
      population: "registered",
      criteria: { kind: "or", of: [{ kind: "register", register: "HYP" }] },
    });
    expect(r).toEqual({ unsupported: expect.stringContaining('"or"') });
  });
});
