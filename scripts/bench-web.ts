// `node scripts/bench-web.ts --url http://127.0.0.1:8080 --user demo-analyst --password demo [--runs 10] [--out FILE]`
// Loads each page of the web app in Debian's chromium (playwright-core) `--runs` times, as a
// signed-in user, and reports per page the p95 of its API responses (request start to last
// byte), the p95 of "all data arrived" (navigation start to the last API response), first
// contentful paint, and first meaningful paint (the app's `bevan:data-ready` mark: the first
// frame that shows every loaded number). The server must already be running.
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:8080" },
    user: { type: "string", default: "demo-analyst" },
    password: { type: "string", default: "demo" },
    runs: { type: "string", default: "10" },
    pages: { type: "string" },
    out: { type: "string" },
    chromium: { type: "string", default: process.env.BEVAN_CHROMIUM ?? "/usr/bin/chromium" },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a whole number of at least 1");
const base = values.url.replace(/\/$/, "");
const PAGES = values.pages?.split(",") ?? [
  "/",
  "/timeline",
  "/variation",
  "/inequalities",
  "/cohorts",
  "/patients",
  "/data-status",
];

const p95 = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] ?? null;
};
const round = (x: number | null) => (x === null ? null : Math.round(x));

const browser = await chromium.launch({
  executablePath: values.chromium,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const signIn = await context.request.post(`${base}/api/auth/sign-in`, {
  data: { username: values.user, password: values.password },
});
if (!signIn.ok()) {
  console.error(
    `bench-web: sign-in as ${values.user} failed (HTTP ${signIn.status()}); check --user and --password`,
  );
  process.exit(2);
}

interface PageResult {
  page: string;
  runs: number;
  apiCalls: number;
  apiP95Ms: number | null;
  apiMaxMs: number | null;
  dataArrivedP95Ms: number | null;
  fcpP95Ms: number | null;
  fmpP95Ms: number | null;
  failures: number;
}
const results: PageResult[] = [];
const load = loadavg();
for (const path of PAGES) {
  const api: number[] = [];
  const arrived: number[] = [];
  const fcp: number[] = [];
  const fmp: number[] = [];
  let calls = 0;
  let failures = 0;
  for (let i = 0; i <= runs; i++) {
    const page = await context.newPage();
    const durations: number[] = [];
    const ends: number[] = [];
    page.on("requestfinished", (request) => {
      if (!new URL(request.url()).pathname.startsWith("/api/")) return;
      const t = request.timing();
      if (t.responseEnd > 0) {
        durations.push(t.responseEnd - Math.max(0, t.requestStart));
        ends.push(t.startTime + t.responseEnd);
      }
    });
    const started = Date.now();
    try {
      await page.goto(`${base}${path}`);
      await page.waitForFunction(
        () => {
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
      const marks = (await page.evaluate(`(() => {
        const paint = performance.getEntriesByName("first-contentful-paint")[0];
        const ready = performance.getEntriesByName("bevan:data-ready");
        return { fcp: paint ? paint.startTime : null, fmp: ready.length ? ready[ready.length - 1].startTime : null, origin: performance.timeOrigin };
      })()`)) as { fcp: number | null; fmp: number | null; origin: number };
      if (i > 0) {
        // The first load warms the browser cache and the server: not counted.
        api.push(...durations);
        calls += durations.length;
        if (ends.length > 0) arrived.push(Math.max(...ends) - marks.origin);
        if (marks.fcp !== null) fcp.push(marks.fcp);
        if (marks.fmp !== null) fmp.push(marks.fmp);
      }
    } catch (error) {
      failures += 1;
      console.error(
        `bench-web: ${path} run ${i} failed after ${Date.now() - started} ms: ${(error as Error).message.split("\n")[0]}`,
      );
    }
    await page.close();
  }
  const r: PageResult = {
    page: path,
    runs,
    apiCalls: calls,
    apiP95Ms: round(p95(api)),
    apiMaxMs: round(api.length ? Math.max(...api) : null),
    dataArrivedP95Ms: round(p95(arrived)),
    fcpP95Ms: round(p95(fcp)),
    fmpP95Ms: round(p95(fmp)),
    failures,
  };
  results.push(r);
  console.log(
    `${path.padEnd(14)} API p95 ${String(r.apiP95Ms).padStart(6)} ms (max ${r.apiMaxMs}, ${calls} calls)  data arrived p95 ${String(r.dataArrivedP95Ms).padStart(6)} ms  FCP p95 ${String(r.fcpP95Ms).padStart(6)} ms  FMP p95 ${String(r.fmpP95Ms).padStart(6)} ms${failures ? `  ${failures} failed` : ""}`,
  );
}
await browser.close();
const report = {
  at: new Date().toISOString(),
  url: base,
  user: values.user,
  runs,
  loadAverageAtStart: load.map((x) => Number(x.toFixed(2))),
  loadAverageAtEnd: loadavg().map((x) => Number(x.toFixed(2))),
  pages: results,
};
console.log(
  `load average at start ${report.loadAverageAtStart.join(", ")}; at end ${report.loadAverageAtEnd.join(", ")}`,
);
if (values.out) writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
