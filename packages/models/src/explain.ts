// Per-person explanations for a linear model: each feature's exact contribution to the
// log-odds, measured from the training population's average (β_j (x_j − mean_j)), so the
// contributions and the average person's log-odds add up to the person's log-odds.

export interface Contribution {
  readonly feature: number;
  /** Change in log-odds relative to the average person. */
  readonly contribution: number;
}

export interface LinearModel {
  readonly intercept: number;
  readonly coefficients: ArrayLike<number>;
  /** Training means of the features. */
  readonly means: ArrayLike<number>;
}

/** The log-odds of a person with every feature at its training mean. */
export function baselineLogOdds(model: LinearModel): number {
  let e = model.intercept;
  for (let j = 0; j < model.coefficients.length; j++)
    e += (model.coefficients[j] ?? 0) * (model.means[j] ?? 0);
  return e;
}

export function contributions(model: LinearModel, row: ArrayLike<number>): Float64Array {
  const out = new Float64Array(model.coefficients.length);
  for (let j = 0; j < out.length; j++)
    out[j] = (model.coefficients[j] ?? 0) * ((row[j] ?? 0) - (model.means[j] ?? 0));
  return out;
}

/** The k features that raise this person's risk most (positive contributions only, largest first). */
export function topFactors(model: LinearModel, row: ArrayLike<number>, k: number): Contribution[] {
  const all = contributions(model, row);
  const out: Contribution[] = [];
  for (let j = 0; j < all.length; j++) {
    const c = all[j] ?? 0;
    if (c > 0) out.push({ feature: j, contribution: c });
  }
  return out.sort((a, b) => b.contribution - a.contribution || a.feature - b.feature).slice(0, k);
}
