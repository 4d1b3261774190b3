import { describe, expect, it } from "vitest";
import { qdiabetes } from "../src/scores/qdiabetes.ts";
import { qrisk3 } from "../src/scores/qrisk3.ts";
import { QRISK3_2017 } from "../src/scores/qrisk3-coefficients.ts";
import { qdiabetesFromRecord, qrisk3FromRecord, type RecordedFeatures } from "../src/scores/risk-inputs.ts";

const base: RecordedFeatures = {
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
};

describe("recorded values outside the models' valid ranges", () => {
  it("QRISK3 treats an implausible SBP as not recorded and imputes the centring value", () => {
    const q = qrisk3FromRecord({ ...base, sbp: 1200 });
    expect(q?.input.sbp).toBe(QRISK3_2017.male.centring.sbp);
    expect(q?.imputed).toContain("sbp (implausible)");
    // The prepared input is valid, so scoring does not throw.
    expect(q && qrisk3(q.input).value).toBeGreaterThan(0);
  });

  it("QRISK3 keeps values on the boundary of the range", () => {
    const q = qrisk3FromRecord({ ...base, sbp: 210, cholRatio: 12, bmi: 80, sbpSd: 0 });
    expect(q?.input).toMatchObject({ sbp: 210, cholesterolHdlRatio: 12, bmi: 80, sbpSd: 0 });
    expect(q?.imputed).toEqual(["townsend"]);
  });

  it("QRISK3 imputes each implausible value and names it", () => {
    const q = qrisk3FromRecord({ ...base, bmi: 4, cholRatio: 40, sbpSd: 90 });
    expect(q?.imputed).toEqual([
      "bmi (implausible)",
      "cholesterol_hdl_ratio (implausible)",
      "sbp_sd (implausible)",
      "townsend",
    ]);
    expect(q && qrisk3(q.input).value).toBeGreaterThan(0);
  });

  it("QDiabetes imputes an implausible BMI", () => {
    const q = qdiabetesFromRecord({ ...base, bmi: 300 });
    expect(q?.imputed).toContain("bmi (implausible)");
    expect(q && qdiabetes(q.model, q.input).value).toBeGreaterThan(0);
  });
});
