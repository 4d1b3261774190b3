// Every ICD-10 and OPCS-4 code in the shared test warehouse (the generator's hospital
// diagnoses, procedures and causes of death) has a title to show in place of the code.
import { icd10Term, opcs4Term } from "@bevan/domain";
import { Warehouse } from "@bevan/engine";
import { describe, expect, inject, it } from "vitest";

describe("clinical terms for the codes in the warehouse", () => {
  it("ICD-10 and OPCS-4 codes all have titles", async () => {
    const wh = await Warehouse.open(inject("demo").db, { readOnly: true });
    try {
      const icd = await wh.all<{ code: string }>(
        `SELECT DISTINCT code FROM (SELECT code FROM hospital_diagnosis UNION SELECT primary_diagnosis FROM hospital_spell
         UNION SELECT underlying_cause FROM death) c WHERE code IS NOT NULL`,
      );
      const opcs = await wh.all<{ code: string }>("SELECT DISTINCT code FROM hospital_procedure");
      expect(icd.length).toBeGreaterThan(20);
      expect(icd.filter((r) => icd10Term(r.code) === null).map((r) => r.code)).toEqual([]);
      expect(opcs.filter((r) => opcs4Term(r.code) === null).map((r) => r.code)).toEqual([]);
    } finally {
      wh.close();
    }
  });
});
