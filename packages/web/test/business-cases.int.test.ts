// The Business cases page in a real browser (Debian's chromium via playwright-core) on the
// shared 20,000-person warehouse, as a commissioner: a case that gives its cohort directly
// (the page's figures are the API's), the Hospital@Home worked example on its cohort (the
// baseline from the data with the regression to the mean), and the printed summary (a PDF
// whose text carries the same range). No console errors, no serious or critical axe-core
// violations, a 1280×800 screenshot of each.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exampleCase, runBusinessCase, validateBusinessCase } from "@bevan/finance";
import { pdfPageToPng, pdfText } from "@bevan/reports";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PASSWORD, startApi } from "../../api/test/harness.ts";
import {
  DIST,
  ensureBuilt,
  launch,
  screenshot,
  seriousViolations,
  settled,
  watchErrors,
} from "./browser-harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

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
  for (const c of contexts) await c.close();
  await browser?.close();
  await api?.close();
});

async function signInAs(username: string, path: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base}${path}`);
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("who").waitFor();
  return { page, errors };
}

async function check(page: Page, name: string, scrollTo?: string): Promise<void> {
  await settled(page);
  expect(await page.locator(".nhsuk-error-summary").count(), `${name} shows an error`).toBe(0);
  expect(await seriousViolations(page), `${name}: serious/critical axe violations`).toEqual([]);
  if (scrollTo)
    await page
      .locator(scrollTo)
      .first()
      .evaluate((e) => e.scrollIntoView());
  await screenshot(page, name);
}

const money = (x: number) => `${x < 0 ? "−" : ""}£${Math.round(Math.abs(x)).toLocaleString("en-GB")}`;

describe("the Business cases page in chromium", () => {
  it("commissioner: a direct case, a worked example on its cohort, the printed summary", async () => {
    const { page, errors } = await signInAs("commissioner", "/business-cases");
    await page.getByRole("heading", { name: "Business cases", level: 1 }).waitFor();
    await settled(page);
    await check(page, "40-business-case-inputs");

    // A case that gives its cohort directly: the page shows the API's answer.
    await page.getByLabel("Start from a worked example").selectOption("minimal");
    await page.getByLabel("Runs").fill("2000");
    await page.getByRole("button", { name: "Run the case" }).click();
    await page.getByTestId("bc-results").waitFor({ timeout: 60_000 });
    const expected = runBusinessCase(validateBusinessCase({ ...exampleCase("minimal"), runs: 2000 }));
    expect(await page.getByTestId("bc-npv").innerText()).toBe(money(expected.cumulative.p50));
    expect(await page.getByTestId("bc-chance").innerText()).toBe(
      `${Math.round(100 * expected.probabilityPositive)} in 100`,
    );

    // Hospital@Home on its cohort: the baseline from the data, with the regression to the mean.
    await page.getByLabel("Start from a worked example").selectOption("hospital-at-home");
    await page.getByLabel("Runs").fill("2000");
    await page.getByRole("button", { name: "Run the case" }).click();
    await page.getByTestId("bc-baseline").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("bc-regression").innerText()).toMatch(/Regression to the mean/);
    await check(page, "41-business-case-results", "[data-testid=bc-results]");
    await page
      .locator(".bevan-chart")
      .last()
      .evaluate((e) => e.scrollIntoView());
    await screenshot(page, "42-business-case-tornado");

    // The workbook: every assumption and the run summary.
    const [xlsx] = await Promise.all([
      page.waitForEvent("download", { timeout: 60_000 }),
      page.getByRole("button", { name: "Download every assumption and the run summary (Excel)" }).click(),
    ]);
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await xlsx.path());
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Summary",
      "Inputs",
      "By year",
      "Tornado",
      "Gain and loss share",
      "Case file",
    ]);
    const inputs = wb.getWorksheet("Inputs");
    expect(inputs?.rowCount).toBe(1 + 23);
    expect(inputs?.getRow(2).getCell(5).value).toBe("the data");

    // The printed summary.
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 90_000 }),
      page.getByRole("button", { name: "Download the summary (PDF)" }).click(),
    ]);
    const file = await download.path();
    const pdf = new Uint8Array(readFileSync(file));
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Hospital@Home for frail older people");
    expect(text).toContain("Regression to the mean");
    expect(text).toContain("chance that the case breaks even");
    const png = pdfPageToPng(pdf, 1, 80);
    for (const dir of [
      join(import.meta.dirname, "..", "..", "..", "test-results", "screenshots"),
      ...(process.env.UPDATE_SCREENSHOTS === "1"
        ? [join(import.meta.dirname, "..", "..", "..", "docs", "screenshots")]
        : []),
    ]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "43-business-case-pdf.png"), png);
    }
    expect(errors).toEqual([]);
  });

  it("commissioner: the example contract evaluated, payments with the range to expect from noise", async () => {
    const { page, errors } = await signInAs("commissioner", "/contracts");
    await page.getByRole("heading", { name: "Outcome-based contracts" }).waitFor();
    await settled(page);
    await page.getByRole("button", { name: "Evaluate the contract" }).click();
    await page.getByTestId("ct-results").waitFor({ timeout: 120_000 });
    expect(await page.getByTestId("ct-total").innerText()).toMatch(/Earned in all: £/);
    expect(await page.getByTestId("ct-indicator-hba1c-target").locator("tbody tr").count()).toBeGreaterThan(
      0,
    );
    await check(page, "44-contract-results", "[data-testid=ct-results]");
    expect(errors).toEqual([]);
  });
});
