// What every score returns, and the error for input a score cannot use.

export interface ScoreResult {
  /** The score, unrounded. */
  readonly value: number;
  /** The band where the score has one (e.g. eFI fit/mild/moderate/severe). */
  readonly band?: string;
}

/** The input is outside the score's valid range or malformed; the message names the field. */
export class ScoreInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScoreInputError";
  }
}
