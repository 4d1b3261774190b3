// The European Standard Population 2013: 19 five-year age bands (0-4, 5-9, ..., 85-89, 90+)
// summing to 100,000. Source: Eurostat, "Revision of the European Standard Population:
// report of Eurostat's task force" (2013 edition), table 1; as published by ONS and used by
// PHE/UKHSA Fingertips for directly standardised rates.

export interface StandardPopulationBand {
  /** Band label, e.g. "0-4" or "90+". */
  label: string;
  ageMin: number;
  /** Inclusive upper age; null for the open-ended last band. */
  ageMax: number | null;
  population: number;
}

export const ESP2013_BANDS: readonly StandardPopulationBand[] = Object.freeze(
  [
    5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500,
    1500, 1000,
  ].map((population, i) =>
    Object.freeze({
      label: i === 18 ? "90+" : `${i * 5}-${i * 5 + 4}`,
      ageMin: i * 5,
      ageMax: i === 18 ? null : i * 5 + 4,
      population,
    }),
  ),
);

/** ESP2013 populations in band order (0-4 first, 90+ last). */
export const ESP2013: readonly number[] = Object.freeze(ESP2013_BANDS.map((b) => b.population));
