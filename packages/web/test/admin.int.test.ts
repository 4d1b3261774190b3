// The administration console in chromium, as two administrators use it: the overview, users
// (add one, disable and enable one), roles with their purposes, a change that waits for a
// second administrator and is approved by the other, a break-glass grant given by one and
// reviewed by the other, and the audit trail verified and filtered. Every page: no console
// errors, no serious or critical axe violations at 1280 and 390 px, a screenshot at both
// widths; every action is in the audit trail. Then a saved cohort's owner shares it with a
// colleague, who sees whose it is and can only save a copy.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createUser } from "@bevan/state";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registersCohort } from "../../api/test/cohorts.ts";
import { PASSWORD, startApi } from "../../api/test/harness.ts";
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

let api: Awaited<ReturnType<typeof startApi>>;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await ensureBuilt();
  api = await startApi(inject("demo"), { webRoot: DIST });
  await createUser(api.state, {
    username: "administrator2",
    displayName: "Second administrator",
    role: "administrator",
    scopes: [],
    password: PASSWORD,
  });
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

async function signInAs(username: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base}/`);
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("who").waitFor();
  return { page, errors };
}

/** Settled, accessible at both widths, pictured at both. */
async function check(page: Page, name: string): Promise<void> {
  await settled(page);
  expect(await page.locator(".nhsuk-error-summary").count(), `${name} shows an error`).toBe(0);
  expect(await seriousViolations(page), `${name} at 1280 px`).toEqual([]);
  // Pictured from the top, whatever the last action scrolled into view.
  await page.evaluate("window.scrollTo(0, 0)");
  await screenshot(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await seriousViolations(page), `${name} at 390 px`).toEqual([]);
  await page.evaluate("window.scrollTo(0, 0)");
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** To another page of the area: by its contents list, or from the overview by its card. */
async function go(page: Page, name: string): Promise<void> {
  await resetReady(page);
  const contents = page.getByRole("navigation", { name: "Administration" });
  const links = (await contents.count()) > 0 ? contents : page.getByRole("main");
  await links.getByRole("link", { name, exact: true }).click();
  await settled(page);
}

/** Where the harness puts screenshots (docs/screenshots too with UPDATE_SCREENSHOTS=1). */
const screenshotDirs = () => {
  const dirs = [join(WEB_ROOT, "..", "..", "test-results", "screenshots")];
  if (process.env.UPDATE_SCREENSHOTS === "1") dirs.push(join(WEB_ROOT, "..", "..", "docs", "screenshots"));
  for (const d of dirs) mkdirSync(d, { recursive: true });
  return dirs;
};

const events = async (action: string, username: string) =>
  Number(
    (
      await api.state.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND username = $2",
        [action, username],
      )
    )[0]?.n,
  );

describe("the administration console", () => {
  it("first administrator: overview, users, roles, a change for approval, break-glass", async () => {
    const { page, errors } = await signInAs("administrator");
    // An administrator lands on the console; the menu has what the role may use.
    await page.waitForURL(/\/admin$/);
    const menu = page.getByRole("navigation", { name: "Menu" });
    expect(await menu.getByRole("link").allInnerTexts()).toEqual(["Administration", "Data status"]);
    await check(page, "30-admin-overview");

    await go(page, "Users");
    const rows = page.locator("table tbody tr");
    expect(await rows.count()).toBe(6);
    expect(
      await page.getByRole("row", { name: /clinician.*PCN\/practice clinician.*Direct care/ }).count(),
    ).toBe(1);
    // Disable and enable a user.
    await page.getByRole("button", { name: "Disable commissioner" }).click();
    await page.getByText("commissioner is disabled").waitFor();
    await settled(page);
    await page.getByRole("button", { name: "Enable commissioner" }).click();
    await page.getByText("commissioner can sign in again").waitFor();
    await settled(page);
    await check(page, "31-admin-users");

    // A clinician with a password the administrator sets: waits for a second administrator.
    await page.getByRole("link", { name: "Add a user" }).click();
    await settled(page);
    await page.getByLabel("Username").fill("gp.new");
    await page.getByLabel("Name shown").fill("Dr New");
    await page.getByLabel("PCN/practice clinician").check();
    await page.getByLabel("Add an organisation").selectOption(`practice:${api.subjects.practiceIn}`);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByLabel(/A local password/).check();
    await page.getByLabel("Password", { exact: true }).fill("a long passphrase for dr new");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByText("Waiting for a second administrator").waitFor();
    expect(await page.getByText("signs in with a password an administrator set").count()).toBe(1);
    await check(page, "32-admin-add-user");

    await go(page, "Roles and purposes");
    expect(await page.getByRole("row", { name: /Commissioner.*Planning and commissioning/ }).count()).toBe(1);
    expect(await page.getByRole("row", { name: /Care coordinator.*Direct care/ }).count()).toBe(1);
    await check(page, "33-admin-roles");

    await go(page, "Approvals and break-glass");
    // Not for the administrator who asked.
    expect(await page.getByRole("row", { name: /gp\.new.*You asked for it/ }).count()).toBe(1);
    await page.getByLabel("Who needs it").selectOption("care_coordinator");
    await page.getByLabel("Role for the emergency").selectOption("clinician");
    await page.getByLabel("Organisation").selectOption(`practice:${api.subjects.practiceOut}`);
    await page.getByLabel("For how long").selectOption("2");
    await page.getByLabel("Why").fill("Out of hours: the patient's own practice is closed");
    await page.getByRole("button", { name: "Break the glass" }).click();
    await page.getByText("Everything they do is flagged").waitFor();
    await settled(page);
    expect(await page.getByRole("row", { name: /care_coordinator Active/ }).count()).toBe(1);
    await check(page, "34-admin-access");
    expect(errors).toEqual([]);
  });

  it("second administrator: approves, reviews, verifies and filters the audit trail", async () => {
    const { page, errors } = await signInAs("administrator2");
    await page.waitForURL(/\/admin$/);
    await settled(page);
    expect(await page.getByTestId("admin-pending").innerText()).toContain("1 change is waiting");
    await go(page, "Approvals and break-glass");
    await page.getByRole("button", { name: "Approve the change for gp.new" }).click();
    await page.getByText("Approved: the change for gp.new is made").waitFor();
    await settled(page);
    await page
      .getByLabel("What the review of care_coordinator's grant found")
      .fill("Checked: one record, as needed.");
    await page.getByRole("button", { name: "Record review of care_coordinator's grant" }).click();
    await page.getByText("Review of care_coordinator's break-glass grant recorded").waitFor();
    await settled(page);

    await go(page, "Audit trail");
    await page.getByRole("button", { name: "Verify the audit trail" }).click();
    await page.getByTestId("audit-verify").getByText("Intact").waitFor();
    await page.getByLabel("Who", { exact: true }).selectOption("administrator");
    await page.getByLabel("What", { exact: true }).selectOption("administration");
    await resetReady(page);
    await page.getByRole("button", { name: "Show events" }).click();
    await page.waitForURL(/user=administrator&kind=administration/);
    await settled(page);
    const whats = await page.locator("table tbody tr td:nth-child(4)").allInnerTexts();
    expect(whats).toContain("Added a user");
    expect(whats.some((w) => w.startsWith("Broke the glass for a user"))).toBe(true);
    expect(whats.every((w) => !w.startsWith("Signed in"))).toBe(true);
    await check(page, "35-admin-audit");
    expect(errors).toEqual([]);
    // Every console action is on the record, under the administrator who did it.
    expect(await events("user.create", "administrator")).toBe(1);
    expect(await events("user.disable", "administrator")).toBe(1);
    expect(await events("user.enable", "administrator")).toBe(1);
    expect(await events("access.break-glass", "administrator")).toBe(1);
    expect(await events("access.approve", "administrator2")).toBe(1);
    expect(await events("access.break-glass-review", "administrator2")).toBe(1);
    expect(await events("audit.read", "administrator2")).toBeGreaterThan(0);
  });

  it("a saved cohort's owner shares it with a colleague, who may view it and save a copy", async () => {
    // The clinician's cohort, saved through the API: people aged 80 and over with hypertension.
    const owner = await api.signIn("clinician");
    const saved = await api.app.inject({
      method: "POST",
      url: "/api/cohorts",
      headers: { cookie: owner.cookie, "x-csrf-token": owner.csrf },
      payload: { name: "Hypertension 80+", definition: registersCohort("h", ["HYP"], { min: 80 }) },
    });
    expect(saved.statusCode).toBe(201);
    const id = saved.json().cohortId as string;
    const { page, errors } = await signInAs("clinician");
    await resetReady(page);
    await page.goto(`${base}/cohorts?cohort=${id}`);
    await settled(page);
    expect(await page.getByRole("row", { name: /Hypertension 80\+ You Only you/ }).count()).toBe(1);
    await page.getByLabel("Colleagues I name").check();
    await page.getByLabel(/^ics_analyst/).check();
    await page.getByRole("button", { name: "Save who sees it" }).click();
    await page.getByText("Saved: 1 colleague can see it.").waitFor();
    await settled(page);
    await check(page, "36-cohort-sharing");
    // The panel itself, at both widths.
    for (const [width, suffix] of [
      [1280, ""],
      [390, "-390"],
    ] as const) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      for (const dir of screenshotDirs())
        await page
          .locator(".bevan-sharing")
          .screenshot({ path: join(dir, `36b-cohort-sharing-panel${suffix}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(errors).toEqual([]);
    expect(await events("cohort.share", "clinician")).toBe(1);

    // The colleague sees whose it is, and saving makes a cohort of their own.
    const colleague = await signInAs("ics_analyst");
    await resetReady(colleague.page);
    await colleague.page.goto(`${base}/cohorts?cohort=${id}`);
    await settled(colleague.page);
    await colleague.page.getByText("clinician's cohort, shared with you to view.").waitFor();
    expect(await colleague.page.getByRole("button", { name: /Save as version/ }).count()).toBe(0);
    expect(await colleague.page.getByRole("button", { name: "Save as a new cohort" }).count()).toBe(1);
    expect(colleague.errors).toEqual([]);
  });
});
