// The person-based cost models of a fair-share formula, as PBRA does it: next year's cost of
// each person by least squares on what is known about them now. Four formulas side by side:
//   capitation  everyone the same;
//   age_sex     the mean cost of their age–sex band;
//   need        age–sex bands, deprivation quintile, condition registers and multimorbidity;
//   need_supply need plus last year's cost (supply: it rewards whoever spent more before).
import { AllocationInputError } from "./errors.ts";
import { fitLeastSquares, type LinearFit } from "./least-squares.ts";

/** What is known about each person at an index date, column by column. */
export interface PersonTable {
  readonly n: number;
  readonly age: ArrayLike<number>;
  /** 1 for female. */
  readonly female: ArrayLike<number>;
  /** IMD quintile 1 (most deprived) to 5; 0 when unknown. */
  readonly imdQuintile: ArrayLike<number>;
  /** Register code → 1 when on the register at the index date. */
  readonly registers: Readonly<Record<string, ArrayLike<number>>>;
  /** Number of long-term-condition registers. */
  readonly multimorbidity: ArrayLike<number>;
  /** Cost in the year before the index date (pounds). */
  readonly priorCost: ArrayLike<number>;
}

export const FORMULAS = ["capitation", "age_sex", "need", "need_supply"] as const;
export type Formula = (typeof FORMULAS)[number];

export const FORMULA_NAMES: Record<Formula, string> = {
  capitation: "Raw capitation",
  age_sex: "Age–sex weighted",
  need: "Needs-based (age, sex, deprivation, conditions)",
  need_supply: "Needs-based with last year's cost",
};

/** Age bands of the age–sex cells: lower bounds. */
export const AGE_BAND_STARTS = [0, 5, 15, 25, 45, 65, 75, 85] as const;

export function ageBandIndex(age: number): number {
  let k = 0;
  for (let b = 0; b < AGE_BAND_STARTS.length; b++) if (age >= (AGE_BAND_STARTS[b] ?? 0)) k = b;
  return k;
}

export function ageBandLabel(k: number): string {
  const lo = AGE_BAND_STARTS[k] ?? 0;
  const hi = AGE_BAND_STARTS[k + 1];
  return hi === undefined ? `${lo}+` : `${lo}-${hi - 1}`;
}

/** The age–sex cell: 0…15 (female bands then male bands). */
export function ageSexCell(age: number, female: number): number {
  return (female === 1 ? 0 : AGE_BAND_STARTS.length) + ageBandIndex(age);
}

export function ageSexCellLabel(cell: number): string {
  const bands = AGE_BAND_STARTS.length;
  return `${cell < bands ? "female" : "male"} ${ageBandLabel(cell % bands)}`;
}

const CELLS = 2 * AGE_BAND_STARTS.length;

/** A fitted formula: predicts a person's cost from the table's columns. */
export interface CostModel {
  readonly formula: Formula;
  /** Predicted cost of row i of a table. */
  predict(table: PersonTable, i: number): number;
  /** Terms and coefficients (the least-squares formulas), or cell means (age–sex). */
  readonly terms: readonly { term: string; coefficient: number; standardError: number | null }[];
  readonly trainingRows: number;
}

function predictors(formula: "need" | "need_supply", registers: readonly string[]) {
  const names: string[] = [];
  for (let c = 1; c < CELLS; c++) names.push(`age_sex: ${ageSexCellLabel(c)}`);
  for (let q = 1; q <= 4; q++) names.push(`IMD quintile ${q}`);
  names.push("IMD unknown");
  for (const r of registers) names.push(`register ${r}`);
  for (const k of [2, 3, 4, 5]) names.push(k === 5 ? "5+ conditions" : `${k} conditions`);
  if (formula === "need_supply") names.push("last year's cost", "any cost last year");
  const fill = (t: PersonTable, i: number, out: Float64Array) => {
    let j = 0;
    const cell = ageSexCell(t.age[i] ?? 0, t.female[i] ?? 0);
    if (cell > 0) out[cell - 1] = 1;
    j = CELLS - 1;
    const q = t.imdQuintile[i] ?? 0;
    if (q >= 1 && q <= 4) out[j + q - 1] = 1;
    if (q === 0) out[j + 4] = 1;
    j += 5;
    for (const r of registers) {
      out[j] = t.registers[r]?.[i] ?? 0;
      j++;
    }
    const mm = t.multimorbidity[i] ?? 0;
    if (mm >= 2) out[j + Math.min(mm, 5) - 2] = 1;
    j += 4;
    if (formula === "need_supply") {
      const prior = t.priorCost[i] ?? 0;
      out[j] = prior;
      out[j + 1] = prior > 0 ? 1 : 0;
    }
  };
  return { names, fill };
}

/** Fits a formula on a table of people and the cost each went on to have. */
export function fitCostModel(
  formula: Formula,
  table: PersonTable,
  outcome: ArrayLike<number>,
  registers: readonly string[] = Object.keys(table.registers).sort(),
): CostModel {
  if (outcome.length !== table.n)
    throw new AllocationInputError("outcome", `has ${outcome.length} values, expected ${table.n}`);
  if (table.n === 0) throw new AllocationInputError("table", "has no people");
  if (formula === "capitation") {
    let s = 0;
    for (let i = 0; i < table.n; i++) s += outcome[i] ?? 0;
    const mean = s / table.n;
    return {
      formula,
      predict: () => mean,
      terms: [{ term: "everyone", coefficient: mean, standardError: null }],
      trainingRows: table.n,
    };
  }
  if (formula === "age_sex") {
    const sum = new Float64Array(CELLS);
    const count = new Float64Array(CELLS);
    let all = 0;
    for (let i = 0; i < table.n; i++) {
      const c = ageSexCell(table.age[i] ?? 0, table.female[i] ?? 0);
      sum[c] = (sum[c] ?? 0) + (outcome[i] ?? 0);
      count[c] = (count[c] ?? 0) + 1;
      all += outcome[i] ?? 0;
    }
    // An empty cell (no one of that age and sex in training) takes the overall mean.
    const means = Array.from(sum, (s, c) => ((count[c] ?? 0) > 0 ? s / (count[c] ?? 1) : all / table.n));
    return {
      formula,
      predict: (t, i) => means[ageSexCell(t.age[i] ?? 0, t.female[i] ?? 0)] ?? 0,
      terms: means.map((m, c) => ({ term: ageSexCellLabel(c), coefficient: m, standardError: null })),
      trainingRows: table.n,
    };
  }
  const { names, fill } = predictors(formula, registers);
  const fit: LinearFit = fitLeastSquares(names, table.n, (i, out) => fill(table, i, out), outcome);
  const row = new Float64Array(names.length);
  return {
    formula,
    predict: (t, i) => {
      row.fill(0);
      fill(t, i, row);
      let v = fit.coefficients[0] ?? 0;
      for (let j = 0; j < row.length; j++) v += (fit.coefficients[j + 1] ?? 0) * (row[j] ?? 0);
      return v;
    },
    terms: fit.terms.map((term, j) => ({
      term,
      coefficient: fit.coefficients[j] ?? 0,
      standardError: fit.standardErrors[j] ?? null,
    })),
    trainingRows: table.n,
  };
}

/** Every row's prediction. Negative predictions (possible with least squares) are floored at 0. */
export function predictAll(model: CostModel, table: PersonTable): Float64Array {
  const out = new Float64Array(table.n);
  for (let i = 0; i < table.n; i++) out[i] = Math.max(0, model.predict(table, i));
  return out;
}
