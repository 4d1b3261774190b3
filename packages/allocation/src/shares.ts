// Dividing a budget by fair shares, exactly to the penny. Each unit gets the whole pennies of
// its exact share; the pennies left over (fewer than the number of units) go one each to the
// units with the largest fractions of a penny left, ties to the earlier code — the largest-
// remainder (Hamilton) method, so the shares always add up to the budget.
import { AllocationInputError } from "./errors.ts";

export interface Weighted {
  readonly code: string;
  readonly weight: number;
}

/** Whole pennies per unit in proportion to the weights, summing exactly to `totalPence`. */
export function allocatePence(totalPence: number, units: readonly Weighted[]): Map<string, number> {
  if (!Number.isSafeInteger(totalPence) || totalPence < 0)
    throw new AllocationInputError("budget", "must be a whole number of pence, zero or more");
  if (units.length === 0)
    throw new AllocationInputError("units", "there is nothing to share the budget between");
  const codes = new Set<string>();
  let sum = 0;
  for (const u of units) {
    if (!(Number.isFinite(u.weight) && u.weight >= 0))
      throw new AllocationInputError(
        "weights",
        `${u.code} has weight ${u.weight}; weights must be zero or more`,
      );
    if (codes.has(u.code)) throw new AllocationInputError("units", `${u.code} appears twice`);
    codes.add(u.code);
    sum += u.weight;
  }
  if (!(sum > 0))
    throw new AllocationInputError("weights", "all weights are zero: there is no basis to share on");
  const rows = units.map((u) => {
    const exact = (totalPence * u.weight) / sum;
    const whole = Math.floor(exact);
    return { code: u.code, whole, fraction: exact - whole };
  });
  let left = totalPence - rows.reduce((s, r) => s + r.whole, 0);
  const byFraction = [...rows].sort(
    (a, b) => b.fraction - a.fraction || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  // Floating error can leave `left` a penny off the exact count either way: give the pennies
  // left to the largest fractions, or take an excess penny back from the smallest.
  for (let k = 0; left > 0; k = (k + 1) % byFraction.length) {
    const r = byFraction[k];
    if (r) {
      r.whole++;
      left--;
    }
  }
  for (let k = byFraction.length - 1; left < 0; k = (k - 1 + byFraction.length) % byFraction.length) {
    const r = byFraction[k];
    if (r && r.whole > 0) {
      r.whole--;
      left++;
    }
  }
  return new Map(rows.map((r) => [r.code, r.whole]));
}

/** Pounds (possibly with pence) to whole pence. */
export function toPence(pounds: number): number {
  if (!(Number.isFinite(pounds) && pounds >= 0))
    throw new AllocationInputError("budget", "must be a sum of money in pounds, zero or more");
  const p = Math.round(pounds * 100);
  if (!Number.isSafeInteger(p)) throw new AllocationInputError("budget", "is too large");
  return p;
}

export interface ShareInput {
  readonly code: string;
  /** Expected cost under the formula (its weight). */
  readonly expected: number;
  /** What the unit actually cost last year (pounds), or null when not known. */
  readonly actual: number | null;
}

export interface ShareRow {
  readonly code: string;
  /** Fraction of the budget. */
  readonly share: number;
  /** The target allocation in pence. */
  readonly targetPence: number;
  /** Last year's actual cost scaled to the budget (pence), when known. */
  readonly currentPence: number | null;
  /** (current − target) / target × 100: above zero the unit spends more than its fair share. */
  readonly distanceFromTarget: number | null;
}

/** Each unit's fair share of the budget, its current position at the same total and its distance from target. */
export function fairShares(budgetPence: number, units: readonly ShareInput[]): ShareRow[] {
  const target = allocatePence(
    budgetPence,
    units.map((u) => ({ code: u.code, weight: u.expected })),
  );
  const known = units.filter((u) => u.actual !== null && u.actual >= 0);
  const current =
    known.length === units.length && known.some((u) => (u.actual ?? 0) > 0)
      ? allocatePence(
          budgetPence,
          known.map((u) => ({ code: u.code, weight: u.actual ?? 0 })),
        )
      : null;
  const total = units.reduce((s, u) => s + u.expected, 0);
  return units.map((u) => {
    const t = target.get(u.code) ?? 0;
    const c = current?.get(u.code) ?? null;
    return {
      code: u.code,
      share: total > 0 ? u.expected / total : 0,
      targetPence: t,
      currentPence: c,
      distanceFromTarget: c === null || t === 0 ? null : (100 * (c - t)) / t,
    };
  });
}

/**
 * A pace-of-change path: in year k of `years`, each unit moves k/years of the way from its
 * current position to its target; every year's allocations are re-balanced to the budget
 * in whole pence. Year `years` is the target.
 */
export function paceOfChange(
  budgetPence: number,
  rows: readonly ShareRow[],
  years: number,
): { year: number; pence: Map<string, number> }[] {
  if (!(Number.isInteger(years) && years >= 1 && years <= 20))
    throw new AllocationInputError("years", "must be a whole number of years from 1 to 20");
  if (rows.some((r) => r.currentPence === null))
    throw new AllocationInputError("rows", "a pace of change needs every unit's current spend");
  const out: { year: number; pence: Map<string, number> }[] = [];
  for (let k = 1; k <= years; k++) {
    const f = k / years;
    out.push({
      year: k,
      pence:
        k === years
          ? new Map(rows.map((r) => [r.code, r.targetPence]))
          : allocatePence(
              budgetPence,
              rows.map((r) => ({
                code: r.code,
                weight: (r.currentPence ?? 0) + f * (r.targetPence - (r.currentPence ?? 0)),
              })),
            ),
    });
  }
  return out;
}
