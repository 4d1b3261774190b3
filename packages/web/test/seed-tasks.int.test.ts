// The seeds' everyday tasks done as a user would, through the web app only (chromium), each
// ending with the people the page shows or exports checked against the CLI's answer
// (`bevan cohort run FILE --members --json` on the same warehouse, for the definition the
// page used, limited to the user's scope). On a scored copy of the shared warehouse (the
// worklists need the mortality and QDiabetes scores). Also: a shipped example pasted into
// the builder, edited and saved comes back identical; each page passes axe.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Warehouse } from "@bevan/engine";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { scoredDemo } from "../../../test/scored-demo.ts";
import { PASSWORD, type RoleCode, startApi } from "../../api/test/harness.ts";
import {
  DIST,
  ensureBuilt,
  launch,
  resetReady,
  screenshot,
  seriousViolations,
  settled,
  WEB_ROOT,
  watchErrors,
} from "./browser-harness.ts";

const REPO = join(WEB_ROOT, "..", "..");
let api: Awaited<ReturnType<typeof startApi>>;
let db: string;
/** People with a type 1 or National Data Opt-out: planning roles' lists leave them out. */
let optedOut: Set<string>;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const tmp = mkdtempSync(join(tmpdir(), "bevan-seed-tasks-"));

beforeAll(async () => {
  await ensureBuilt();
  const demo = await scoredDemo(inject("demo"));
  db = demo.db;
  const wh = await Warehouse.open(db, { readOnly: true });
  try {
    optedOut = new Set(
      (await wh.json<{ person_id: string }>("SELECT person_id FROM opt_out")).map((r) => String(r.person_id)),
    );
  } finally {
    wh.close();
  }
  expect(optedOut.size).toBeGreaterThan(0);
  api = await startApi(demo, { webRoot: DIST });
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

async function signInAs(role: RoleCode): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Username").fill(role);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("who").waitFor();
  return { page, errors };
}

async function check(page: Page, name: string): Promise<void> {
  await settled(page);
  expect(await seriousViolations(page), `${name}: serious/critical axe violations`).toEqual([]);
  await screenshot(page, name);
}

/** The CLI's members less the people who opted out: what a planning role's list holds. */
async function forPlanning(members: Promise<string[]>): Promise<string[]> {
  return (await members).filter((id) => !optedOut.has(id));
}

/** The CLI's members for a definition, limited to an organisation (the user's scope). */
function cliMembers(definition: unknown, level: "practice" | "place", code: string): Promise<string[]> {
  const file = join(tmp, `${Math.random().toString(36).slice(2)}.json`);
  const def = definition as { criteria: unknown };
  const scoped = {
    ...def,
    criteria: { kind: "and", of: [def.criteria, { kind: "organisation", level, in: [code] }] },
  };
  writeFileSync(file, JSON.stringify(scoped));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(REPO, "packages/cli/bin/bevan.js"), "cohort", "run", file, "--db", db, "--members", "--json"],
      { cwd: REPO },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("close", (code) => {
      try {
        if (code !== 0) throw new Error(`exited ${code}`);
        resolve([...(JSON.parse(out) as { members: string[] }).members].sort());
      } catch (e) {
        reject(new Error(`bevan cohort run: ${(e as Error).message}: ${err}`));
      }
    });
  });
}

/** The pseudonymous ids of a CSV export (the rows before the provenance block). */
function csvIds(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, "").split("\r\n");
  const header = (lines[0] ?? "").split(",");
  const col = header.indexOf("Pseudonymous id");
  const rows = lines.slice(1, lines.indexOf(""));
  return rows.map((l) => l.split(",")[col] ?? "").sort();
}

async function downloadText(page: Page, linkName: RegExp): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: linkName }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, "utf8") };
}

async function openWorklist(page: Page, title: string): Promise<void> {
  await resetReady(page);
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Worklists" }).click();
  await settled(page);
  await resetReady(page);
  await page.getByRole("link", { name: title }).click();
  await page.getByRole("heading", { name: title, level: 1 }).waitFor();
  await settled(page);
}

/** The worklist's definition, as the page's "Download the definition" gives it. */
async function worklistDefinition(page: Page): Promise<unknown> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download the definition (JSON)" }).click(),
  ]);
  return JSON.parse(readFileSync(await download.path(), "utf8"));
}

/** Every id on a list page, in the table's first column. */
async function shownIds(page: Page): Promise<string[]> {
  return (await page.locator("table.bevan-list-table tbody tr td:first-child").allInnerTexts())
    .map((t) => t.trim())
    .sort();
}

/** Adds a criterion of the kind whose label is given, to the top-level group. */
async function addCriterion(page: Page, label: string): Promise<void> {
  const select = page.locator("#c-add, #c-root-add").first();
  await select.selectOption({ label });
  await page.getByRole("button", { name: "Add", exact: true }).first().click();
}

/** Waits until the live count is the API's answer for the definition the form shows. */
async function liveCount(page: Page): Promise<number | null> {
  await page.waitForFunction(
    () => {
      type El = { textContent: string; getAttribute(name: string): string | null };
      const g = globalThis as unknown as { document: { querySelector(s: string): El | null } };
      const shown = JSON.parse(g.document.querySelector("[data-testid=cohort-json]")?.textContent ?? "{}");
      const counted = g.document
        .querySelector("[data-testid=cohort-preview]")
        ?.getAttribute("data-definition");
      return counted === JSON.stringify({ ...shown, name: shown.name?.trim() || "preview" });
    },
    undefined,
    { timeout: 30_000 },
  );
  const text = await page.getByTestId("cohort-preview").innerText();
  return text === "suppressed" ? null : Number(text.replace(/[^0-9]/g, ""));
}

/** Waits until the form's definition (holding `marker`) has its count, or the API's refusal shown. */
async function countOrRefusal(page: Page, marker: string): Promise<void> {
  await page.waitForFunction(
    (m) => {
      const g = globalThis as unknown as {
        document: { querySelector(s: string): { textContent: string } | null };
      };
      const json = g.document.querySelector("[data-testid=cohort-json]")?.textContent ?? "";
      return (
        json.includes(m) &&
        (g.document.querySelector("[data-testid=cohort-problem]") !== null ||
          g.document.querySelector("[data-testid=cohort-preview]") !== null)
      );
    },
    marker,
    { timeout: 30_000 },
  );
}

async function shownDefinition(page: Page): Promise<unknown> {
  return JSON.parse((await page.getByTestId("cohort-json").textContent()) ?? "{}");
}

describe("the seeds' tasks in the browser, checked against the CLI", () => {
  it("a GP finds the people at high risk of type 2 diabetes at their practice and exports them", async () => {
    const { page, errors } = await signInAs("clinician");
    await openWorklist(page, "At high risk of type 2 diabetes");
    const definition = await worklistDefinition(page);
    const total = Number((await page.getByTestId("worklist-total").innerText()).replace(/[^0-9]/g, ""));
    expect(total).toBeGreaterThan(0);
    await check(page, "12-worklist-high-risk-t2dm");
    const csv = await downloadText(page, /^CSV/);
    expect(csv.name).toMatch(/^at-high-risk-of-type-2-diabetes-2026-03-31\.csv$/);
    expect(csv.text.startsWith("\uFEFFNHS number,")).toBe(true);
    const nhs = await downloadText(page, /^NHS numbers for your practice system/);
    const numbers = nhs.text.trim().split("\r\n");
    expect(numbers.every((n) => /^[0-9]{10}$/.test(n))).toBe(true);
    expect(numbers.length).toBe(total);
    const expected = await cliMembers(definition, "practice", api.subjects.practiceIn);
    expect(csvIds(csv.text)).toEqual(expected);
    expect(errors).toEqual([]);
  });

  it("an analyst builds '65+, type 2 diabetes, HbA1c below 58 in 15 months, 10+ medicines' in the form", async () => {
    const { page, errors } = await signInAs("ics_analyst");
    await resetReady(page);
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Cohorts" }).click();
    await settled(page);
    await page
      .getByLabel("Cohort name")
      .fill("Older people with type 2 diabetes, controlled, on 10+ medicines");
    await addCriterion(page, "Age"); // aged 65 or over
    await addCriterion(page, "Coded entries or medicines issued");
    const coded = page.getByTestId("criterion-c-1");
    await coded.getByLabel("Codes from").selectOption("codelist");
    await coded.getByLabel("Find a codelist or a code").fill("type 2 diabetes");
    await coded.getByRole("button", { name: /^Use codelist: type 2 diabetes codes/ }).click();
    await coded.getByLabel("When").first().selectOption("ever");
    await addCriterion(page, "Latest test result or measurement"); // HbA1c below 58 in the last 15 months
    await addCriterion(page, "Number of different medicines"); // 10 or more in 12 months
    const def = (await shownDefinition(page)) as { criteria: { of: { kind: string }[] } };
    expect(def.criteria.of.map((c) => c.kind)).toEqual([
      "age",
      "events",
      "latest_value",
      "distinct_medicines",
    ]);
    expect(def.criteria.of[2]).toMatchObject({
      op: "<",
      value: 58,
      window: { from: { n: -15, unit: "months" } },
    });
    const count = await liveCount(page);
    // Attrition: one row per step, the last leaving the live count.
    expect(await page.getByTestId("attrition").locator("tbody tr").count()).toBe(5);
    expect(await page.getByTestId("attrition-left-3").innerText()).toContain(
      count === null ? "suppressed" : count.toLocaleString("en-GB"),
    );
    await check(page, "13-cohort-builder-form");
    await resetReady(page);
    await page.getByRole("button", { name: "Save cohort" }).click();
    await page.waitForURL(/cohort=[0-9a-f-]{36}/);
    await settled(page);
    const saved = await shownDefinition(page);
    const csv = await downloadText(page, /^CSV/);
    const expected = await forPlanning(cliMembers(saved, "place", api.subjects.placeIn));
    expect(csvIds(csv.text)).toEqual(expected);
    // While a criterion is half filled in (a code set with no codes yet) the live check is
    // refused with 400 and the form shows why: the one console error expected here.
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
  });

  it("an analyst opens the inhaler duplication and clozapine worklists", async () => {
    const { page, errors } = await signInAs("ics_analyst");
    for (const [title, shot] of [
      ["Inhaler ingredient duplication", "14-worklist-inhaler-duplication"],
      ["Clozapine from the mental-health trust, not in the GP record", null],
    ] as const) {
      await openWorklist(page, title);
      const definition = await worklistDefinition(page);
      await page.getByLabel("People per page").selectOption("250");
      await settled(page);
      const expected = await forPlanning(cliMembers(definition, "place", api.subjects.placeIn));
      expect(await shownIds(page), title).toEqual(expected);
      if (shot) await check(page, shot);
    }
    expect(errors).toEqual([]);
  });

  it("an analyst compares people with a learning disability in the 20% most deprived areas with everyone else", async () => {
    const { page, errors } = await signInAs("ics_analyst");
    await resetReady(page);
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Cohorts" }).click();
    await settled(page);
    await page.getByLabel("Cohort name").fill("Learning disability, 20% most deprived");
    await addCriterion(page, "Learning disability or care home"); // learning disability
    await addCriterion(page, "Deprivation (IMD)"); // quintile 1: the 20% most deprived
    // The live count and attrition, or the query budget's refusal when these nested sets come
    // too close to the ones asked a moment before (an analyst's protection against differencing).
    await countOrRefusal(page, '"kind": "imd"');
    await resetReady(page);
    await page.getByRole("button", { name: "Save cohort" }).click();
    await page.waitForURL(/cohort=[0-9a-f-]{36}/);
    await settled(page);
    const ld = await shownDefinition(page);
    const ldCsv = await downloadText(page, /^CSV/);
    // Everyone else: the same steps with the learning disability one excluded, saved as a new
    // cohort. Its counts beside the first ones would let an analyst subtract one set from the
    // other, so the query budget may refuse them (the form says why); the list is still exact.
    await page.getByTestId("criterion-c-0").getByRole("button", { name: "Exclude (NOT)" }).click();
    await page.getByLabel("Cohort name").fill("No learning disability, 20% most deprived");
    await countOrRefusal(page, '"kind": "not"');
    await check(page, "15-cohort-compare-learning-disability");
    const first = new URL(page.url()).searchParams.get("cohort");
    await resetReady(page);
    await page.getByRole("button", { name: "Save as a new cohort" }).click();
    await page.waitForURL((u) => (u.searchParams.get("cohort") ?? first) !== first);
    await settled(page);
    const other = await shownDefinition(page);
    const otherCsv = await downloadText(page, /^CSV/);
    const [a, b] = await Promise.all([
      forPlanning(cliMembers(ld, "place", api.subjects.placeIn)),
      forPlanning(cliMembers(other, "place", api.subjects.placeIn)),
    ]);
    expect(csvIds(ldCsv.text)).toEqual(a);
    expect(csvIds(otherCsv.text)).toEqual(b);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(a.length);
    expect(errors.filter((e) => !e.includes("status of 403"))).toEqual([]);
  });

  it("a GP lists the people possibly in their last year of life who are not on the palliative care register", async () => {
    const { page, errors } = await signInAs("clinician");
    await openWorklist(page, "Possibly in the last year of life, not on the palliative care register");
    const definition = await worklistDefinition(page);
    const expected = await cliMembers(definition, "practice", api.subjects.practiceIn);
    expect(expected.length).toBeGreaterThan(0);
    // A GP sees NHS numbers linking to the record; the CSV's pseudonymous ids are the CLI's members.
    const first = page.locator("table.bevan-list-table tbody tr td:first-child a").first();
    expect(await first.innerText()).toMatch(/^[0-9]{10}$/);
    const csv = await downloadText(page, /^CSV/);
    expect(csvIds(csv.text)).toEqual(expected);
    await check(page, "16-worklist-end-of-life");
    await resetReady(page);
    await first.click();
    await page.waitForURL(/\/patients\/[0-9]+/);
    await page.getByTestId("patient-heading").waitFor();
    expect(errors).toEqual([]);
  });

  it("a shipped example pasted into the builder, edited and saved, is the same definition", async () => {
    const { page, errors } = await signInAs("clinician");
    await resetReady(page);
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Cohorts" }).click();
    await settled(page);
    const text = readFileSync(
      join(REPO, "packages/query/examples/elderly-diabetes-polypharmacy.json"),
      "utf8",
    );
    await page.getByText("The definition as JSON: copy it out or paste one in").click();
    await page.getByLabel("Paste a definition").fill(text);
    await page.getByRole("button", { name: "Use the pasted definition" }).click();
    const age = page.getByTestId("criterion-c-0").getByLabel("From age");
    await age.fill("80");
    await age.fill("75");
    await liveCount(page);
    await resetReady(page);
    await page.getByRole("button", { name: "Save cohort" }).click();
    await page.waitForURL(/cohort=[0-9a-f-]{36}/);
    const id = new URL(page.url()).searchParams.get("cohort") ?? "";
    const saved = await (await page.request.get(`${base}/api/cohorts/${id}`)).json();
    expect(saved.versions[0].definition).toEqual(JSON.parse(text));
    await settled(page);
    expect(errors).toEqual([]);
  });
});
