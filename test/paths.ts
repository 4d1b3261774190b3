// Paths tests share: the repository root and the shared data folder beside it.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SHARED_DATA = resolve(
  process.env.BEVAN_SHARED_DATA ?? resolve(REPO_ROOT, "..", "shared", "data"),
);
export const BEVAN_BIN = resolve(REPO_ROOT, "packages", "cli", "bin", "bevan.js");
export const PINNED_NODE = resolve(REPO_ROOT, "node_modules", ".bin", "node");
