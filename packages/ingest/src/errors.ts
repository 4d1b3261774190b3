/** A problem with an extract as a whole that the person loading it can fix. */
export class ExtractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExtractError";
  }
}
