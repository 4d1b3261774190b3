// The pipeline steps with progress bars, shared by the single-step commands and `bevan demo`.
import { type BuildReport, buildWarehouse } from "@bevan/build";
import { loadSharedDm01Returns } from "@bevan/diagnostics-query";
import { type Engine, Warehouse } from "@bevan/engine";
import {
  type IngestReport,
  ingestPath,
  loadPseudonymKey,
  loadReferenceTables,
  reidentificationPath,
} from "@bevan/ingest";
import { createPersonScoreView } from "@bevan/query";
import { buildResources, type ResourcesReport } from "@bevan/resources";
import {
  modelCard,
  modelReport,
  RiskNotReadyError,
  SCORE_STEPS,
  type ScoreReport,
  saveModelCard,
  scoredModels,
  scoreRisk,
  TooFewOutcomesError,
} from "@bevan/risk";
import { type GenerateResult, generate } from "@bevan/synth";
import { keyFileFor, sharedDataDir } from "./config.ts";
import { formatCount, Progress } from "./progress.ts";

export async function generateStep(opts: {
  persons: number;
  seed: number;
  out: string;
  asOf: string;
}): Promise<GenerateResult> {
  const bar = new Progress("generate", opts.persons);
  const result = await generate({
    persons: opts.persons,
    seed: opts.seed,
    outDir: opts.out,
    asOf: opts.asOf,
    sharedDataDir: sharedDataDir(),
    onProgress: (done, total) => bar.update(done, `${formatCount(done)}/${formatCount(total)} people`),
  });
  const rows = result.manifest.files.reduce((sum, f) => sum + f.rows, 0);
  bar.finish(`${formatCount(opts.persons)} people, ${formatCount(rows)} rows in ${opts.out}`);
  return result;
}

export async function ingestStep(
  paths: readonly string[],
  db: string,
  opts: { quiet?: boolean; extractDate?: string; postcodeLookup?: string } = {},
): Promise<IngestReport[]> {
  const key = loadPseudonymKey(keyFileFor(db), { createDevKey: true });
  if (key.isDevelopmentKey && !opts.quiet) {
    process.stderr.write(
      `ingest: using the development pseudonymisation key in ${key.source} (set BEVAN_PSEUDONYM_KEY for real data)\n`,
    );
  }
  const wh = await Warehouse.open(db);
  try {
    const reports: IngestReport[] = [];
    for (const path of paths) {
      let bar: Progress | undefined;
      const report = await ingestPath(wh, path, {
        key,
        reidentificationPath: reidentificationPath(db),
        today: new Date().toISOString().slice(0, 10),
        ...(opts.extractDate ? { extractDate: opts.extractDate } : {}),
        ...(opts.postcodeLookup ? { postcodeLookup: opts.postcodeLookup } : {}),
        onProgress: (file, i, total) => {
          bar ??= new Progress("ingest", total);
          bar.update(i, file);
        },
      });
      await loadReferenceTables(wh, sharedDataDir());
      // Published DM01 returns, so the imaging dashboard shows real trusts' figures too.
      await loadSharedDm01Returns(wh, sharedDataDir());
      (bar ?? new Progress("ingest", 1)).finish(
        `${formatCount(report.rowsLoaded)} rows loaded, ${formatCount(report.rowsQuarantined)} quarantined, ${formatCount(report.persons)} people`,
      );
      reports.push(report);
    }
    return reports;
  } finally {
    wh.close();
  }
}

export async function buildStep(
  db: string,
  asOf: string | undefined,
  opts: { risk?: boolean } = {},
): Promise<
  BuildReport & { risk?: ScoreReport | { skipped: string }; resources: ResourcesReport | { skipped: string } }
> {
  const wh = await Warehouse.open(db);
  try {
    return await buildOn(wh, asOf, opts);
  } finally {
    wh.close();
  }
}

/**
 * The build on either engine. The risk models train and score on DuckDB only (fitting needs
 * the features in memory); a Trino build reads the scores its export carried.
 */
export async function buildOn(
  wh: Engine,
  asOf: string | undefined,
  opts: { risk?: boolean } = {},
): Promise<
  BuildReport & { risk?: ScoreReport | { skipped: string }; resources: ResourcesReport | { skipped: string } }
> {
  const bar = new Progress("build", 4);
  const report = await buildWarehouse(wh, {
    ...(asOf ? { asOf } : {}),
    sharedDataDir: sharedDataDir(),
    onProgress: (step, i) => bar.update(i, step),
  });
  bar.finish(
    `as of ${report.asOf}: ${formatCount(report.registered)} registered, ${formatCount(report.registerEntries)} register entries`,
  );
  let risk: ScoreReport | { skipped: string } | undefined;
  if (opts.risk !== false) {
    if (wh instanceof Warehouse) risk = await riskStep(wh, report.asOf);
    else {
      const skipped =
        "the risk models train on DuckDB (`bevan build --db`); this build uses the scores the export carried, if any were made at the same as-of date";
      process.stderr.write(`risk: ${skipped}\n`);
      risk = { skipped };
    }
  }
  // The cohort language reads every score through one person_score view.
  await createPersonScoreView(wh);
  let resources: ResourcesReport | { skipped: string };
  if (wh instanceof Warehouse) resources = await resourcesStep(wh);
  else {
    const skipped = "costs and fair shares are built on DuckDB (`bevan build --db`)";
    process.stderr.write(`costs: ${skipped}\n`);
    resources = { skipped };
  }
  return risk === undefined ? { ...report, resources } : { ...report, risk, resources };
}

/** Trains the risk models and scores everyone; a warehouse too small or too short to learn from is skipped with a note. */
async function riskStep(wh: Warehouse, asOf: string): Promise<ScoreReport | { skipped: string }> {
  const bar = new Progress("risk", SCORE_STEPS.length);
  try {
    const r = await scoreRisk(wh, {
      asOf,
      sharedDataDir: sharedDataDir(),
      onProgress: (step, i) => bar.update(i, step),
    });
    bar.finish(`${formatCount(r.scored)} people scored; models ${r.models.map((m) => m.version).join(", ")}`);
    return r;
  } catch (error) {
    if (error instanceof RiskNotReadyError || error instanceof TooFewOutcomesError) {
      bar.finish(`skipped: ${error.message}`);
      return { skipped: error.message };
    }
    throw error;
  }
}

/**
 * The model card the web app shows beside risk scores: `bevan model report` on the scored
 * warehouse, summarised and kept in build_info. Skipped (with a note) when the data are too
 * short to validate out of time or the build made no scores.
 */
export async function modelCardStep(db: string): Promise<void> {
  const wh = await Warehouse.open(db);
  try {
    const models = await scoredModels(wh);
    if (!models.admission) return;
    process.stderr.write("model card: validating the risk models out of time…\n");
    const report = await modelReport(wh, { sharedDataDir: sharedDataDir() });
    await saveModelCard(wh, modelCard(report, new Date().toISOString(), models));
    process.stderr.write(
      `model card: emergency admission AUROC ${report.admission.model.auroc.toFixed(2)}, calibration slope ${report.admission.model.calibrationSlope.toFixed(2)}\n`,
    );
  } catch (error) {
    if (error instanceof RiskNotReadyError || error instanceof TooFewOutcomesError)
      process.stderr.write(`model card: skipped: ${error.message}\n`);
    else throw error;
  } finally {
    wh.close();
  }
}

/** Prices the activity and fits the fair-share formulas (docs/resources.md). */
export async function resourcesStep(wh: Warehouse): Promise<ResourcesReport> {
  const bar = new Progress("costs", 2);
  bar.update(0, "pricing activity");
  const r = await buildResources(wh);
  const year0 = r.costs.totals.find((t) => t.year === 0);
  const gaps = r.costs.gaps.filter((g) => g.year === 0).reduce((s, g) => s + g.activity, 0);
  const fit =
    "skipped" in r.allocation
      ? `fair shares skipped: ${r.allocation.skipped}`
      : `fair shares fitted for ${formatCount(r.allocation.people)} people`;
  bar.finish(
    `£${Math.round(year0?.cost ?? 0).toLocaleString("en-GB")} priced in the last 12 months (${r.costs.unitCosts.origin} unit costs); ${formatCount(gaps)} activity rows without a unit cost; ${fit}`,
  );
  return r;
}
