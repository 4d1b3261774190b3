// Owner-only files and folders (0600 / 0700) whatever the process umask: application state,
// keys and audit checkpoints hold what only the service account may read or change.
// PGlite writes its files 0666 regardless of the umask, so its folder is tightened too.
import { appendFileSync, chmodSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/**
 * Creates the folders of `dir` that are missing, owner-only. Folders that exist are left as
 * they are: they may be shared ones such as /tmp, which must never be narrowed.
 */
export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
}

/** A folder that is Bevan's own (a state folder): created or made owner-only. */
export function privateDir(dir: string): void {
  ensureDir(dir);
  chmodSync(dir, PRIVATE_DIR);
}

/**
 * Writes a file readable and writable by its owner only (missing folders created
 * owner-only). With `exclusive`, a file that exists already is left alone and false returned.
 */
export function writePrivateFile(
  path: string,
  content: string | Uint8Array,
  options: { exclusive?: boolean } = {},
): boolean {
  ensureDir(dirname(path));
  try {
    writeFileSync(path, content, { mode: PRIVATE_FILE, flag: options.exclusive ? "wx" : "w" });
  } catch (error) {
    if (options.exclusive && (error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  chmodSync(path, PRIVATE_FILE);
  return true;
}

/** Appends to an owner-only file (created 0600 in an owner-only folder if missing). */
export function appendPrivateFile(path: string, content: string): void {
  appendFileSync(path, content, { mode: PRIVATE_FILE, flag: "a" });
}

/** Makes every file under `dir` 0600 and every folder 0700 (after another library wrote them). */
export function tightenTree(dir: string): void {
  chmodSync(dir, PRIVATE_DIR);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tightenTree(path);
    else if (entry.isFile()) chmodSync(path, PRIVATE_FILE);
  }
}
