// `bevan model report`: the honest measurement of the models. Train on features at V − 12
// months with outcomes in the following year; validate out of time on features at V with
// outcomes in the year after V (never on training rows); compare with the oracle (the
// generator's true probabilities) when the truth is given; audit by group; and compute the
// risk pyramid and the Bridges to Health cohorts from the validation year.
import type { Warehouse } from "@bevan/engine";
import {
  assignTiers,
  aurocDifferenceWithCi,
  calibration,
  type Evaluation,
  evaluate,
  evaluateGroups,
  type GroupEvaluation,
  type Pyramid,
  pyramid,
  smallestCovering,
} from "@bevan/models";
import { type Dataset, readDataset } from "./dataset.ts";
import { addMonthsIso } from "./dates.ts";
import { loadEfiSymptomCodes } from "./efi-codes.ts";
import { dataWindow, RiskNotReadyError } from "./score.ts";
import { CONDITION_GROUP_NAMES, SEGMENTS } from "./segments.ts";
import { type Outcome, predict, type SourceStarts, type TrainedModel, trainModel } from "./train.ts";
import { readTruth, type TruthRisk } from "./truth.ts";

export interface ReportOptions {
  readonly sharedDataDir: string;
  /** Index date of the validation features (default: 12 months before the end of the data). */
  readonly validationDate?: string;
  readonly truth?: { readonly dir: string; readonly key: Buffer };
  readonly seed?: number;
  readonly replicates?: number;
  readonly lambda?: number;
  readonly targetReduction?: number;
}

export interface ModelFigures {
  readonly auroc: number;
  readonly aurocCi: readonly [number, number];
  readonly calibrationSlope: number;
  readonly calibrationSlopeCi: readonly [number, number];
  readonly calibrationIntercept: number;
  readonly calibrationInterceptCi: readonly [number, number];
  readonly observedOverExpected: number;
  readonly brier: number;
  readonly n: number;
  readonly events: number;
  readonly calibrationBins: Evaluation["bins"];
  readonly top: Evaluation["top"];
}

/**
 * The ceilings: the generator's true probabilities (every driver, recorded or not) and, for
 * admissions, the recorded-information oracle (truth/risk.csv `p_emergency_admission_recorded`:
 * unrecorded drivers integrated out given the record). Gaps are oracle − model on the same
 * people, with paired bootstrap CIs.
 */
export interface OracleFigures {
  readonly auroc: number;
  readonly aurocCi: readonly [number, number];
  readonly gap: number;
  readonly gapCi: readonly [number, number];
  readonly calibrationSlope: number;
  readonly brier: number;
  readonly n: number;
  readonly recorded: {
    readonly auroc: number;
    readonly aurocCi: readonly [number, number];
    readonly gap: number;
    readonly gapCi: readonly [number, number];
    readonly calibrationSlope: number;
  } | null;
}

export interface OutcomeReport {
  readonly model: ModelFigures & {
    readonly version: string;
    readonly trainingRows: number;
    readonly trainingEvents: number;
    readonly trainingSeconds: number;
  };
  readonly oracle: OracleFigures | null;
  readonly groups: readonly GroupEvaluation[];
}

export interface ModelReport {
  readonly design: {
    readonly trainingIndexDate: string;
    readonly validationIndexDate: string;
    readonly outcomeWindow: string;
    readonly dataStart: string;
    readonly dataEnd: string;
    /** Each source's first date: a feature whose window at the training date starts earlier is left out. */
    readonly sourceStarts: SourceStarts;
    readonly featuresUsed: readonly string[];
    readonly featuresExcluded: TrainedModel["excluded"];
    readonly seed: number;
  };
  readonly model: ModelFigures;
  /** `auroc`: the true probabilities' AUROC; `recordedAuroc`: the recorded-information oracle's (null when the truth predates it). */
  readonly oracle: { readonly auroc: number; readonly recordedAuroc: number | null } | null;
  readonly groups: readonly GroupEvaluation[];
  readonly admission: OutcomeReport;
  readonly mortality: OutcomeReport;
  readonly acceptance: {
    readonly aurocGapToOracle: number | null;
    readonly aurocGapToOracleCi: readonly [number, number] | null;
    readonly aurocWithin003OfOracle: boolean | null;
    readonly aurocGapToRecordedOracle: number | null;
    readonly aurocGapToRecordedOracleCi: readonly [number, number] | null;
    readonly calibrationSlopeWithin085To115: boolean;
  };
  readonly pyramid: Pyramid;
  readonly segments: readonly {
    readonly segment: string;
    readonly label: string;
    readonly persons: number;
    readonly populationShare: number;
    readonly admissions: number;
    readonly admissionShare: number;
  }[];
  readonly cohortsHalfOfAdmissions: ReturnType<typeof smallestCovering>;
}

export async function modelReport(wh: Warehouse, options: ReportOptions): Promise<ModelReport> {
  const window = await dataWindow(wh);
  const validationDate = options.validationDate ?? addMonthsIso(window.end, -12);
  const trainingDate = addMonthsIso(validationDate, -12);
  if (addMonthsIso(validationDate, 12) > window.end) {
    throw new RiskNotReadyError(
      `validating at ${validationDate} needs outcomes to ${addMonthsIso(validationDate, 12)}, but the data end on ${window.end}: choose an earlier --as-of`,
    );
  }
  const seed = options.seed ?? 1;
  await loadEfiSymptomCodes(wh, options.sharedDataDir);
  const train = await readDataset(wh, trainingDate, { forTraining: true });
  const valid = await readDataset(wh, validationDate);
  await wh.exec("DROP TABLE IF EXISTS _risk_efi_code");
  const truth = options.truth ? await readTruth(options.truth.dir, options.truth.key, validationDate) : null;
  const groups = await groupLabels(wh, valid, validationDate);
  const fitOptions = {
    sourceStarts: window.sources,
    ...(options.lambda !== undefined ? { lambda: options.lambda } : {}),
  };
  const boot = { seed, ...(options.replicates !== undefined ? { replicates: options.replicates } : {}) };

  const outcomeReport = (
    outcome: Outcome,
  ): { report: OutcomeReport; model: TrainedModel; p: Float64Array } => {
    const model = trainModel(train, outcome, fitOptions);
    const p = predict(model, valid);
    const y = outcome === "admission" ? valid.yAdmission : valid.yDeath;
    const e = evaluate(p, y, boot);
    const audit = Object.entries(groups).flatMap(([dim, labels]) => evaluateGroups(dim, p, y, labels, boot));
    return {
      model,
      p,
      report: {
        model: {
          ...figures(e),
          version: model.version,
          trainingRows: model.rows,
          trainingEvents: model.events,
          trainingSeconds: round(model.seconds, 2),
        },
        oracle: truth ? oracleFigures(valid, y, p, truth, outcome, boot) : null,
        groups: audit,
      },
    };
  };
  const admission = outcomeReport("admission");
  const mortality = outcomeReport("mortality");
  const m = admission.report.model;
  const o = admission.report.oracle;
  const gap = o ? o.gap : null;

  const tiers = assignTiers(admission.p);
  const seg = segmentsView(valid);
  return {
    design: {
      trainingIndexDate: trainingDate,
      validationIndexDate: validationDate,
      outcomeWindow: "12 months after the index date",
      dataStart: window.start,
      dataEnd: window.end,
      sourceStarts: window.sources,
      featuresUsed: admission.model.features,
      featuresExcluded: admission.model.excluded,
      seed,
    },
    model: stripModel(m),
    oracle: o ? { auroc: o.auroc, recordedAuroc: o.recorded?.auroc ?? null } : null,
    groups: admission.report.groups,
    admission: admission.report,
    mortality: mortality.report,
    acceptance: {
      aurocGapToOracle: gap === null ? null : round(gap, 4),
      aurocGapToOracleCi: o ? [round(o.gapCi[0], 4), round(o.gapCi[1], 4)] : null,
      aurocWithin003OfOracle: gap === null ? null : gap <= 0.03,
      aurocGapToRecordedOracle: o?.recorded ? round(o.recorded.gap, 4) : null,
      aurocGapToRecordedOracleCi: o?.recorded
        ? [round(o.recorded.gapCi[0], 4), round(o.recorded.gapCi[1], 4)]
        : null,
      calibrationSlopeWithin085To115: m.calibrationSlope >= 0.85 && m.calibrationSlope <= 1.15,
    },
    pyramid: pyramid(tiers, valid.emergencyAdmissions, valid.spend, options.targetReduction ?? 0.1),
    segments: seg.segments,
    cohortsHalfOfAdmissions: seg.half,
  };
}

function figures(e: Evaluation): ModelFigures {
  return {
    auroc: e.auroc.auroc,
    aurocCi: [e.auroc.lower, e.auroc.upper],
    calibrationSlope: e.calibration.slope.value,
    calibrationSlopeCi: [e.calibration.slope.lower, e.calibration.slope.upper],
    calibrationIntercept: e.calibration.intercept.value,
    calibrationInterceptCi: [e.calibration.intercept.lower, e.calibration.intercept.upper],
    observedOverExpected: e.calibration.observedOverExpected,
    brier: e.brier,
    n: e.n,
    events: e.events,
    calibrationBins: e.bins,
    top: e.top,
  };
}

function stripModel(m: ModelFigures): ModelFigures {
  const {
    auroc,
    aurocCi,
    calibrationSlope,
    calibrationSlopeCi,
    calibrationIntercept,
    calibrationInterceptCi,
  } = m;
  return {
    auroc,
    aurocCi,
    calibrationSlope,
    calibrationSlopeCi,
    calibrationIntercept,
    calibrationInterceptCi,
    observedOverExpected: m.observedOverExpected,
    brier: m.brier,
    n: m.n,
    events: m.events,
    calibrationBins: m.calibrationBins,
    top: m.top,
  };
}

function oracleFigures(
  valid: Dataset,
  y: Uint8Array,
  model: Float64Array,
  truth: Map<bigint, TruthRisk>,
  outcome: Outcome,
  boot: { seed: number; replicates?: number },
): OracleFigures {
  const p: number[] = [];
  const pr: number[] = [];
  const pm: number[] = [];
  const yy: number[] = [];
  for (let i = 0; i < valid.rows; i++) {
    const t = truth.get(valid.personIds[i] ?? 0n);
    if (!t) continue;
    p.push(outcome === "admission" ? t.pAdmission : t.pDeath);
    pr.push(t.pAdmissionRecorded ?? Number.NaN);
    pm.push(model[i] ?? 0);
    yy.push(y[i] ?? 0);
  }
  let sq = 0;
  for (let i = 0; i < p.length; i++) sq += ((p[i] ?? 0) - (yy[i] ?? 0)) ** 2;
  const full = aurocDifferenceWithCi(p, pm, yy, boot);
  const hasRecorded = outcome === "admission" && pr.length > 0 && pr.every(Number.isFinite);
  const rec = hasRecorded ? aurocDifferenceWithCi(pr, pm, yy, boot) : null;
  return {
    auroc: full.a.auroc,
    aurocCi: [full.a.lower, full.a.upper],
    gap: full.difference,
    gapCi: [full.lower, full.upper],
    calibrationSlope: calibration(p, yy).slope.value,
    brier: sq / Math.max(1, p.length),
    n: p.length,
    recorded: rec
      ? {
          auroc: rec.a.auroc,
          aurocCi: [rec.a.lower, rec.a.upper],
          gap: rec.difference,
          gapCi: [rec.lower, rec.upper],
          calibrationSlope: calibration(pr, yy).slope.value,
        }
      : null,
  };
}

/** Group labels for the fairness audit: IMD quintile, ethnicity, sex, age band, learning disability. */
async function groupLabels(wh: Warehouse, valid: Dataset, indexDate: string) {
  const rows = await wh.all<{
    person_id: bigint;
    sex: string;
    ethnicity_group: string;
    imd_quintile: number | null;
  }>(
    `SELECT p.person_id, p.sex, p.ethnicity_group, l.imd_quintile FROM person AS p
      LEFT JOIN lsoa AS l ON l.lsoa_code = p.lsoa_code`,
  );
  const byId = new Map(rows.map((r) => [r.person_id, r]));
  const imd: (string | null)[] = [];
  const ethnicity: (string | null)[] = [];
  const sex: (string | null)[] = [];
  const age: (string | null)[] = [];
  const ld: (string | null)[] = [];
  const ageCol = valid.features.age_decades ?? new Float64Array(valid.rows);
  const ldCol = valid.features.register_ld ?? new Float64Array(valid.rows);
  for (let i = 0; i < valid.rows; i++) {
    const r = byId.get(valid.personIds[i] ?? 0n);
    imd.push(r?.imd_quintile == null ? "unknown" : `Q${r.imd_quintile}`);
    ethnicity.push(r?.ethnicity_group ?? "Unknown");
    sex.push(r?.sex ?? "U");
    age.push(ageBand(Math.round(50 + 10 * (ageCol[i] ?? 0))));
    ld.push((ldCol[i] ?? 0) === 1 ? "yes" : "no");
  }
  void indexDate;
  return { imd_quintile: imd, ethnicity, sex, age_band: age, learning_disability: ld };
}

function ageBand(age: number): string {
  if (age < 18) return "0-17";
  if (age < 45) return "18-44";
  if (age < 65) return "45-64";
  if (age < 75) return "65-74";
  if (age < 85) return "75-84";
  return "85+";
}

function segmentsView(valid: Dataset) {
  const persons = new Array<number>(SEGMENTS.length).fill(0);
  const admissions = new Array<number>(SEGMENTS.length).fill(0);
  const profiles = new Map<string, { persons: number; admissions: number }>();
  let total = 0;
  for (let i = 0; i < valid.rows; i++) {
    const s = valid.segment[i] ?? 0;
    const a = valid.emergencyAdmissions[i] ?? 0;
    persons[s] = (persons[s] ?? 0) + 1;
    admissions[s] = (admissions[s] ?? 0) + a;
    total += a;
    const key = `${SEGMENTS[s]?.id ?? "?"} × ${CONDITION_GROUP_NAMES[valid.conditionGroup[i] ?? 0] ?? "?"}`;
    const pr = profiles.get(key) ?? { persons: 0, admissions: 0 };
    pr.persons++;
    pr.admissions += a;
    profiles.set(key, pr);
  }
  return {
    segments: SEGMENTS.map((s, i) => ({
      segment: s.id,
      label: s.label,
      persons: persons[i] ?? 0,
      populationShare: (persons[i] ?? 0) / Math.max(1, valid.rows),
      admissions: admissions[i] ?? 0,
      admissionShare: (admissions[i] ?? 0) / Math.max(1, total),
    })),
    half: smallestCovering(
      [...profiles].map(([profile, v]) => ({ profile, ...v })),
      0.5,
    ),
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
