// The Resources area in chromium, on a private copy of the shared 20,000-person warehouse with
// the risk models scored (tiers, segments and needs profiles need them, as after `bevan build`):
// a commissioner divides a budget (the targets add up to it to the penny, on screen and in the
// CSV), reads spend and use, the opportunities and the cohort behind a row (no patient list);
// an analyst lists the people behind a row (audited), reads the validation, the unit costs and
// the patient budgets. No console errors, no serious axe violations, a screenshot of each page.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SHARED_DATA } from "../../../test/paths.ts";
import { PASSWORD, type RoleCode, startApi } from "../../api/test/harness.ts";
import { Warehouse } from "../../engine/src/index.ts";
import { reidentificationPath } from "../../ingest/src/index.ts";
import { scoreRisk } from "../../risk/src/index.ts";
import {
  DIST,
  ensureBuilt,
  launch,
  resetReady,
  screenshot,
  seriousViolations,
  settled,
  watchErrors,
} from "./browser-harness.ts";

const demo = inject("demo");
const dir = mkdtempSync(join(tmpdir(), "bevan-resources-web-"));
const db = join(dir, "warehouse.duckdb");
let api: Awaited<ReturnType<typeof startApi>>;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  copyFileSync(demo.db, db);
  mkdirSync(join(dir, "secrets"), { recursive: true });
  copyFileSync(reidentificationPath(demo.db), reidentificationPath(db));
  const wh = await Warehouse.open(db);
  try {
    await scoreRisk(wh, { sharedDataDir: SHARED_DATA });
  } finally {
    wh.close();
  }
  await ensureBuilt();
  api = await startApi({ ...demo, db }, { webRoot: DIST });
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
  rmSync(dir, { recursive: true, force: true });
});

async function signInAs(role: RoleCode): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base}/`);
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel("Username").fill(role);
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

async function sub(page: Page, label: string): Promise<void> {
  await resetReady(page);
  await page.getByRole("navigation", { name: "Resources" }).getByRole("link", { name: label }).click();
  await settled(page);
}

/** The fields of one CSV line (RFC 4180 quoting; no line breaks inside fields here). */
const fields = (line: string): string[] =>
  [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
    .filter((m) => m.index < line.length || m[1] !== "")
    .map((m) => (m[1]?.startsWith('"') ? m[1].slice(1, -1).replaceAll('""', '"') : (m[1] ?? "")));

const pounds = (s: string) => Number(s.replace(/[^0-9.]/g, ""));

async function auditCount(action: string, username: string): Promise<number> {
  const r = await api.state.query<{ n: number | string }>(
    "SELECT count(*) AS n FROM audit_events e JOIN users u ON u.id = e.user_id WHERE e.action = $1 AND u.username = $2",
    [action, username],
  );
  return Number(r[0]?.n ?? 0);
}

describe("the Resources area in chromium", () => {
  it("commissioner: fair shares to the penny, spend and use, opportunities and the cohort behind a row", async () => {
    const { page, errors } = await signInAs("commissioner");
    await resetReady(page);
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Resources" }).click();
    await settled(page);
    await page.getByRole("heading", { name: "Fair shares" }).waitFor();

    // A budget with pennies, divided between the practices: the targets add up to it exactly.
    await page.getByLabel("Budget to divide (£)").fill("12,345,678.91");
    await resetReady(page);
    await page.getByRole("button", { name: "Divide the budget" }).click();
    await page.waitForURL(/budget=12345678\.91/);
    await settled(page);
    expect(await page.getByTestId("sum-of-targets").textContent()).toBe("£12,345,678.91");
    // Out of time, the needs formula explains more of the practices' spend than age–sex weighting
    // or raw capitation (which explains none; age–sex weighting can do worse than that, see docs/resources.md).
    const r2 = await page
      .getByTestId("formula-r2")
      .locator("tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
      );
    const practiceR2 = (name: RegExp) =>
      Number((r2.find((r) => name.test(r[0] ?? ""))?.[1] ?? "").replace("\u2212", "-"));
    // The table shows each formula's R²; on the realistic generator the needs formula no longer
    // beats age–sex weighting at practice level on 20,000 people (an open finding of issue 21).
    expect(Number.isFinite(practiceR2(/age.sex/i))).toBe(true);
    expect(practiceR2(/^Needs-based \(age/)).toBeGreaterThan(practiceR2(/capitation/i));
    await check(page, "resources-01-fair-shares", "[data-testid=allocation-summary]");

    // The CSV export holds the same targets: they too add up to the budget.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /Download CSV of Fair shares by practice/ }).click(),
    ]);
    const csvText = readFileSync((await download.path()) as string, "utf8");
    expect(csvText.startsWith("\uFEFF"), "a byte-order mark, so Excel reads £ as UTF-8").toBe(true);
    const csv = csvText.slice(1).trim().split(/\r?\n/).map(fields);
    const col = (csv[0] ?? []).indexOf("Target (£)");
    expect(col).toBeGreaterThan(0);
    const pennies = csv.slice(1).reduce((t, row) => t + Math.round(100 * Number(row[col])), 0);
    expect(pennies).toBe(1_234_567_891);

    // The Excel download (exceljs in the browser) holds the same table: a workbook a spreadsheet
    // reads back, its header bold, targets as numbers adding up to the budget.
    const [xlsxDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /Download Excel \(XLSX\) of Fair shares by practice/ }).click(),
    ]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsxDownload.path()) as string);
    const sheet = workbook.worksheets[0];
    const header = (sheet?.getRow(1).values ?? []) as unknown[];
    expect(header.slice(1)).toEqual(csv[0]);
    expect(sheet?.getRow(1).font?.bold).toBe(true);
    const xcol = header.indexOf("Target (£)");
    let xpennies = 0;
    sheet?.eachRow((row, n) => {
      if (n > 1) xpennies += Math.round(100 * (row.getCell(xcol).value as number));
    });
    expect(sheet?.rowCount).toBe(csv.length);
    expect(xpennies).toBe(1_234_567_891);

    await sub(page, "Spend and use");
    const total = (await page.getByTestId("total-spend").textContent()) ?? "";
    expect(pounds(total)).toBeGreaterThan(1_000_000);
    await page.getByTestId("needs-outliers").waitFor();
    await page.getByTestId("who-uses-what").waitFor();
    expect(await page.getByTestId("who-uses-what").textContent()).toContain("Very high risk");
    await check(page, "resources-02-spend", ".bevan-cards");
    await page.getByTestId("needs-outliers").evaluate((e) => e.scrollIntoView());
    await screenshot(page, "resources-03-needs-funnel");

    await sub(page, "Opportunities");
    await page.getByTestId("opportunity-acsc").waitFor();
    await page.getByTestId("needs-profiles").waitFor();
    await check(page, "resources-04-opportunities", ".bevan-cards");

    // Drill down from the largest ACSC opportunity row to the cohort behind it.
    await resetReady(page);
    await page.getByTestId("opportunity-acsc").locator("tbody a").first().click();
    await page.waitForURL(/\/resources\/opportunities\/cohort\?.*kind=acsc/);
    await settled(page);
    await page.getByRole("heading", { name: /^Emergency admissions for chronic/ }).waitFor();
    expect(await page.getByTestId("cohort-people").textContent()).toMatch(/^[0-9,]+$|suppressed/);
    expect(await page.getByRole("button", { name: "List the people" }).count()).toBe(0);
    await check(page, "resources-05-opportunity-cohort", "h1");
    expect(errors).toEqual([]);
  });

  it("analyst: the people behind an opportunity (audited), validation, unit costs, patient budgets", async () => {
    const { page, errors } = await signInAs("ics_analyst");
    await page.goto(`${base}/resources/opportunities?benchmark=best_quartile`);
    await settled(page);
    await resetReady(page);
    await page.getByTestId("opportunity-elective").locator("tbody a").first().click();
    await settled(page);
    const before = await auditCount("patient.list", "ics_analyst");
    await resetReady(page);
    await page.getByRole("button", { name: "List the people" }).click();
    await settled(page);
    const rows = await page.getByRole("table", { name: "People in the cohort" }).locator("tbody tr").count();
    expect(rows).toBeGreaterThan(0);
    expect(await auditCount("patient.list", "ics_analyst")).toBe(before + 1);
    await check(page, "resources-06-opportunity-people", "h2:has-text('The people')");

    // The elective cohort can be written in the cohort language: save it and land in the builder.
    await resetReady(page);
    await page.getByRole("button", { name: /Save as a cohort/ }).click();
    await page.waitForURL(/\/cohorts\?cohort=/);
    await settled(page);
    await page
      .getByText(/Elective admissions \(day case and ordinary\), /)
      .first()
      .waitFor();

    await resetReady(page);
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Resources" }).click();
    await settled(page);
    await sub(page, "Model validation");
    await page.getByTestId("validation-r2").waitFor();
    await check(page, "resources-07-validation", "[data-testid=validation-r2]");

    await sub(page, "Unit costs");
    const costRows = await page
      .getByRole("table", { name: /unit costs/ })
      .locator("tbody tr")
      .count();
    expect(costRows).toBeGreaterThan(50);
    // Every row names its source, as a link to it.
    const sources = await page
      .getByRole("table", { name: /unit costs/ })
      .locator("tbody tr td:last-child a")
      .count();
    expect(sources).toBe(costRows);
    await check(page, "resources-08-unit-costs", "#uc-pod");

    // The patient budgets page loads nothing until asked to list the people.
    await page
      .getByRole("navigation", { name: "Resources" })
      .getByRole("link", { name: "Patient budgets" })
      .click();
    await resetReady(page);
    await page.getByRole("button", { name: "List the people" }).click();
    await settled(page);
    expect(await page.getByTestId("budgets-summary").textContent()).toMatch(
      /people, highest expected cost first/,
    );
    await check(page, "resources-09-patient-budgets", "[data-testid=budgets-summary]");
    expect(errors).toEqual([]);
  });
});
