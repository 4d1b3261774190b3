// The generator's codes must be real: each is checked against the shared codelists it
// claims to come from, so the real codelists find the synthetic population.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv, parseCsvObjects } from "@bevan/domain";
import { describe, expect, it } from "vitest";
import { SHARED_DATA as SHARED } from "../../../test/paths.ts";
import {
  DIABETES_CARE_CODES,
  DIABETES_RESOLVED,
  FRAILTY_CODES,
  MEDICINES,
  OBSERVATIONS,
  RESOLVED_CODES,
  SMI_REMISSION,
  SMOKING_CODES,
} from "../src/catalogue.ts";
import { loadCodeBook } from "../src/code-book.ts";
import { CANCER_SITES, CONDITIONS } from "../src/conditions.ts";
import { MATERNITY_CODES } from "../src/maternity.ts";

const codes = (path: string) =>
  new Set(
    parseCsvObjects(readFileSync(join(SHARED, "codelists", path), "utf8")).map((r) => r.code ?? r.id ?? ""),
  );
const gmSet = (folder: string) => {
  const dir = join(SHARED, "codelists", "gm-sde", folder);
  const out = new Set<string>();
  for (const version of readdirSync(dir)) {
    for (const f of readdirSync(join(dir, version))) {
      for (const row of parseCsv(readFileSync(join(dir, version, f), "utf8"), "\t")) out.add(row[0] ?? "");
    }
  }
  return out;
};

describe("generator codes are in the real codelists", () => {
  it("each condition's usual codes are in its QOF cluster", () => {
    for (const spec of CONDITIONS) {
      const cluster = codes(`nhsd-qof/nhsd-primary-care-domain-refsets-${spec.cluster}_cod.csv`);
      for (const c of spec.usualCodes) expect(cluster.has(c), `${spec.id} ${c}`).toBe(true);
    }
    const can = codes("nhsd-qof/nhsd-primary-care-domain-refsets-c19can_cod.csv");
    for (const site of [...CANCER_SITES.F, ...CANCER_SITES.M])
      expect(can.has(site.snomed), site.snomed).toBe(true);
  });

  it("resolved, remission and frailty codes are in their clusters", () => {
    expect(codes("primis/primis-covid19-vacc-uptake-dmres.csv").has(DIABETES_RESOLVED)).toBe(true);
    expect(codes("primis/primis-covid19-vacc-uptake-smhres.csv").has(SMI_REMISSION)).toBe(true);
    expect(codes("nhsd-qof/nhsd-primary-care-domain-refsets-mildfrail_cod.csv").has(FRAILTY_CODES.mild)).toBe(
      true,
    );
    expect(
      codes("nhsd-qof/nhsd-primary-care-domain-refsets-modfrail_cod.csv").has(FRAILTY_CODES.moderate),
    ).toBe(true);
    expect(
      codes("nhsd-qof/nhsd-primary-care-domain-refsets-sevfrail_cod.csv").has(FRAILTY_CODES.severe),
    ).toBe(true);
  });

  it("observations and smoking codes are in the GM-SDE test and patient sets", () => {
    expect(gmSet("tests/hba1c").has(OBSERVATIONS.hba1c.code)).toBe(true);
    expect(gmSet("tests/systolic-blood-pressure").has(OBSERVATIONS.systolic.code)).toBe(true);
    expect(gmSet("tests/diastolic-blood-pressure").has(OBSERVATIONS.diastolic.code)).toBe(true);
    expect(gmSet("tests/cholesterol").has(OBSERVATIONS.cholesterol.code)).toBe(true);
    expect(gmSet("tests/egfr").has(OBSERVATIONS.egfr.code)).toBe(true);
    expect(gmSet("patient/bmi").has(OBSERVATIONS.bmi.code)).toBe(true);
    expect(gmSet("patient/smoking-status-current").has(SMOKING_CODES.current)).toBe(true);
    expect(gmSet("patient/smoking-status-ex").has(SMOKING_CODES.ex)).toBe(true);
    expect(gmSet("patient/smoking-status-never").has(SMOKING_CODES.never)).toBe(true);
  });

  it("every medicine is a dm+d code found in the GM-SDE medication sets or the dm+d inhaler lists", () => {
    const all = new Set<string>();
    const medsDir = join(SHARED, "codelists", "gm-sde", "medications");
    for (const m of readdirSync(medsDir)) for (const c of gmSet(`medications/${m}`)) all.add(c);
    const inhalerDir = join(SHARED, "codelists", "inhalers-dmd");
    for (const f of readdirSync(inhalerDir)) for (const c of codes(`inhalers-dmd/${f}`)) all.add(c);
    for (const [key, m] of Object.entries(MEDICINES)) expect(all.has(m.code), `${key} ${m.code}`).toBe(true);
  }, 30_000); // reads every GM-SDE medication set: seconds on a busy machine

  it("eFI deficit codes come from the eFI deficit sets and are never register diagnoses", () => {
    const book = loadCodeBook(SHARED);
    // Every deficit of Clegg's 36 that is not one of the generator's QOF conditions or polypharmacy.
    expect(book.frailtySymptoms.length).toBe(25);
    const dem = codes("nhsd-qof/nhsd-primary-care-domain-refsets-dem_cod.csv");
    for (const s of book.frailtySymptoms) expect(dem.has(s.code), s.deficit).toBe(false);
  });
});

describe("codes of the resolved conditions, care processes and maternity records", () => {
  it("each resolved code is in its QOF resolved refset (diabetes: PRIMIS DMRES)", () => {
    const refset = { HYP: "hypres", COPD: "copdres", CKD: "ckdres", EP: "epilres", HF: "hfres" } as const;
    for (const [id, file] of Object.entries(refset))
      expect(
        codes(`nhsd-qof-resolved/${file}_cod.csv`).has(RESOLVED_CODES[id as keyof typeof refset] ?? ""),
        id,
      ).toBe(true);
    expect(RESOLVED_CODES.DM).toBe(DIABETES_RESOLVED);
  });

  it("urine albumin, foot examination and retinal screening codes are in the GM-SDE sets the build reads", () => {
    expect(gmSet("tests/urinary-albumin-creatinine-ratio").has(DIABETES_CARE_CODES.uacr.code)).toBe(true);
    const diabetes = gmSet("conditions/efi-diabetes");
    for (const c of [
      DIABETES_CARE_CODES.footExamination,
      DIABETES_CARE_CODES.footScreen,
      DIABETES_CARE_CODES.retinalScreening,
    ])
      expect(diabetes.has(c), c).toBe(true);
  });

  it("pregnancy, delivery and postnatal codes are in the GM-SDE pregnancy sets", () => {
    const sets = [
      "pregnancy-antenatal",
      "pregnancy-edd",
      "pregnancy-delivery",
      "pregnancy-postnatal-8wk",
      "pregnancy-postnatal-other",
      "pregnancy-preg-related",
    ].map((f) => gmSet(`patient/${f}`));
    for (const c of Object.values(MATERNITY_CODES))
      expect(
        sets.some((s) => s.has(c)),
        c,
      ).toBe(true);
  });
});
