// Out-of-time validation of the fair-share formulas side by side: each is fitted on one year
// (features at T−24 months, cost in the following year) and judged on the next (features at
// T−12, cost in the year to T), never on the rows it was fitted on.
import { type BudgetBands, budgetBands } from "./budgets.ts";
import { type CostModel, type Formula, fitCostModel, type PersonTable, predictAll } from "./cost-model.ts";
import {
  type CalibrationBin,
  calibrationBins,
  type GroupResidual,
  groupResiduals,
  groupRSquared,
  groupTotals,
  rSquared,
  scaleToTotal,
} from "./validation.ts";

export interface ValidationGroups {
  /** Index of each test person's practice, PCN, IMD quintile (0 unknown) and ethnic group. */
  readonly practice: ArrayLike<number>;
  readonly pcn: ArrayLike<number>;
  readonly imdQuintile: ArrayLike<number>;
  readonly ethnicity: ArrayLike<number>;
}

export interface FormulaValidation {
  readonly formula: Formula;
  readonly r2Person: number;
  readonly r2Practice: number;
  readonly r2Pcn: number;
  readonly calibration: readonly CalibrationBin[];
  readonly residuals: {
    readonly imdQuintile: readonly GroupResidual[];
    readonly ethnicity: readonly GroupResidual[];
    readonly practice: readonly GroupResidual[];
  };
  readonly terms: CostModel["terms"];
  readonly trainingRows: number;
}

export interface ValidationResult {
  readonly testRows: number;
  readonly formulas: readonly FormulaValidation[];
  /** Budget bands from each formula's validation predictions (scaled to the test year's total). */
  readonly bands: Partial<Record<Formula, BudgetBands>>;
}

export function validateFormulas(
  formulas: readonly Formula[],
  train: PersonTable,
  trainOutcome: ArrayLike<number>,
  test: PersonTable,
  testOutcome: ArrayLike<number>,
  groups: ValidationGroups,
  registers: readonly string[],
): ValidationResult {
  const out: FormulaValidation[] = [];
  const bands: Partial<Record<Formula, BudgetBands>> = {};
  for (const formula of formulas) {
    const model = fitCostModel(formula, train, trainOutcome, registers);
    const scaled = scaleToTotal(testOutcome, predictAll(model, test));
    out.push({
      formula,
      r2Person: rSquared(testOutcome, scaled),
      r2Practice: groupRSquared(groupTotals(groups.practice, testOutcome, scaled)),
      r2Pcn: groupRSquared(groupTotals(groups.pcn, testOutcome, scaled)),
      calibration: calibrationBins(testOutcome, scaled),
      residuals: {
        imdQuintile: groupResiduals(groups.imdQuintile, testOutcome, scaled),
        ethnicity: groupResiduals(groups.ethnicity, testOutcome, scaled),
        practice: groupResiduals(groups.practice, testOutcome, scaled),
      },
      terms: model.terms,
      trainingRows: model.trainingRows,
    });
    if (formula === "need" || formula === "need_supply") bands[formula] = budgetBands(scaled, testOutcome);
  }
  return { testRows: test.n, formulas: out, bands };
}
