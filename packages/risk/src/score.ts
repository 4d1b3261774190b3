// Scores everyone registered at the build's as-of date: trains both models on the most
// recent complete year (features at as-of minus 12 months, outcomes up to the as-of date),
// then stores each person's risks, tier, segment and top factors, and the models, in one
// transaction.
import { personRisk, personRiskFactor, RISK_TABLES, riskModel } from "@bevan/domain";
import { createTableSql, getBuildInfo, setBuildInfo, type Warehouse } from "@bevan/engine";
import { assignTiers, topFactors } from "@bevan/models";
import { readDataset } from "./dataset.ts";
import { addMonthsIso } from "./dates.ts";
import { loadEfiSymptomCodes } from "./efi-codes.ts";
import { type DataSource, SOURCE_DATES } from "./feature-spec.ts";
import { CONDITION_GROUP_NAMES, SEGMENTS } from "./segments.ts";
import { predict, type SourceStarts, type TrainedModel, trainModel } from "./train.ts";

export interface ScoreOptions {
  readonly sharedDataDir: string;
  /** Defaults to the build's as-of date. */
  readonly asOf?: string;
  readonly lambda?: number;
  readonly onProgress?: (step: string, index: number, total: number) => void;
}

export interface ScoreReport {
  readonly asOf: string;
  readonly scored: number;
  readonly models: readonly Pick<TrainedModel, "outcome" | "version" | "rows" | "events" | "seconds">[];
  readonly seconds: number;
}

export const SCORE_STEPS = ["features", "train", "score", "store"] as const;
/** People in the top share of mortality risk who are not on the palliative care register are flagged. */
export const END_OF_LIFE_TOP_SHARE = 0.01;
export const FACTORS_PER_MODEL = 5;

export class RiskNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RiskNotReadyError";
  }
}

/**
 * The span of the data: the first hospital, A&E or outpatient date (the activity history), the
 * extract date, and each source's own first date, by which each feature's window is judged.
 */
export async function dataWindow(
  wh: Warehouse,
): Promise<{ start: string; end: string; sources: SourceStarts }> {
  const sources = Object.entries(SOURCE_DATES) as [DataSource, string][];
  const row = await wh.one<Record<string, Date | null>>(
    `SELECT ${sources.map(([t, col]) => `(SELECT min(${col}) FROM ${t}) AS ${t}`).join(", ")}`,
  );
  const iso = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
  const starts = Object.fromEntries(sources.map(([t]) => [t, iso(row[t])])) as Record<
    DataSource,
    string | null
  >;
  const activity = [starts.hospital_spell, starts.ae_attendance, starts.outpatient_attendance]
    .filter((d): d is string => d !== null)
    .sort()[0];
  const info = await getBuildInfo(wh);
  const end = info.extract_date ?? info.as_of;
  if (!activity || !end) throw new RiskNotReadyError("the warehouse has no hospital activity to learn from");
  return { start: activity, end, sources: starts };
}

export async function ensureRiskTables(wh: Warehouse): Promise<void> {
  for (const t of RISK_TABLES)
    if (!(await wh.tableExists(t.name))) await wh.exec(createTableSql(t, wh.dialect));
}

export async function scoreRisk(wh: Warehouse, options: ScoreOptions): Promise<ScoreReport> {
  const started = performance.now();
  const progress = (i: number) => options.onProgress?.(SCORE_STEPS[i] ?? "", i, SCORE_STEPS.length);
  const info = await getBuildInfo(wh);
  const asOf = options.asOf ?? info.as_of;
  if (!asOf)
    throw new RiskNotReadyError(`the warehouse has not been built: run \`bevan build --db ${wh.path}\``);
  const window = await dataWindow(wh);
  const trainAt = addMonthsIso(asOf, -12);
  if (asOf > window.end) {
    throw new RiskNotReadyError(
      `the as-of date ${asOf} is after the end of the data (${window.end}): the training outcomes would be incomplete`,
    );
  }
  progress(0);
  await loadEfiSymptomCodes(wh, options.sharedDataDir);
  const train = await readDataset(wh, trainAt, { forTraining: true });
  const now = await readDataset(wh, asOf);
  progress(1);
  const fitOptions = {
    sourceStarts: window.sources,
    ...(options.lambda !== undefined ? { lambda: options.lambda } : {}),
  };
  const admission = trainModel(train, "admission", fitOptions);
  const mortality = trainModel(train, "mortality", fitOptions);
  progress(2);
  const pAdm = predict(admission, now);
  const pDeath = predict(mortality, now);
  const tiers = assignTiers(pAdm);
  const eolCut =
    [...pDeath].sort((a, b) => b - a)[Math.max(0, Math.round(END_OF_LIFE_TOP_SHARE * now.rows) - 1)] ?? 1;
  const onPc = now.features.register_pc ?? new Float64Array(now.rows);
  progress(3);
  await wh.transaction(async () => {
    await ensureRiskTables(wh);
    await wh.exec(
      `DELETE FROM ${personRisk.name}; DELETE FROM ${personRiskFactor.name}; DELETE FROM ${riskModel.name}`,
    );
    await wh.exec(
      "CREATE OR REPLACE TEMP TABLE _risk_out (person_id BIGINT, admission_risk DOUBLE, risk_tier VARCHAR, mortality_risk DOUBLE, eol BOOLEAN, segment VARCHAR, condition_group VARCHAR)",
    );
    const out = await wh.appender("_risk_out");
    for (let i = 0; i < now.rows; i++) {
      out.appendBigInt(now.personIds[i] ?? 0n);
      out.appendDouble(pAdm[i] ?? 0);
      out.appendVarchar(tiers[i] ?? "low");
      out.appendDouble(pDeath[i] ?? 0);
      out.appendBoolean((pDeath[i] ?? 0) >= eolCut && (onPc[i] ?? 0) === 0);
      out.appendVarchar(SEGMENTS[now.segment[i] ?? 0]?.id ?? "healthy");
      out.appendVarchar(CONDITION_GROUP_NAMES[now.conditionGroup[i] ?? 0] ?? "none");
      out.endRow();
    }
    out.closeSync();
    const d = wh.dialect;
    await wh.exec(`INSERT INTO ${personRisk.name} SELECT o.person_id, ${d.dateLiteral(asOf)}, o.admission_risk, o.risk_tier,
        o.mortality_risk, o.eol, o.segment, o.condition_group, ${d.stringLiteral(admission.version)}, ${d.stringLiteral(mortality.version)}
      FROM _risk_out AS o`);
    const factors = await wh.appender(personRiskFactor.name);
    for (const model of [admission, mortality]) {
      const row = new Float64Array(model.features.length);
      const cols = model.features.map((f) => now.features[f] ?? new Float64Array(now.rows));
      for (let i = 0; i < now.rows; i++) {
        for (let j = 0; j < cols.length; j++) row[j] = cols[j]?.[i] ?? 0;
        topFactors(model, row, FACTORS_PER_MODEL).forEach((f, rank) => {
          factors.appendBigInt(now.personIds[i] ?? 0n);
          factors.appendVarchar(model.outcome);
          factors.appendInteger(rank + 1);
          factors.appendVarchar(model.features[f.feature] ?? "");
          factors.appendDouble(f.contribution);
          factors.endRow();
        });
      }
    }
    factors.closeSync();
    for (const model of [admission, mortality]) {
      const terms = [
        ["intercept", model.intercept, null] as const,
        ...model.features.map((f, j) => [f, model.coefficients[j] ?? 0, model.means[j] ?? 0] as const),
      ];
      const values = terms
        .map(
          ([term, coef, mean]) =>
            `(${d.stringLiteral(model.version)}, ${d.stringLiteral(model.outcome)}, ${d.dateLiteral(model.indexDate)}, ${model.rows}, ${model.events}, ${d.stringLiteral(term)}, ${coef}, ${mean ?? "NULL"})`,
        )
        .join(", ");
      await wh.exec(`INSERT INTO ${riskModel.name} VALUES ${values}`);
    }
    await setBuildInfo(wh, {
      risk_as_of: asOf,
      admission_model: admission.version,
      mortality_model: mortality.version,
    });
  });
  await wh.exec("DROP TABLE IF EXISTS _risk_out; DROP TABLE IF EXISTS _risk_efi_code");
  options.onProgress?.("done", SCORE_STEPS.length, SCORE_STEPS.length);
  return {
    asOf,
    scored: now.rows,
    models: [admission, mortality].map((m) => ({
      outcome: m.outcome,
      version: m.version,
      rows: m.rows,
      events: m.events,
      seconds: m.seconds,
    })),
    seconds: (performance.now() - started) / 1000,
  };
}
