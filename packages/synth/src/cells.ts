// The reference population as cells (LSOA × sex × single year of age), scaled to N people
// by cumulative rounding so the total is exactly N and each cell gets its fair share. Each
// cell is weighted up by the deaths expected in the three years before the as-of date, so
// after the generator's deaths the living match the reference population.
import { baseHazard } from "./mortality.ts";
import type { LsoaRef, ReferenceData } from "./reference.ts";
import { cumulative, type Rng } from "./rng.ts";

export interface Cell {
  readonly lsoa: LsoaRef;
  readonly sex: "F" | "M";
  /** Single year of age; 90 means 90 and over. */
  readonly age: number;
  readonly population: number;
}

export class PopulationCells {
  readonly cells: readonly Cell[];
  readonly total: number;
  private readonly cum: Float64Array;

  constructor(ref: ReferenceData) {
    const cells: Cell[] = [];
    for (const lsoa of ref.lsoas) {
      for (const [sex, counts] of [
        ["F", lsoa.females],
        ["M", lsoa.males],
      ] as const) {
        counts.forEach((population, age) => {
          if (population > 0) cells.push({ lsoa, sex, age, population });
        });
      }
    }
    this.cells = cells;
    this.cum = cumulative(cells.map((c) => c.population / threeYearSurvival(c.sex, c.age)));
    this.total = this.cum[this.cum.length - 1] ?? 0;
  }

  /** Cells meeting a condition, to draw from in proportion to their weight (null when none). */
  stratum(where: (cell: Cell) => boolean): { draw: (rng: Rng) => Cell; total: number } | null {
    const chosen = this.cells.filter(where);
    if (chosen.length === 0) return null;
    const cum = cumulative(chosen.map((c) => c.population / threeYearSurvival(c.sex, c.age)));
    return {
      total: cum[cum.length - 1] ?? 0,
      draw: (rng) => {
        const cell = chosen[rng.weightedIndex(cum)];
        if (!cell) throw new Error("empty stratum");
        return cell;
      },
    };
  }

  /** Calls `visit` for each cell with its share of `n` people; the counts add up to n. */
  forEachAllocation(n: number, visit: (cell: Cell, count: number, firstIndex: number) => void): void {
    let assigned = 0;
    this.cells.forEach((cell, i) => {
      const upTo = Math.round(((this.cum[i] ?? 0) * n) / this.total);
      const count = upTo - assigned;
      if (count > 0) visit(cell, count, assigned);
      assigned = upTo;
    });
  }

  randomCell(rng: Rng): Cell {
    const cell = this.cells[rng.weightedIndex(this.cum)];
    if (!cell) throw new Error("empty reference population");
    return cell;
  }

  /** Age in whole years for a cell: the 90+ cell is spread over 90–104. */
  drawAge(rng: Rng, cellAge: number): number {
    if (cellAge < 90) return cellAge;
    return Math.min(104, 90 + Math.floor(-3.5 * Math.log(1 - rng.next())));
  }
}

/** Chance of surviving the three years before the as-of date at ONS rates (90+: at 92). */
function threeYearSurvival(sex: "F" | "M", cellAge: number): number {
  const age = cellAge >= 90 ? 92 : cellAge;
  let hazard = 0;
  for (let k = 1; k <= 3; k++) if (age - k + 0.5 >= 0) hazard += baseHazard(sex, age - k + 0.5);
  return Math.exp(-hazard);
}
