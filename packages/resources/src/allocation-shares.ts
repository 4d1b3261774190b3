// A budget divided between practices or PCNs under each formula side by side, with each
// unit's current position (last year's spend scaled to the budget), its distance from the
// chosen formula's target and a pace-of-change path: what `bevan allocation` prints and the
// Fair shares page shows.
import { FORMULAS, type Formula, fairShares, paceOfChange, type ShareRow } from "@bevan/allocation";
import type { AllocationUnit } from "./allocation-read.ts";

export interface AllocationOptions {
  readonly budgetPence: number;
  readonly formula: Formula;
  /** Years of the pace-of-change path (1 = move to target at once). */
  readonly years: number;
}

export interface UnitAllocation {
  readonly code: string;
  readonly registered: number;
  /** Target in pence under each formula (null when the formula is not available). */
  readonly targets: Readonly<Record<Formula, number | null>>;
  /** The chosen formula's share of the budget. */
  readonly share: number;
  readonly targetPence: number;
  /** Last year's actual spend (pounds), null when not shown. */
  readonly actual: number | null;
  readonly currentPence: number | null;
  readonly distanceFromTarget: number | null;
  /** Pence in each year of the pace-of-change path. */
  readonly path: readonly number[];
}

export interface AllocationResult {
  readonly formula: Formula;
  readonly budgetPence: number;
  readonly years: number;
  readonly units: readonly UnitAllocation[];
  /** Sums of the targets under each formula: each equals the budget exactly. */
  readonly totals: Readonly<Record<Formula, number | null>>;
  readonly remainderRule: string;
}

export const REMAINDER_RULE =
  "Each unit gets the whole pennies of its exact share; the pennies left over (fewer than the number of units) go one each to the units with the largest fractions of a penny, ties to the earlier organisation code (the largest-remainder method), so the shares add up to the budget exactly.";

/**
 * `actual` per unit may be null (withheld by disclosure): then the current position, the
 * distance from target and the path are not shown for anyone (they would reveal it).
 */
export function allocateBudget(
  units: readonly AllocationUnit[],
  actual: ReadonlyMap<string, number | null>,
  options: AllocationOptions,
): AllocationResult {
  const available = FORMULAS.filter((f) => units.length > 0 && units.every((u) => u.expected[f] !== null));
  if (!available.includes(options.formula))
    throw new Error(`the ${options.formula} formula is not available for these units`);
  const byFormula = new Map<Formula, ShareRow[]>();
  const allKnown = units.every((u) => (actual.get(u.code) ?? null) !== null);
  for (const f of available) {
    byFormula.set(
      f,
      fairShares(
        options.budgetPence,
        units.map((u) => ({
          code: u.code,
          expected: u.expected[f] ?? 0,
          actual: allKnown && f === options.formula ? (actual.get(u.code) ?? null) : null,
        })),
      ),
    );
  }
  const chosen = byFormula.get(options.formula) ?? [];
  const path = allKnown ? paceOfChange(options.budgetPence, chosen, options.years) : null;
  const totals = Object.fromEntries(
    FORMULAS.map((f) => [
      f,
      byFormula.has(f) ? (byFormula.get(f) ?? []).reduce((s, r) => s + r.targetPence, 0) : null,
    ]),
  ) as Record<Formula, number | null>;
  return {
    formula: options.formula,
    budgetPence: options.budgetPence,
    years: options.years,
    totals,
    remainderRule: REMAINDER_RULE,
    units: units.map((u, i) => {
      const row = chosen[i];
      const targets = Object.fromEntries(
        FORMULAS.map((f) => [f, byFormula.get(f)?.[i]?.targetPence ?? null]),
      ) as Record<Formula, number | null>;
      return {
        code: u.code,
        registered: u.registered,
        targets,
        share: row?.share ?? 0,
        targetPence: row?.targetPence ?? 0,
        actual: actual.get(u.code) ?? null,
        currentPence: row?.currentPence ?? null,
        distanceFromTarget: row?.distanceFromTarget ?? null,
        path: path ? path.map((y) => y.pence.get(u.code) ?? 0) : [],
      };
    }),
  };
}
