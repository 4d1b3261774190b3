// Fits the fair-share formulas on the warehouse's own history and stores each registered
// person's expected cost next year under each, with a budget range, and the validation report.
//   validation: fitted on features at T−24 months → cost in the year to T−12,
//               judged on features at T−12 → cost in the year to T (out of time);
//   allocation: refitted on features at T−12 → cost in the year to T, applied at T.
import {
  type BudgetBands,
  budgetRange,
  FORMULA_NAMES,
  type Formula,
  type FormulaValidation,
  fitCostModel,
  predictAll,
  validateFormulas,
} from "@bevan/allocation";
import { allocationReport, personAllocation, REGISTER_CODES } from "@bevan/domain";
import { createTableSql, getBuildInfo, type Warehouse } from "@bevan/engine";
import { addMonthsIso } from "@bevan/risk";
import {
  type AllocationDataset,
  ETHNIC_GROUPS,
  orgDictionaries,
  readAllocationDataset,
} from "./allocation-dataset.ts";
import { COSTING_YEARS } from "./build-costs.ts";
import { coveredIn, type PodCoverage, podCoverage } from "./coverage.ts";

export class AllocationNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AllocationNotReadyError";
  }
}

export interface AllocationReport {
  readonly asOf: string;
  readonly trainedAt: string;
  readonly validatedAt: string;
  readonly outcomePods: readonly string[];
  readonly priorPods: readonly string[];
  readonly coverage: readonly PodCoverage[];
  readonly trainRows: number;
  readonly testRows: number;
  readonly currentRows: number;
  /** Why the model with last year's cost is missing, when it is. */
  readonly supplyNote: string | null;
  readonly formulas: readonly (FormulaValidation & {
    readonly name: string;
    readonly residualLabels: {
      readonly imdQuintile: Record<number, string>;
      readonly ethnicity: Record<number, string>;
      readonly practice: Record<number, string>;
    };
  })[];
  /** The allocation fit's coefficients (fitted at T−12 on the year to T). */
  readonly coefficients: Partial<
    Record<Formula, { term: string; coefficient: number; standardError: number | null }[]>
  >;
  readonly budgetBands: Partial<Record<Formula, BudgetBands>>;
}

export interface AllocationBuildReport {
  readonly asOf: string;
  readonly people: number;
  readonly r2Practice: Partial<Record<Formula, number>>;
  readonly r2Person: Partial<Record<Formula, number>>;
  readonly seconds: number;
}

const IMD_LABELS: Record<number, string> = {
  0: "Unknown",
  1: "1 (most deprived)",
  2: "2",
  3: "3",
  4: "4",
  5: "5 (least deprived)",
};

export async function buildAllocation(wh: Warehouse): Promise<AllocationBuildReport> {
  const started = performance.now();
  const asOf = (await getBuildInfo(wh)).as_of;
  if (!asOf)
    throw new AllocationNotReadyError(
      `the warehouse has not been built: run \`bevan build --db ${wh.path}\``,
    );
  if (!(await wh.tableExists("person_cost")))
    throw new AllocationNotReadyError(
      "activity has not been costed: the build's costing step writes person_cost",
    );
  const coverage = await podCoverage(wh, COSTING_YEARS);
  const outcomePods = coveredIn(coverage, [0, 1]);
  if (outcomePods.length === 0)
    throw new AllocationNotReadyError(
      "the data do not cover two full years before the as-of date, so the formulas cannot be fitted and checked out of time",
    );
  const priorPods = coveredIn(coverage, [0, 1, 2]);
  const supplyNote =
    priorPods.length === 0
      ? "the data do not cover three years, so the model with last year's cost cannot be checked out of time"
      : null;
  const formulas: Formula[] = [
    "capitation",
    "age_sex",
    "need",
    ...(supplyNote ? [] : ["need_supply" as const]),
  ];
  const dict = await orgDictionaries(wh);
  const pods = { outcome: outcomePods, prior: priorPods };
  const trainAt = addMonthsIso(asOf, -24);
  const testAt = addMonthsIso(asOf, -12);
  const train = await readAllocationDataset(
    wh,
    trainAt,
    { outcome: 1, prior: supplyNote ? null : 2 },
    pods,
    dict,
  );
  const test = await readAllocationDataset(wh, testAt, { outcome: 0, prior: 1 }, pods, dict);
  const current = await readAllocationDataset(wh, asOf, { outcome: null, prior: 0 }, pods, dict);
  if (train.table.n < 100 || test.table.n < 100)
    throw new AllocationNotReadyError("too few people registered two years ago to fit the formulas");
  const registers = [...REGISTER_CODES];
  const validation = validateFormulas(
    formulas,
    train.table,
    train.outcome,
    test.table,
    test.outcome,
    {
      practice: test.practice,
      pcn: test.pcn,
      imdQuintile: test.table.imdQuintile,
      ethnicity: test.ethnicity,
    },
    registers,
  );
  const predictions = new Map<Formula, Float64Array>();
  const coefficients: AllocationReport["coefficients"] = {};
  for (const f of formulas) {
    const model = fitCostModel(f, test.table, test.outcome, registers);
    predictions.set(f, predictAll(model, current.table));
    coefficients[f] = [...model.terms];
  }
  const labels = () => ({
    imdQuintile: IMD_LABELS,
    ethnicity: Object.fromEntries(ETHNIC_GROUPS.map((g, i) => [i, g])),
    practice: Object.fromEntries(dict.practices.map((p, i) => [i, p])),
  });
  const report: AllocationReport = {
    asOf,
    trainedAt: trainAt,
    validatedAt: testAt,
    outcomePods,
    priorPods,
    coverage,
    trainRows: train.table.n,
    testRows: test.table.n,
    currentRows: current.table.n,
    supplyNote,
    formulas: validation.formulas.map((v) => ({
      ...v,
      name: FORMULA_NAMES[v.formula],
      residualLabels: labels(),
    })),
    coefficients,
    budgetBands: validation.bands,
  };
  await storeAllocation(wh, current, predictions, validation.bands, report);
  const pick = (k: "r2Practice" | "r2Person") =>
    Object.fromEntries(validation.formulas.map((v) => [v.formula, v[k]])) as Partial<Record<Formula, number>>;
  return {
    asOf,
    people: current.table.n,
    r2Practice: pick("r2Practice"),
    r2Person: pick("r2Person"),
    seconds: (performance.now() - started) / 1000,
  };
}

async function storeAllocation(
  wh: Warehouse,
  current: AllocationDataset,
  predictions: ReadonlyMap<Formula, Float64Array>,
  bands: Partial<Record<Formula, BudgetBands>>,
  report: AllocationReport,
): Promise<void> {
  await wh.transaction(async () => {
    await wh.exec(createTableSql(personAllocation, wh.dialect, { replace: true }));
    await wh.exec(createTableSql(allocationReport, wh.dialect, { replace: true }));
    const app = await wh.appender(personAllocation.name);
    const col = (f: Formula, i: number) => predictions.get(f)?.[i] ?? Number.NaN;
    for (let i = 0; i < current.table.n; i++) {
      app.appendBigInt(current.personIds[i] ?? 0n);
      app.appendDouble(col("capitation", i));
      app.appendDouble(col("age_sex", i));
      app.appendDouble(col("need", i));
      const supply = predictions.has("need_supply");
      const need = bands.need ? budgetRange(bands.need, col("need", i)) : null;
      const ns = supply && bands.need_supply ? budgetRange(bands.need_supply, col("need_supply", i)) : null;
      const put = (v: number | undefined) =>
        v === undefined || Number.isNaN(v) ? app.appendNull() : app.appendDouble(v);
      put(supply ? col("need_supply", i) : undefined);
      put(need?.low);
      put(need?.high);
      put(ns?.low);
      put(ns?.high);
      app.endRow();
    }
    app.closeSync();
    const rep = await wh.appender(allocationReport.name);
    rep.appendVarchar("report");
    rep.appendVarchar(JSON.stringify(report, (_k, v) => (v === Number.POSITIVE_INFINITY ? null : v)));
    rep.endRow();
    rep.closeSync();
  });
}
