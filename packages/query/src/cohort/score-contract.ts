// The table contract the `score` criterion compiles against. Clinical scores (issue 5:
// eFI frailty, QDiabetes, QRISK3) and risk stratification (issue 6: emergency-admission
// risk, tier, segment) are built in parallel; each writes rows of this shape, one per
// person per score, at the build's as-of date. Until those builds land the table exists
// only where tests create it, and a cohort that uses a score fails with ScoreTableMissingError.

export const PERSON_SCORE_TABLE = "person_score";

export const PERSON_SCORE_COLUMNS = [
  { name: "person_id", type: "BIGINT", description: "Pseudonymous person key." },
  {
    name: "score",
    type: "VARCHAR",
    description: "Score name: efi, qdiabetes, qrisk3, admission_risk, segment, …",
  },
  { name: "value", type: "DOUBLE", description: "The score's value (null for purely categorical scores)." },
  {
    name: "band",
    type: "VARCHAR",
    description: "Band or label: fit/mild/moderate/severe for eFI; low/moderate/high; a segment name.",
  },
] as const;

/** Names the examples and docs use; any name matching ^[a-z][a-z0-9_]*$ is accepted. */
export const KNOWN_SCORES = {
  efi: "electronic Frailty Index (issue 5); bands fit, mild, moderate, severe",
  qdiabetes: "QDiabetes-2018 10-year risk of type 2 diabetes, % (issue 5)",
  qrisk3: "QRISK3 10-year cardiovascular risk, % (issue 5)",
  admission_risk: "12-month emergency admission risk, probability (issue 6); band = tier",
  mortality_risk: "12-month mortality risk, probability (issue 6); band = tier",
  segment: "population segment (issue 6); band = segment name, value null",
} as const;

/** The DDL tests use to stand the contract up. Portable SQL. */
export function personScoreDdl(): string {
  return `CREATE TABLE ${PERSON_SCORE_TABLE} (${PERSON_SCORE_COLUMNS.map((c) => `${c.name} ${c.type}${c.name === "person_id" || c.name === "score" ? " NOT NULL" : ""}`).join(", ")})`;
}

/** A cohort uses a score but the warehouse has no person_score table yet. */
export class ScoreTableMissingError extends Error {
  constructor(scores: readonly string[]) {
    super(
      `this cohort uses the score${scores.length > 1 ? "s" : ""} ${scores.join(", ")}, which need the ${PERSON_SCORE_TABLE} table; this warehouse has none yet (scores are built by the clinical-scores and risk-stratification builds)`,
    );
    this.name = "ScoreTableMissingError";
  }
}
