// Owner-only files and folders (0600 / 0700) whatever the process umask: application state,
// keys and audit checkpoints hold what only the service account may read or change.
// PGlite writes its files 0666 regardless of the umask, so its folder is tightened too.
import { appendFileSync, chmodSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/** Creates `dir` (and missing parents) owner-only; an existing `dir` is made owner-only too. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  chmodSync(dir, PRIVATE_DIR);
}

/** Writes a file readable and writable by its owner only, in an owner-only folder. */
export function writePrivateFile(path: string, content: string | Uint8Array): void {
  privateDir(dirname(path));
  writeFileSync(path, content, { mode: PRIVATE_FILE });
  chmodSync(path, PRIVATE_FILE);
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
