// The population pyramid: registered people by five-year age band and sex, for the caller's
// scope. Raw counts; the API discloses them by role.
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
  readonly female: number;
  readonly male: number;
}

export interface Pyramid {
  readonly bands: readonly PyramidBand[];
  /** Registered people whose sex is recorded as neither F nor M (not drawn on the pyramid). */
  readonly otherSex: number;
}

export async function populationPyramid(sw: ScopedWarehouse): Promise<Pyramid> {
  const rows = await sw.aggregate<{ band: string; f: bigint; m: bigint; o: bigint }>(
    `SELECT p.age_band AS band,
            count(*) FILTER (WHERE p.sex = 'F') AS f,
            count(*) FILTER (WHERE p.sex = 'M') AS m,
            count(*) FILTER (WHERE p.sex NOT IN ('F', 'M')) AS o
     FROM scoped_person_asof p WHERE p.registered GROUP BY 1`,
  );
  const byBand = new Map(rows.map((r) => [r.band, r]));
  return {
    bands: AGE_BANDS.map((band) => {
      const r = byBand.get(band);
      return { band, female: Number(r?.f ?? 0), male: Number(r?.m ?? 0) };
    }),
    otherSex: rows.reduce((a, r) => a + Number(r.o), 0),
  };
}
