// The shape of the QRISK3-2017 coefficients, per sex.

export interface Qrisk3Coefficients {
  readonly survivor10y: number;
  /** Indexed by QRISK ethnicity code 0–9 (0 and 1 are both the reference group). */
  readonly ethnicity: readonly number[];
  /** Indexed by smoking category 0–4 (non, ex, light, moderate, heavy). */
  readonly smoking: readonly number[];
  readonly centring: Readonly<Record<string, number>>;
  readonly main: Readonly<Record<string, number>>;
  /** Keys `age_1*term`, `age_2*term`; `(smoke_cat==k)` is an indicator. */
  readonly interactions: Readonly<Record<string, number>>;
}
