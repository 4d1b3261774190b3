// The cell-key method (docs/disclosure-control.md). Every person has a record key: a whole
// number in [0, M), fixed for the person, derived at build from a key kept outside the
// warehouse (person_asof.record_key), so nobody who sees pseudonymised ids can compute it.
// A cell's key is the sum of its people's record keys mod M; the published count is
// n + ptable(n, key). The same people always give the same key, so asking again returns the
// same value (nothing to average); one person more or less moves the key uniformly, so cells
// that differ by a few people get independent perturbations (nothing to difference exactly).
import { buildPtable, lookup, type Ptable } from "./ptable.ts";

/** M: record keys and cell keys are whole numbers in [0, M). */
export const RECORD_KEY_RANGE = 65_536;

/**
 * One cell of a table as counted in SQL (`cellSql`): `n` is what is published (people, or
 * events), `people` the distinct people behind it (for the small-cell rule; defaults to `n`),
 * `key` the sum of those people's record keys mod M. Cells of disjoint sets of people add
 * (`addCells`), so per-practice cells can be summed into any scope.
 */
export interface Cell {
  readonly n: number;
  readonly key: number;
  readonly people?: number;
}

export const EMPTY_CELL: Cell = Object.freeze({ n: 0, key: 0, people: 0 });

/** A cell from SQL values (BIGINT or HUGEINT sums arrive as bigint, NULL sums as null). */
export function cellOf(
  n: bigint | number | null | undefined,
  keySum: bigint | number | null | undefined,
  people?: bigint | number | null,
): Cell {
  const m = BigInt(RECORD_KEY_RANGE);
  const k = keySum === null || keySum === undefined ? 0n : BigInt(keySum);
  const count = Number(n ?? 0);
  return {
    n: count,
    key: Number(((k % m) + m) % m),
    ...(people === undefined || people === null ? {} : { people: Number(people) }),
  };
}

/** The cell of the union of disjoint cells (people in one practice, one band, …). */
export function addCells(...cells: readonly Cell[]): Cell {
  let n = 0;
  let key = 0;
  let people = 0;
  let withPeople = false;
  for (const c of cells) {
    n += c.n;
    key = (key + c.key) % RECORD_KEY_RANGE;
    people += c.people ?? c.n;
    if (c.people !== undefined) withPeople = true;
  }
  return withPeople ? { n, key, people } : { n, key };
}

export function isCell(x: unknown): x is Cell {
  return (
    typeof x === "object" &&
    x !== null &&
    typeof (x as Cell).n === "number" &&
    typeof (x as Cell).key === "number"
  );
}

/** The cell-key parameters of a policy (see DisclosurePolicy). */
export interface CellKeyParams {
  readonly threshold: number;
  readonly maxPerturbation: number;
  readonly variance: number;
}

const tables = new Map<string, Ptable>();

/** The ptable for published counts (floor = threshold) or for counts inside a derived statistic (floor 0). */
export function ptableFor(params: CellKeyParams, use: "published" | "derived"): Ptable {
  const floor = use === "published" ? params.threshold : 0;
  const id = `${params.maxPerturbation}|${params.variance}|${floor}`;
  let t = tables.get(id);
  if (!t) {
    t = buildPtable({
      maxPerturbation: params.maxPerturbation,
      variance: params.variance,
      floor,
      tableSize: RECORD_KEY_RANGE,
    });
    tables.set(id, t);
  }
  return t;
}

/**
 * The published value of a cell: 0 stays 0 (an empty cell has nobody to protect); a cell of
 * fewer than `threshold` people is withheld (null); any other is n + perturbation, never
 * below the threshold.
 */
export function perturbedCount(cell: Cell, params: CellKeyParams): number | null {
  if (cell.n === 0 && (cell.people ?? 0) === 0) return 0;
  const people = cell.people ?? cell.n;
  if (people < params.threshold || cell.n < params.threshold) return null;
  return cell.n + lookup(ptableFor(params, "published"), cell.n, cell.key);
}

/**
 * The value a cell enters a derived statistic with (an age band of a standardised rate): the
 * same method with no small-cell floor, so small bands are perturbed rather than left out and
 * the statistic never carries an exact count. Never shown on its own.
 */
export function derivedCount(cell: Cell, params: CellKeyParams): number {
  if (cell.n === 0) return 0;
  return Math.max(0, cell.n + lookup(ptableFor(params, "derived"), cell.n, cell.key));
}

/**
 * A second perturbation draw from the same cell key, independent of the count's (for the
 * magnitude of a money cell): the key through a fixed odd multiplier, a bijection of [0, M).
 */
export function secondKey(key: number): number {
  return Number((BigInt(key) * 40_503n + 9_973n) % BigInt(RECORD_KEY_RANGE));
}

/**
 * A sum of money (or another magnitude) over a cell of people, counted in SQL with
 * `magnitudeSql`: `total` the sum, `top` the largest single person's contribution.
 */
export interface MagnitudeCell extends Cell {
  readonly total: number;
  readonly top: number;
}

/** The share of the largest contribution that the noise on a magnitude is scaled to. */
export const MAGNITUDE_NOISE_SCALE = 0.2;

/**
 * The published value of a magnitude: withheld when fewer than `threshold` people contribute
 * or one person gives more than half of it (dominance); otherwise total + e × 0.2 × top, with
 * e drawn from the cell key in ±[0.5, 1], so the published total is always at least 10% of
 * the largest contribution away from the truth (the p% rule with p = 10) and the same people
 * always give the same value. Rounded to whole units.
 */
export function perturbedMagnitude(cell: MagnitudeCell, params: CellKeyParams): number | null {
  const people = cell.people ?? cell.n;
  if (people === 0 && cell.total === 0) return 0;
  if (people < params.threshold || !Number.isFinite(cell.total) || !Number.isFinite(cell.top)) return null;
  if (cell.total > 0 && cell.top > 0.5 * cell.total) return null;
  const u = (secondKey(cell.key) + 0.5) / RECORD_KEY_RANGE; // uniform in (0, 1)
  const e = u < 0.5 ? -(0.5 + u) : u; // ±[0.5, 1)
  return Math.round(cell.total + e * MAGNITUDE_NOISE_SCALE * Math.abs(cell.top));
}

/** The magnitude cell of disjoint cells' union: totals add, the top is the largest top. */
export function addMagnitudeCells(...cells: readonly MagnitudeCell[]): MagnitudeCell {
  const c = addCells(...cells);
  return {
    ...c,
    people: c.people ?? c.n,
    total: cells.reduce((s, x) => s + x.total, 0),
    top: cells.reduce((s, x) => Math.max(s, Math.abs(x.top)), 0),
  };
}
