// The CLI's two kinds of error: a user's mistake (clear message, exit 2) and a broken
// invariant (a reference to quote, details in the error log, exit 1).
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { defaultDataDir } from "./config.ts";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const USER_ERRORS = new Set([
  "UsageError",
  "ExtractError",
  "ReidentificationStoreError",
  "ReidentificationStoreLockedError",
  "BuildError",
  "NotBuiltError",
  "WarehouseOpenError",
  "ReferenceDataMissingError",
  "CodelistError",
  "RangeError",
  "ScoreFileError",
  "RiskNotReadyError",
  "RiskDataMissingError",
  "TooFewOutcomesError",
  "TruthError",
  "RealismNotReadyError",
  "CohortValidationError",
  "ScoresNotBuiltError",
  "UnresolvedSavedCohortError",
  "SavedCohortNotFoundError",
  "SavedCohortPopulationError",
  "StateOpenError",
  "StateInUseError",
  "AuditKeyError",
  "BackupError",
  "UserExistsError",
  "UnknownUserError",
  "InvalidGrantError",
  "DisclosurePolicyError",
  "UnitCostTableError",
  "CostsNotReadyError",
  "AllocationNotReadyError",
  "AllocationInputError",
  "ForecastInputError",
  "ScenarioValidationError",
  "NetworkValidationError",
  "MonteCarloInputError",
  "Dm01FileError",
  "NoImagingDataError",
  "TrinoAddressError",
  "TrinoSchemaMissingError",
  "TrinoUnreachableError",
  "JavaMissingError",
  "PortInUseError",
  "ClusterError",
  "ExportError",
  "TrinoDownloadError",
]);

export function isUserError(error: unknown): error is Error {
  return error instanceof Error && USER_ERRORS.has(error.name);
}

/** Writes the details to the error log and returns the reference to show. */
export function logInternalError(error: unknown): string {
  const reference = randomBytes(4).toString("hex").toUpperCase();
  // Messages from the engine can quote data values, so only the error's type and stack
  // frames are logged, never its message.
  const detail =
    error instanceof Error
      ? [error.name, ...(error.stack ?? "").split("\n").filter((l) => l.startsWith("    at "))].join("\n")
      : "non-Error value thrown";
  try {
    const dir = join(defaultDataDir(), "logs");
    mkdirSync(dir, { recursive: true });
    appendFileSync(join(dir, "errors.log"), `${new Date().toISOString()} ${reference}\n${detail}\n\n`);
  } catch {
    // The log is best effort; the reference is still shown.
  }
  if (process.env.BEVAN_DEBUG) process.stderr.write(`${detail}\n`);
  return reference;
}
