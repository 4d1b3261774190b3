// The shape of the QDiabetes-2018 coefficients, per model and sex.

export interface QDiabetesCoefficients {
  readonly ethnicity: Readonly<Record<string, number>>;
  readonly smoking: Readonly<Record<string, number>>;
  readonly centring: Readonly<Record<string, number>>;
  readonly continuous: Readonly<Record<string, number>>;
  readonly binary: Readonly<Record<string, number>>;
  /** Keys `age_1*term`, `age_2*term`, using centred terms. */
  readonly interactions: Readonly<Record<string, number>>;
  readonly baselineSurvival10y: number;
}
