// Hand-written SQL for the example cohorts, written independently of the compiler with
// literal dates for an as-of of 2026-03-31. Used by examples.int.test.ts (same people); the
// benchmark's portable version, for any as-of date and PostgreSQL too, is bench/reference/cohorts.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CodesNode, CohortDefinition } from "../../src/cohort/ir.ts";
import { validateCohort } from "../../src/cohort/validate.ts";

export const AS_OF = "2026-03-31";
const EXAMPLES = join(import.meta.dirname, "..", "..", "examples");
export const load = (name: string): CohortDefinition =>
  validateCohort(JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), "utf8")));
const list = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(", ");
/** The codes of the n-th code set in an example, read from the file (the definition's data). */
function codesIn(def: CohortDefinition, n: number): readonly string[] {
  const found: CodesNode[] = [];
  JSON.stringify(def, (_k, v) => {
    if (v && typeof v === "object" && v.kind === "codes") found.push(v);
    return v;
  });
  return found[n]?.codes ?? [];
}

export const REGISTERED = `SELECT person_id FROM person_asof WHERE registered`;
const LTC = [
  "AF",
  "AST",
  "CHD",
  "CKD",
  "COPD",
  "DEM",
  "DEP",
  "DM",
  "EP",
  "HF",
  "HYP",
  "MH",
  "OST",
  "PAD",
  "RA",
  "STIA",
  "CAN",
];

export const HAND: Record<string, (def: CohortDefinition) => string> = {
  "learning-disability": () => `${REGISTERED} AND learning_disability`,
  "deprived-multimorbidity": () =>
    `${REGISTERED} AND imd_quintile = 1 AND person_id IN (SELECT person_id FROM register WHERE register IN (${list(LTC)}) GROUP BY person_id HAVING count(*) >= 5)`,
  "clozapine-secondary-care-only": (def) => `${REGISTERED}
    AND person_id IN (SELECT m.person_id FROM medication_issue m LEFT JOIN organisation o ON o.org_code = m.source_org
      WHERE m.code IN (${list(codesIn(def, 0))}) AND m.issue_date > DATE '2025-03-31' AND m.issue_date <= DATE '${AS_OF}' AND coalesce(o.org_type, '') <> 'practice')
    AND person_id NOT IN (SELECT m.person_id FROM medication_issue m JOIN organisation o ON o.org_code = m.source_org
      WHERE m.code IN (${list(codesIn(def, 0))}) AND m.issue_date > DATE '2025-03-31' AND m.issue_date <= DATE '${AS_OF}' AND o.org_type = 'practice')`,
  "inhaler-duplication": (def) => `${REGISTERED}
    AND person_id IN (SELECT person_id FROM medication_issue WHERE code IN (${list(codesIn(def, 0))}) AND issue_date BETWEEN DATE '2025-04-01' AND DATE '${AS_OF}')
    AND person_id IN (SELECT person_id FROM medication_issue WHERE code IN (${list(codesIn(def, 1))}) AND issue_date BETWEEN DATE '2025-04-01' AND DATE '${AS_OF}')`,
  "bin-collection-frailty": (def) => `${REGISTERED}
    AND person_id IN (SELECT person_id FROM social_care_service WHERE service_type = 'assisted_bin_collection' AND start_date <= DATE '${AS_OF}' AND (end_date IS NULL OR end_date >= DATE '2025-04-01'))
    AND person_id IN (SELECT person_id FROM gp_event WHERE coding_system = 'snomedct' AND code IN (${list(codesIn(def, 0))}) AND event_date <= DATE '${AS_OF}')`,
  "elderly-diabetes-polypharmacy": (def) => `${REGISTERED} AND age >= 75
    AND person_id IN (SELECT person_id FROM register WHERE register = 'DM')
    AND person_id IN (SELECT person_id FROM gp_event WHERE code IN (${list(codesIn(def, 0))}) AND value IS NOT NULL AND event_date > DATE '2024-12-31' AND event_date <= DATE '${AS_OF}'
      QUALIFY row_number() OVER (PARTITION BY person_id ORDER BY event_date DESC, value DESC) = 1 AND value < 58)
    AND person_id IN (SELECT person_id FROM medication_issue WHERE issue_date > DATE '2025-03-31' AND issue_date <= DATE '${AS_OF}' GROUP BY person_id HAVING count(DISTINCT code) >= 10)`,
};

/**
 * The score examples, hand-written over the tables the clinical and risk builds write
 * (person_clinical, person_risk) rather than the person_score view the compiler reads. Only
 * for a warehouse built with scores at its as-of date (the benchmark checks).
 */
export const HAND_SCORED: Record<string, (def: CohortDefinition) => string> = {
  "learning-disability-high-admission-risk": () =>
    `${REGISTERED} AND learning_disability AND person_id IN (SELECT person_id FROM person_risk WHERE risk_tier IN ('very_high', 'high'))`,
  "high-mortality-not-palliative": () => `${REGISTERED}
    AND person_id IN (SELECT person_id FROM person_risk WHERE end_of_life_candidate)`,
  "ndh-high-qdiabetes": () => `${REGISTERED}
    AND person_id IN (SELECT person_id FROM register WHERE register = 'NDH')
    AND person_id NOT IN (SELECT person_id FROM register WHERE register = 'DM')
    AND person_id IN (SELECT person_id FROM person_clinical WHERE qdiabetes_10y_percent >= 10)`,
  "bin-collection-efi-frailty": () => `${REGISTERED}
    AND person_id IN (SELECT person_id FROM social_care_service WHERE service_type = 'assisted_bin_collection' AND start_date <= DATE '${AS_OF}' AND (end_date IS NULL OR end_date > DATE '2025-03-31'))
    AND person_id IN (SELECT person_id FROM person_clinical WHERE efi_band IN ('moderate', 'severe'))`,
};
