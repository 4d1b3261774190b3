// QDiabetes-2018 models A, B and C against the 21 worked examples of the qdiabetes R package
// README (../shared/data/vectors/qdiabetes), each to the precision it was printed with.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvObjects } from "@bevan/domain";
import { describe, expect, it } from "vitest";
import { type QDiabetesInput, type QDiabetesModel, qdiabetes } from "../src/scores/qdiabetes.ts";

const file = join(
  import.meta.dirname,
  "../../../../shared/data/vectors/qdiabetes/readme_examples_r_package.csv",
);
const rows = parseCsvObjects(readFileSync(file, "utf8"));
const ETHN = [
  "WhiteNA",
  "Indian",
  "Pakistani",
  "Bangladeshi",
  "OtherAsian",
  "BlackCaribbean",
  "BlackAfrican",
  "Chinese",
  "Other",
];
const SMOKE = ["Non", "Ex", "Light", "Moderate", "Heavy"];

function input(r: Record<string, string>): QDiabetesInput {
  return {
    age: Number(r.age),
    sex: r.sex === "Female" ? "female" : "male",
    ethnicity: ETHN.indexOf(r.ethn ?? "") + 1,
    smoking: SMOKE.indexOf(r.smoke ?? ""),
    townsend: Number(r.tds),
    bmi: Number(r.bmi),
    atypicalAntipsychotics: false,
    corticosteroids: false,
    cvd: false,
    gestationalDiabetes: false,
    learningDisability: false,
    severeMentalIllness: false,
    pcos: false,
    statins: false,
    treatedHypertension: false,
    familyHistoryDiabetes: false,
    ...(r.fpg_mmol_per_L ? { fastingGlucose: Number(r.fpg_mmol_per_L) } : {}),
    ...(r.hba1c_mmol_per_mol ? { hba1c: Number(r.hba1c_mmol_per_mol) } : {}),
  };
}

/** Decimal places the expected value was printed with (significant figures of R's print). */
const places = (s: string) => (s.split(".")[1] ?? "").length;

describe("QDiabetes-2018", () => {
  it("has the 21 worked examples", () => expect(rows).toHaveLength(21));
  it.each(rows.map((r, i) => [i + 1, r.model, r] as const))("example %i (model %s)", (_i, model, r) => {
    const expected = r.expected_risk_percent ?? "";
    const got = qdiabetes(model as QDiabetesModel, input(r)).value;
    expect(got.toFixed(places(expected))).toBe(Number(expected).toFixed(places(expected)));
  });
  it("refuses model B without a fasting glucose and model C at a diabetic HbA1c", () => {
    const r = rows[0];
    if (!r) throw new Error("no vectors");
    expect(() => qdiabetes("B", input(r))).toThrow(/fasting_glucose/);
    expect(() => qdiabetes("C", { ...input(r), hba1c: 48 })).toThrow(/hba1c/);
  });
});
