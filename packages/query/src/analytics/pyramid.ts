// The population pyramid: registered people by five-year age band and sex, for the caller's
// scope. Raw counts; the API discloses them by role.
import { addCells, type Cell, EMPTY_CELL } from "../disclosure/cell-key.ts";
import { cellSql, readCell } from "../disclosure/sql.ts";
import type { ScopedWarehouse } from "../scope.ts";

/** The pyramid's bands, youngest first (person_asof.age_band). */
export const AGE_BANDS = [
  "0-4",
  "5-9",
  "10-14",
  "15-19",
  "20-24",
  "25-29",
  "30-34",
  "35-39",
  "40-44",
  "45-49",
  "50-54",
  "55-59",
  "60-64",
  "65-69",
  "70-74",
  "75-79",
  "80-84",
  "85-89",
  "90+",
] as const;

export interface PyramidBand {
  readonly band: string;
  readonly female: Cell;
  readonly male: Cell;
}

export interface Pyramid {
  readonly bands: readonly PyramidBand[];
  /** Registered people whose sex is recorded as neither F nor M (not drawn on the pyramid). */
  readonly otherSex: Cell;
}

export async function populationPyramid(sw: ScopedWarehouse): Promise<Pyramid> {
  const rows = await sw.aggregate<Record<string, string | bigint | null>>(
    `SELECT p.age_band AS band, ${cellSql("p", "f", "p.sex = 'F'")}, ${cellSql("p", "m", "p.sex = 'M'")},
            ${cellSql("p", "o", "p.sex NOT IN ('F', 'M')")}
     FROM scoped_person_asof p WHERE p.registered GROUP BY 1`,
  );
  const byBand = new Map(rows.map((r) => [r.band, r]));
  return {
    bands: AGE_BANDS.map((band) => {
      const r = byBand.get(band);
      return { band, female: r ? readCell(r, "f") : EMPTY_CELL, male: r ? readCell(r, "m") : EMPTY_CELL };
    }),
    otherSex: addCells(...rows.map((r) => readCell(r, "o"))),
  };
}
