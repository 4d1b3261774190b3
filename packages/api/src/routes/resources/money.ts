// Money shown to roles without direct care follows the cell-key method for magnitudes
// (docs/disclosure-control.md): a sum of money over a cell of people is withheld when fewer
// than 8 people contribute or one person gives more than half of it, and is otherwise moved by
// at least 10% of the largest person's contribution, by an amount fixed by the people behind
// it (`discloseMagnitude`). In a breakdown whose total is shown, withheld cells never stand
// alone: more are withheld (smallest first) until at least two are and they hold 8 or more
// people, so the total less the cells shown gives only their sum, blurred by every cell's noise.
import type { DisclosurePolicy, MagnitudeCell } from "@bevan/query";
import { discloseMagnitude } from "../../disclosure.ts";

export interface Money {
  readonly value: number | null;
  readonly suppressed: boolean;
}

/** A magnitude cell: `total` pounds from `people` people (cell `key`), the largest person's share `top`. */
export const moneyCell = (people: number, key: number, total: number, top: number): MagnitudeCell => ({
  n: people,
  people,
  key,
  total,
  top,
});

/** One sum of money with no margin to protect. */
export function discloseMoney(c: MagnitudeCell, policy: DisclosurePolicy | null): Money {
  const d = discloseMagnitude(c, policy);
  return { value: d.value, suppressed: d.suppressed };
}

/** A breakdown of money with its total: primary and secondary suppression, then perturbation. */
export function discloseMoneyBreakdown(
  cells: readonly MagnitudeCell[],
  total: MagnitudeCell,
  policy: DisclosurePolicy | null,
): { cells: Money[]; total: Money } {
  const shown = cells.map((c) => discloseMoney(c, policy));
  const totalShown = discloseMoney(total, policy);
  if (!policy || totalShown.suppressed || !shown.some((m) => m.suppressed))
    return { cells: shown, total: totalShown };
  const withheld = shown.map((m) => m.suppressed);
  const enough = () => {
    const idx = withheld.flatMap((w, i) => (w ? [i] : []));
    const people = idx.reduce((s, i) => s + (cells[i]?.people ?? 0), 0);
    return idx.length >= 2 && people >= policy.threshold;
  };
  const order = cells
    .map((c, i) => ({ c, i }))
    .filter(({ i }) => !withheld[i] && cells[i]?.total !== 0)
    .sort((a, b) => a.c.total - b.c.total || a.i - b.i);
  for (const { i } of order) {
    if (enough()) break;
    withheld[i] = true;
  }
  return {
    cells: shown.map((m, i) => (withheld[i] ? { value: null, suppressed: true } : m)),
    total: totalShown,
  };
}

export const MONEY_NOTE =
  "Money is withheld where fewer than 8 people contribute or one person gives more than half, with further cells withheld so totals do not reveal them; every other sum is moved by at least a tenth of the largest person's share, by an amount fixed by the people counted.";
