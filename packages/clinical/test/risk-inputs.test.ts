// Recorded values → QRISK3/QDiabetes inputs: an implausible recorded measurement is treated as
// not recorded (imputed at the centring value) instead of stopping the build.
import { describe, expect, it } from "vitest";
import { qdiabetes } from "../src/scores/qdiabetes.ts";
import { qrisk3 } from "../src/scores/qrisk3.ts";
import { qdiabetesFromRecord, qrisk3FromRecord, type RecordedFeatures } from "../src/scores/risk-inputs.ts";

const person: RecordedFeatures = {
  age: 60,
  sex: "M",
  ethnicityCode: "A",
  af: false,
  ckd: false,
  smi: false,
  ra: false,
  ld: false,
  cvd: false,
  diabetes: null,
  sle: false,
  gdm: false,
  pcos: false,
  antipsychotics: false,
  corticosteroids: false,
  antihypertensives: false,
  statins: false,
  hypertension: false,
  smoking: "never",
  bmi: 27,
  sbp: 140,
  sbpSd: 8,
  cholRatio: 4.5,
  hba1c: null,
  townsend: null,
};

describe("recorded values outside the valid ranges", () => {
  it("keeps values inside the ranges, including the limits", () => {
    const q = qrisk3FromRecord({ ...person, sbp: 210, sbpSd: 50, cholRatio: 12, bmi: 80 });
    expect(q?.input).toMatchObject({ sbp: 210, sbpSd: 50, cholesterolHdlRatio: 12, bmi: 80 });
    expect(q?.imputed).toEqual(["townsend"]);
  });

  it("imputes an SBP of 230, an SBP SD of 55, a ratio of 15 and a BMI of 9 as if not recorded, and scores", () => {
    const bad = qrisk3FromRecord({ ...person, sbp: 230, sbpSd: 55, cholRatio: 15, bmi: 9 });
    const missing = qrisk3FromRecord({ ...person, sbp: null, sbpSd: null, cholRatio: null, bmi: null });
    expect(bad?.imputed).toEqual(["bmi", "cholesterol_hdl_ratio", "sbp", "sbp_sd", "townsend"]);
    expect(bad?.input).toEqual(missing?.input);
    if (!bad) throw new Error("not eligible");
    expect(() => qrisk3(bad.input)).not.toThrow();
  });

  it("imputes a QDiabetes BMI of 85 as if not recorded", () => {
    const bad = qdiabetesFromRecord({ ...person, bmi: 85 });
    const missing = qdiabetesFromRecord({ ...person, bmi: null });
    expect(bad?.imputed).toContain("bmi");
    expect(bad?.input).toEqual(missing?.input);
    if (!bad) throw new Error("not eligible");
    expect(() => qdiabetes(bad.model, bad.input)).not.toThrow();
  });
});

describe("Townsend from the person's area", () => {
  it("uses the area's score when known and within −10 to 15, else the centring value (listed as imputed)", () => {
    const known = qrisk3FromRecord({ ...person, townsend: 4.2 });
    expect(known?.input.townsend).toBe(4.2);
    expect(known?.imputed).not.toContain("townsend");
    const unknown = qrisk3FromRecord(person);
    const outside = qrisk3FromRecord({ ...person, townsend: 16 });
    expect(unknown?.imputed).toContain("townsend");
    expect(outside?.input).toEqual(unknown?.input);
    const d = qdiabetesFromRecord({ ...person, townsend: -3 });
    expect(d?.input.townsend).toBe(-3);
    expect(d?.imputed).not.toContain("townsend");
  });

  it("raises QRISK3 and QDiabetes with deprivation, as the equations' Townsend terms do", () => {
    const rich = qrisk3FromRecord({ ...person, townsend: -5 });
    const poor = qrisk3FromRecord({ ...person, townsend: 8 });
    if (!rich || !poor) throw new Error("not eligible");
    expect(qrisk3(poor.input).value).toBeGreaterThan(qrisk3(rich.input).value);
    const dRich = qdiabetesFromRecord({ ...person, townsend: -5 });
    const dPoor = qdiabetesFromRecord({ ...person, townsend: 8 });
    if (!dRich || !dPoor) throw new Error("not eligible");
    expect(qdiabetes(dPoor.model, dPoor.input).value).toBeGreaterThan(
      qdiabetes(dRich.model, dRich.input).value,
    );
  });
});
