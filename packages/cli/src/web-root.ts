// Where the built web application is: BEVAN_WEB_ROOT, or packages/web/dist in this checkout
// (scripts/ensure.mjs builds it on `npm start`). Null when it has not been built.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export function webRoot(): string | null {
  const dir =
    process.env.BEVAN_WEB_ROOT ??
    resolve(join(dirname(fileURLToPath(import.meta.url)), "..", "..", "web", "dist"));
  return existsSync(join(dir, "index.html")) ? dir : null;
}
