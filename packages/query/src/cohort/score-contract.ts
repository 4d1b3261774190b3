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
  hfrs: "Hospital Frailty Risk Score (issue 5); bands low, intermediate, high",
  charlson: "Charlson comorbidity index, Quan 2011 weights (issue 5)",
  admission_risk: "12-month emergency admission risk, probability (issue 6); band = tier",
  mortality_risk: "12-month mortality risk, probability (issue 6); band = high (top 1%) or low",
  segment: "population segment (issue 6); band = segment name, value null",
} as const;

/** The DDL tests use to stand the contract up. Portable SQL. */
export function personScoreDdl(): string {
  return `CREATE TABLE ${PERSON_SCORE_TABLE} (${PERSON_SCORE_COLUMNS.map((c) => `${c.name} ${c.type}${c.name === "person_id" || c.name === "score" ? " NOT NULL" : ""}`).join(", ")})`;
}

/** Scores the risk build writes (`bevan build` without --no-risk); the rest come from the clinical build. */
export const RISK_SCORES: readonly string[] = ["admission_risk", "mortality_risk", "segment"];

/**
 * A cohort uses scores this warehouse has not built for its as-of date (built with
 * --no-risk, scored at another date, or an unknown score name): a user-fixable error.
 */
export class ScoresNotBuiltError extends Error {
  readonly scores: readonly string[];
  constructor(scores: readonly string[], at: { asOf: string; riskAsOf?: string; db?: string }) {
    const db = at.db ?? "FILE";
    const trinoBuild = db.startsWith("trino://");
    const names = scores.join(", ");
    const risk = scores.filter((s) => RISK_SCORES.includes(s));
    const unknown = scores.filter((s) => !RISK_SCORES.includes(s) && !(s in KNOWN_SCORES));
    const fixes: string[] = [];
    if (risk.length > 0 && trinoBuild)
      fixes.push(
        "the risk models train on DuckDB: run `bevan build --db FILE` there (without --no-risk), export it again (`bevan export parquet --engine`) and rebuild on Trino",
      );
    else if (risk.length > 0)
      fixes.push(
        `run \`bevan build --db ${db}\` without --no-risk${at.riskAsOf && at.riskAsOf !== at.asOf ? ` (its risk scores are for ${at.riskAsOf}, not the build's as-of date)` : ""}`,
      );
    if (unknown.length > 0)
      fixes.push(
        `check the score name${unknown.length > 1 ? "s" : ""}: known scores are ${Object.keys(KNOWN_SCORES).join(", ")}`,
      );
    if (scores.length > risk.length + unknown.length)
      fixes.push(
        `run \`bevan build ${trinoBuild ? "--engine" : "--db"} ${db}\` to compute the clinical scores`,
      );
    super(
      `this cohort uses ${names}, which this warehouse has not scored for ${at.asOf}: ${fixes.join("; ")}`,
    );
    this.name = "ScoresNotBuiltError";
    this.scores = scores;
  }
}

/** Of `scores`, those with no rows in person_score (all of them when the table is missing). */
export async function scoresNotBuilt(
  wh: {
    tableExists(name: string): Promise<boolean>;
    all<T extends Record<string, unknown>>(sql: string, params?: string[]): Promise<T[]>;
  },
  scores: readonly string[],
): Promise<string[]> {
  if (scores.length === 0) return [];
  if (!(await wh.tableExists(PERSON_SCORE_TABLE))) return [...scores];
  const missing: string[] = [];
  // One probe per score: the view's constant score column lets the engine skip the other parts.
  for (const s of scores) {
    const hit = await wh.all(`SELECT 1 AS hit FROM ${PERSON_SCORE_TABLE} WHERE score = ? LIMIT 1`, [s]);
    if (hit.length === 0) missing.push(s);
  }
  return missing;
}

/**
 * Stands the contract up over what the builds wrote: person_clinical (issue 5) and
 * person_risk (issue 6), each included only when present and, for risk, scored at the
 * build's as-of date. Called at the end of a build.
 */
export async function createPersonScoreView(wh: {
  exec(sql: string): Promise<void>;
  tableExists(name: string): Promise<boolean>;
  all<T extends Record<string, unknown>>(sql: string): Promise<T[]>;
}): Promise<boolean> {
  const info = Object.fromEntries(
    (await wh.all<{ key: string; value: string }>("SELECT key, value FROM build_info")).map((r) => [
      r.key,
      r.value,
    ]),
  );
  const parts: string[] = [];
  if (await wh.tableExists("person_clinical")) {
    parts.push(
      "SELECT person_id, 'efi' AS score, efi AS value, efi_band AS band FROM person_clinical WHERE efi IS NOT NULL",
      "SELECT person_id, 'hfrs', hfrs, hfrs_band FROM person_clinical WHERE hfrs IS NOT NULL",
      "SELECT person_id, 'charlson', charlson, NULL FROM person_clinical WHERE charlson IS NOT NULL",
      "SELECT person_id, 'qrisk3', qrisk3_10y_percent, NULL FROM person_clinical WHERE qrisk3_10y_percent IS NOT NULL",
      "SELECT person_id, 'qdiabetes', qdiabetes_10y_percent, NULL FROM person_clinical WHERE qdiabetes_10y_percent IS NOT NULL",
    );
  }
  // Risk scores from a build at another as-of date (e.g. after `bevan build --no-risk`) are stale: leave them out.
  if ((await wh.tableExists("person_risk")) && info.risk_as_of === info.as_of) {
    parts.push(
      "SELECT person_id, 'admission_risk', admission_risk, risk_tier FROM person_risk",
      // Mortality band: 'high' for the top 1% of predicted risk, cut as the risk build cuts its
      // end-of-life candidates (the round(1% of N)-th highest risk and every risk tied with it), else 'low'.
      "SELECT person_id, 'mortality_risk', mortality_risk, CASE WHEN rank() OVER (ORDER BY mortality_risk DESC) <= greatest(1, round(0.01 * count(*) OVER ())) THEN 'high' ELSE 'low' END FROM person_risk",
      "SELECT person_id, 'segment', NULL, segment FROM person_risk",
    );
  }
  if (parts.length === 0) return false;
  await wh.exec(`CREATE OR REPLACE VIEW ${PERSON_SCORE_TABLE} AS\n${parts.join("\nUNION ALL\n")}`);
  return true;
}
