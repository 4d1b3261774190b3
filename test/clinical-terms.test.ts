// Every factor the risk models can name has words a clinician reads (no feature names).
import { riskFactorLabel } from "@bevan/domain";
import { FEATURE_NAMES } from "@bevan/risk";
import { describe, expect, it } from "vitest";

describe("risk factor labels", () => {
  it("name every feature of the risk models in words", () => {
    for (const f of FEATURE_NAMES) {
      const label = riskFactorLabel(f);
      expect(label, f).not.toContain("_");
      expect(label, f).not.toBe(f);
      // The fallback (the name with spaces) means a feature has no words of its own.
      expect(label, f).not.toBe(f.replace(/_/g, " "));
    }
  });

  it("say what a windowed count and an age band are", () => {
    expect(riskFactorLabel("emergency_admissions_24m")).toBe("Emergency admissions in the last 24 months");
    expect(riskFactorLabel("age_80_89")).toBe("Aged 80–89");
    expect(riskFactorLabel("age_90_plus")).toBe("Aged 90 or over");
    expect(riskFactorLabel("register_hf")).toBe("On the heart failure register");
  });
});
