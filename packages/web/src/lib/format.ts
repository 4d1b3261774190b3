// Numbers as people read them (en-GB), and suppressed counts as the disclosure note says.
export interface CountCell {
  readonly value: number | null;
  readonly suppressed: boolean;
}

const int = new Intl.NumberFormat("en-GB");

export const fmtInt = (n: number | null | undefined): string =>
  n === null || n === undefined ? "–" : int.format(n);

export function fmtCount(c: CountCell | null | undefined): string {
  if (!c) return "–";
  if (c.suppressed) return "suppressed";
  return fmtInt(c.value);
}

/** A proportion as a percentage with `digits` decimals. */
export const fmtPct = (p: number | null | undefined, digits = 1): string =>
  p === null || p === undefined || !Number.isFinite(p) ? "–" : `${(100 * p).toFixed(digits)}%`;

export const fmtCi = (ci: { lower: number; upper: number } | null | undefined, digits = 1): string =>
  ci ? `${(100 * ci.lower).toFixed(digits)}–${(100 * ci.upper).toFixed(digits)}%` : "–";

/** The number behind a count cell, or null when suppressed (for charts and exports). */
export const countValue = (c: CountCell | null | undefined): number | null =>
  c && !c.suppressed ? c.value : null;
