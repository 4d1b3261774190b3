// Where Debian's chromium is, and a clear message when it is not there. Bevan never downloads a
// browser: PDF output and the browser tests use the one the machine's packages provide.
import { existsSync } from "node:fs";

export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export class ChromiumMissingError extends Error {
  constructor(path: string) {
    super(
      `PDF output needs Chromium, and there is none at ${path}. Install Debian's chromium ` +
        "(apt-get install chromium, as root) or set BEVAN_CHROMIUM to a Chromium executable, then try again.",
    );
    this.name = "ChromiumMissingError";
  }
}

/** The Chromium executable: BEVAN_CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  const path = process.env.BEVAN_CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(path)) throw new ChromiumMissingError(path);
  return path;
}
