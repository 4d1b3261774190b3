// Each worklist, written in the cohort language, finds exactly the people the build's own
// implementation of the same rule finds on the shared 20,000-person warehouse: the
// medicines-safety audits (safety_audit_finding), the diabetes care gaps (diabetes_care) and
// the end-of-life candidates of the risk build (person_risk). Two independent
// implementations of each rule, in different code, agreeing.
import { Warehouse } from "@bevan/engine";
import { cohortMembers } from "@bevan/query";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { scoredDemo } from "../../../test/scored-demo.ts";
import { WORKLISTS, worklist } from "../src/catalogue.ts";

let wh: Warehouse;
let asOf: string;
beforeAll(async () => {
  // Two worklists read the risk and clinical scores, which the shared warehouse is built without.
  const demo = await scoredDemo(inject("demo"));
  wh = await Warehouse.open(demo.db, { readOnly: true });
  asOf = (await wh.one<{ value: string }>("SELECT value FROM build_info WHERE key = 'as_of'")).value;
});
afterAll(() => {
  wh?.close();
});

const REGISTERED = "person_id IN (SELECT person_id FROM person_asof WHERE registered)";

/** The build's answer for each worklist, from the tables it writes. */
const BUILD: Record<string, string> = {
  "inhaler-duplication": "SELECT person_id FROM safety_audit_finding WHERE audit_id = 'inhaler-duplication'",
  "clozapine-secondary-care-only":
    "SELECT person_id FROM safety_audit_finding WHERE audit_id = 'secondary-care-medicine-not-in-gp-record'",
  "elderly-diabetes-deprescribing":
    "SELECT person_id FROM safety_audit_finding WHERE audit_id = 'elderly-diabetes-deprescribing'",
  "end-of-life-not-palliative": `SELECT person_id FROM person_risk WHERE end_of_life_candidate AND ${REGISTERED}`,
  "diabetes-hba1c-above-target": `SELECT person_id FROM diabetes_care WHERE NOT hba1c_target AND ${REGISTERED}`,
  "diabetes-no-statin": `SELECT person_id FROM diabetes_care WHERE NOT statin AND ${REGISTERED}`,
  "diabetes-care-processes-missing": `SELECT person_id FROM diabetes_care WHERE processes_8 < 8 AND ${REGISTERED}`,
  "high-risk-type-2-diabetes": `SELECT person_id FROM person_clinical WHERE qdiabetes_10y_percent >= 10 AND ${REGISTERED}
    AND person_id NOT IN (SELECT person_id FROM register WHERE register = 'DM')`,
};

describe("worklists agree with the build's own rules", () => {
  it("every worklist has the build's rule to check it against", () => {
    expect(Object.keys(BUILD).sort()).toEqual(WORKLISTS.map((w) => w.id).sort());
  });

  for (const w of WORKLISTS)
    it(`${w.id}: the same people as the build`, async () => {
      const members = await cohortMembers(wh, w.cohort, asOf);
      const expected = (
        await wh.json<{ person_id: string }>(
          `SELECT DISTINCT person_id FROM (${BUILD[w.id]}) AS x ORDER BY 1`,
        )
      ).map((r) => String(r.person_id));
      expect(members).toEqual(expected);
    });

  it("the inhaler classes written out as codes are exactly the union of the build's dm+d lists", async () => {
    const def = worklist("inhaler-duplication")?.cohort;
    const of = def?.criteria.kind === "or" ? def.criteria.of : [];
    const codes = (i: number) => {
      const c = of[i];
      return c?.kind === "distinct_medicines" && c.codes?.kind === "codes" ? [...c.codes.codes].sort() : [];
    };
    const union = async (ids: string[]) =>
      (
        await wh.json<{ code: string }>(
          `SELECT DISTINCT code FROM codelist_code WHERE codelist_id IN (${ids.map((i) => `'${i}'`).join(", ")}) ORDER BY code`,
        )
      ).map((r) => r.code);
    expect(codes(1)).toEqual(
      await union([
        "inhalers-dmd/laba_single_codelist",
        "inhalers-dmd/laba_ics_codelist",
        "inhalers-dmd/lama_laba_codelist",
        "inhalers-dmd/lama_triple_codelist",
      ]),
    );
    expect(codes(2)).toEqual(
      await union(["inhalers-dmd/lama_single_codelist", "inhalers-dmd/lama_multi_codelist"]),
    );
  });
});
