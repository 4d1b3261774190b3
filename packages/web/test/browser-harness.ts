// The browser-test harness: builds the web app when its sources are newer than dist/,
// launches Debian's chromium through playwright-core (never a downloaded browser), and
// gives each page a collector of console errors, an axe-core check and a screenshot.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

export const WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(WEB_ROOT, "dist");
export const CHROMIUM = process.env.BEVAN_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

/** Builds dist/ with Vite unless it is newer than every source file. */
export async function ensureBuilt(): Promise<void> {
  let built = 0;
  try {
    built = statSync(join(DIST, "index.html")).mtimeMs;
  } catch {}
  const sources = Math.max(
    newest(join(WEB_ROOT, "src")),
    statSync(join(WEB_ROOT, "index.html")).mtimeMs,
    statSync(join(WEB_ROOT, "vite.config.ts")).mtimeMs,
  );
  if (built > sources) return;
  // A separate process with NODE_ENV=production: inside vitest NODE_ENV is "test", and Vite
  // would bundle React's development build (which, under StrictMode, runs every effect twice).
  const vite = join(WEB_ROOT, "..", "..", "node_modules", "vite", "bin", "vite.js");
  const r = spawnSync(
    process.execPath,
    [vite, "build", "--config", join(WEB_ROOT, "vite.config.ts"), "--logLevel", "error"],
    {
      env: { ...process.env, NODE_ENV: "production" },
      stdio: "inherit",
    },
  );
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Console errors and uncaught exceptions on a page, collected as they happen. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  return errors;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: number;
  /** The first few elements at fault, with axe's reason (shown when a test fails). */
  readonly where: readonly string[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's content security policy stays on.
  await page.evaluate(AXE);
  // A string, so this Node-side file needs no DOM types.
  const result: AxeViolation[] = await page.evaluate(`axe.run(document).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
      where: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + (n.any[0] ? ": " + n.any[0].message : "")) })))`);
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Forget the last "data ready" mark before navigating within the app. */
export const resetReady = (page: Page) => page.evaluate(`performance.clearMarks("bevan:data-ready")`);

/** Waits until every loader on the page has settled and no loading message is showing. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      // A function, not a string: the page's CSP (rightly) forbids eval. Typed without the DOM lib.
      const g = globalThis as unknown as {
        performance: { getEntriesByName(name: string): unknown[] };
        bevanPending?: number;
        document: { querySelector(selector: string): unknown };
      };
      return (
        g.performance.getEntriesByName("bevan:data-ready").length > 0 &&
        g.bevanPending === 0 &&
        !g.document.querySelector(".bevan-loading")
      );
    },
    undefined,
    { timeout: 60_000 },
  );
}

/** Saves a 1280×800 screenshot into test-results/screenshots, and into docs/screenshots with UPDATE_SCREENSHOTS=1. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dirs = [join(WEB_ROOT, "..", "..", "test-results", "screenshots")];
  if (process.env.UPDATE_SCREENSHOTS === "1") dirs.push(join(WEB_ROOT, "..", "..", "docs", "screenshots"));
  // No focus ring left on the link the test clicked.
  await page.evaluate(
    "document.activeElement && document.activeElement.blur && document.activeElement.blur()",
  );
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`) });
  }
}
