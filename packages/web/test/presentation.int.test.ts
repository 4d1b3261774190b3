// Every page at a phone's width (390 px) and a desktop's (1280 px): no serious or critical
// axe-core violations, nothing wider than the screen, no console errors, a screenshot of each
// (docs/screenshots/w390-*.png and w1280-*.png with UPDATE_SCREENSHOTS=1); the drill-down
// choice does not navigate on an arrow key; and a PDF of a page, printed by the server with
// the caller's session, shows what that user sees.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pdfPageToPng, pdfText } from "@bevan/reports";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PASSWORD, type RoleCode, startApi } from "../../api/test/harness.ts";
import {
  DIST,
  ensureBuilt,
  launch,
  screenshot,
  seriousViolations,
  settled,
  WEB_ROOT,
  watchErrors,
} from "./browser-harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
let base: string;
let browser: Browser;

beforeAll(async () => {
  await ensureBuilt();
  api = await startApi(inject("demo"), { webRoot: DIST });
  await api.app.listen({ port: 0, host: "127.0.0.1" });
  const address = api.app.server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  base = `http://127.0.0.1:${address.port}`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function signIn(role: RoleCode, width: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Username").fill(role);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("who").waitFor();
  return { page, errors };
}

/** The pages a role reaches from the navigation (and an area's own tabs), as paths. */
async function pagesOf(page: Page): Promise<string[]> {
  await settled(page);
  const hrefs: string[] = await page.evaluate(
    `[...document.querySelectorAll('nav[aria-label="Menu"] a, .bevan-tabs__link, .bevan-subnav a')].map((a) => a.getAttribute("href"))`,
  );
  return [...new Set(hrefs.filter((h) => h?.startsWith("/")))];
}

const slug = (path: string) =>
  path
    .replace(/^\/patients\/.+/, "/patient")
    .replace(/[^a-z0-9]+/gi, "-")
    .replace(/^-|-$/g, "") || "overview";

/** Opens a path, waits for its data, pictures it and says what is wrong with it (nothing, ideally). */
async function visit(page: Page, path: string, width: number): Promise<string[]> {
  await page.goto(`${base}${path}`);
  await settled(page);
  const name = `${path} at ${width} px`;
  const problems: string[] = [];
  if ((await page.locator(".nhsuk-error-summary").count()) > 0) problems.push(`${name} shows an error`);
  for (const v of await seriousViolations(page))
    problems.push(`${name}: axe ${v.impact} ${v.id} (${v.nodes})`);
  // What sticks out past the right edge, named, so a failure says where to look.
  const wide: string[] = await page.evaluate(`document.documentElement.scrollWidth > window.innerWidth
    ? [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
        .slice(0, 4).map((e) => e.tagName.toLowerCase() + "." + [...e.classList].join(".") + " " + Math.round(e.getBoundingClientRect().width) + "px")
        .concat(["(the page)"])
    : []`);
  if (wide.length > 0) problems.push(`${name} is wider than the screen: ${wide.join(", ")}`);
  await screenshot(page, `w${width}-${slug(path)}`);
  return problems;
}

describe("every page at 390 and 1280 px", () => {
  for (const width of [1280, 390]) {
    it(`analyst and clinician pages at ${width} px: axe-clean, nothing wider than the screen`, async () => {
      const analyst = await signIn("ics_analyst", width);
      const paths = await pagesOf(analyst.page);
      // The areas' own page tabs (diagnostics, resources).
      for (const area of ["/diagnostics", "/resources"].filter((a) => paths.includes(a))) {
        await analyst.page.goto(`${base}${area}`);
        for (const p of await pagesOf(analyst.page)) if (!paths.includes(p)) paths.push(p);
      }
      expect(paths.length).toBeGreaterThanOrEqual(8);
      const problems: string[] = [];
      for (const path of paths) problems.push(...(await visit(analyst.page, path, width)));

      const clinician = await signIn("clinician", width);
      problems.push(...(await visit(clinician.page, "/patients", width)));
      const first = clinician.page.locator('a[href^="/patients/"]').first();
      const patient = await first.getAttribute("href");
      if (!patient) throw new Error("no patient in the clinician's list");
      problems.push(...(await visit(clinician.page, patient, width)));
      expect(problems).toEqual([]);
      expect(analyst.errors).toEqual([]);
      expect(clinician.errors).toEqual([]);
      await analyst.page.context().close();
      await clinician.page.context().close();
    });
  }
});

describe("keyboard and print", () => {
  it("the drill-down choice does not navigate on the first arrow key", async () => {
    const { page } = await signIn("ics_analyst", 1280);
    await settled(page);
    const select = page.locator(".bevan-scope__drill-row select").first();
    await select.focus();
    const before = page.url();
    await page.keyboard.press("ArrowDown");
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
    await page.context().close();
  });

  it("prints a page to PDF as the caller sees it, with who, when and the scope in the footer", async () => {
    const { page } = await signIn("ics_analyst", 1280);
    await settled(page);
    const res = await page.request.get(`${base}/api/print?path=${encodeURIComponent("/inequalities")}`);
    expect(res.status(), await res.text().catch(() => "")).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    const pdf = new Uint8Array(await res.body());
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Inequalities");
    expect(text).toMatch(/printed \d{4}-\d\d-\d\d \d\d:\d\d UTC for ics_analyst/);
    expect(text).not.toContain("Download this page as a PDF");
    // The PNG of its first page, to look at: test-results/print-inequalities.png.
    const png = pdfPageToPng(pdf, 1, 60);
    expect(png.length).toBeGreaterThan(10_000);
    mkdirSync(join(WEB_ROOT, "..", "..", "test-results"), { recursive: true });
    writeFileSync(join(WEB_ROOT, "..", "..", "test-results", "print-inequalities.png"), png);
    const refused = await page.request.get(
      `${base}/api/print?path=${encodeURIComponent("https://example.org/")}`,
    );
    expect(refused.status()).toBe(400);
    const anonymous = await browser.newContext();
    expect((await anonymous.request.get(`${base}/api/print?path=%2F`)).status()).toBe(401);
    await anonymous.close();
    await page.context().close();
  });
});
