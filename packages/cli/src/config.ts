// Where things live: the repository, the shared reference data, the demo data folder.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** The folder holding reference/ and codelists/: BEVAN_SHARED_DATA, else ../shared/data beside the repository. */
export function sharedDataDir(): string {
  const fromEnv = process.env.BEVAN_SHARED_DATA;
  if (fromEnv) return resolve(fromEnv);
  return resolve(REPO_ROOT, "..", "shared", "data");
}

export function defaultDataDir(): string {
  return resolve(process.env.BEVAN_DATA_DIR ?? join(REPO_ROOT, "data"));
}

/** The pseudonymisation key file for a warehouse: beside it, never inside it. */
export function keyFileFor(warehousePath: string): string {
  return join(dirname(resolve(warehousePath)), "secrets", "pseudonym.key");
}

export function exists(path: string): boolean {
  return existsSync(path);
}
