// Money shown to roles without person-level access follows the rules counts follow (HELPERS:
// no cell built from fewer than 8 people, nothing a small count could be worked back from):
//   primary    a cell is withheld when fewer than `threshold` people contribute, or one person
//              gives more than half of it (dominance: that person's cost would be nearly known);
//   secondary  in a breakdown whose total is shown, withheld cells never stand alone: more are
//              withheld (smallest first) until at least two are and they hold `threshold` people,
//              so total − shown cells gives only their sum;
//   rounding   shown values are rounded to three significant figures.
// Direct-care roles see exact values. This is the interim rule until the disclosure helper's
// magnitude API (cell-key perturbation scaled to the largest contribution) is on main.
import type { DisclosurePolicy } from "@bevan/query";

export interface MoneyCell {
  /** People contributing to the cell. */
  readonly people: number;
  readonly total: number;
  /** The largest one person's contribution. */
  readonly top: number;
}

export interface Money {
  readonly value: number | null;
  readonly suppressed: boolean;
}

/** Three significant figures. */
export function roundMoney(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const step = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 2);
  return Math.round(x / step) * step;
}

function primary(c: MoneyCell, threshold: number): boolean {
  if (c.people === 0 && c.total === 0) return false;
  return c.people < threshold || (c.total > 0 && c.top > 0.5 * c.total);
}

/** One money cell with no margin to protect. */
export function discloseMoney(c: MoneyCell, policy: DisclosurePolicy | null): Money {
  if (!policy) return { value: c.total, suppressed: false };
  return primary(c, policy.threshold)
    ? { value: null, suppressed: true }
    : { value: roundMoney(c.total), suppressed: false };
}

/** A breakdown of money with its total: primary and secondary suppression, then rounding. */
export function discloseMoneyBreakdown(
  cells: readonly MoneyCell[],
  total: MoneyCell,
  policy: DisclosurePolicy | null,
): { cells: Money[]; total: Money } {
  if (!policy)
    return {
      cells: cells.map((c) => ({ value: c.total, suppressed: false })),
      total: { value: total.total, suppressed: false },
    };
  const withheld = cells.map((c) => primary(c, policy.threshold));
  const totalShown = !primary(total, policy.threshold);
  if (totalShown && withheld.some(Boolean)) {
    const order = cells
      .map((c, i) => ({ c, i }))
      .filter(({ i }) => !withheld[i] && cells[i]?.total !== 0)
      .sort((a, b) => a.c.total - b.c.total || a.i - b.i);
    const enough = () => {
      const idx = withheld.flatMap((w, i) => (w ? [i] : []));
      const people = idx.reduce((s, i) => s + (cells[i]?.people ?? 0), 0);
      return idx.length >= 2 && people >= policy.threshold;
    };
    for (const { i } of order) {
      if (enough()) break;
      withheld[i] = true;
    }
  }
  return {
    cells: cells.map((c, i) =>
      withheld[i] ? { value: null, suppressed: true } : { value: roundMoney(c.total), suppressed: false },
    ),
    total: totalShown
      ? { value: roundMoney(total.total), suppressed: false }
      : { value: null, suppressed: true },
  };
}

export const MONEY_NOTE =
  "Money is withheld where fewer than 8 people contribute or one person gives more than half, with further cells withheld so totals do not reveal them; other sums are rounded to three significant figures.";
