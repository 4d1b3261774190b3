// Care coordination in a real browser (issue 23's acceptance): a coordinator takes a person
// from a worklist to the caseload, writes a plan with goals and actions, moves them red →
// amber → green → discharged; a second coordinator saving the same plan from the same
// version gets the conflict and keeps both sides' changes; an analyst and a coordinator of
// another practice are refused; each plan save is one audit event and the chain verifies.
// The demo caseload is seeded first, so the board pictured is a caseload in progress.
import { DEMO_CASELOAD_SIZE, getPlan, seedDemoCaseload } from "@bevan/care";
import { Warehouse } from "@bevan/engine";
import { createUser, verifyAudit } from "@bevan/state";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PASSWORD, startApi } from "../../api/test/harness.ts";
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

let api: Awaited<ReturnType<typeof startApi>>;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const WORKLIST = "diabetes-care-processes-missing";

beforeAll(async () => {
  await ensureBuilt();
  const demo = inject("demo");
  api = await startApi(demo, { webRoot: DIST });
  for (const [username, displayName, scope] of [
    ["coordinator_two", "Second coordinator", { level: "pcn", code: api.subjects.pcnIn }],
    ["coordinator_elsewhere", "Coordinator elsewhere", { level: "practice", code: api.subjects.practiceOut }],
  ] as const)
    await createUser(api.state, {
      username,
      displayName,
      role: "care_coordinator",
      scopes: [scope],
      password: PASSWORD,
    });
  // The caseload in progress: the PCN's oldest people who are not on the worklist used below.
  const wh = await Warehouse.open(demo.db, { readOnly: true });
  const people = await wh.all<{ person_id: bigint; practice_code: string; org_name: string }>(
    `SELECT p.person_id, p.practice_code, o.org_name FROM person_asof p JOIN organisation o ON o.org_code = p.practice_code
     WHERE p.registered AND p.pcn_code = $pcn AND p.person_id NOT IN (SELECT person_id FROM register WHERE register = 'DM')
     ORDER BY p.age DESC, p.person_id LIMIT ${DEMO_CASELOAD_SIZE}`,
    { pcn: api.subjects.pcnIn },
  );
  wh.close();
  const users = await api.state.query<{ id: string; display_name: string; username: string }>(
    "SELECT id, display_name, username FROM users WHERE username IN ('care_coordinator', 'coordinator_two') ORDER BY username",
  );
  await seedDemoCaseload(api.state, {
    people: people.map((p) => ({
      personId: String(p.person_id),
      practiceCode: p.practice_code,
      practiceName: p.org_name,
    })),
    coordinators: users.map((u) => ({
      id: u.id,
      name: u.username === "care_coordinator" ? "Sam Okoro" : "Jo Bennett",
    })),
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

async function check(page: Page, name: string): Promise<void> {
  await settled(page);
  expect(await seriousViolations(page), `${name}: serious/critical axe violations`).toEqual([]);
  await screenshot(page, name);
}

const planWrites = async (personId: string) =>
  Number(
    (
      await api.state.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_events WHERE action = 'care.plan.write' AND person_ids::text LIKE $1",
        [`%"${personId}"%`],
      )
    )[0]?.n ?? 0,
  );

describe("care coordination in chromium", () => {
  it("worklist → caseload → plan → red, amber, green, discharged; a concurrent edit conflicts and loses nothing; others refused", async () => {
    const { page, errors } = await signInAs("care_coordinator");
    // From the worklist: add the first person on it to the caseload.
    await page.goto(`${base}/worklists/${WORKLIST}`);
    await settled(page);
    const add = page.locator('[data-testid^="add-to-caseload-"]').first();
    const testId = (await add.getAttribute("data-testid")) ?? "";
    const personId = testId.replace("add-to-caseload-", "");
    expect(personId).toMatch(/^[0-9]+$/);
    await add.click();
    await page.getByTestId(`row-done-${personId}`).getByText("Added to the caseload").waitFor();
    await check(page, "care-01-worklist-actions");

    // The board: the caseload in progress with the new referral in triage.
    await resetReady(page);
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Caseload" }).click();
    await page.getByTestId("care-board").waitFor();
    expect(await page.getByTestId("care-column-triage").locator("li").count()).toBeGreaterThan(1);
    for (const stage of ["red", "amber", "green", "monitoring"])
      expect(await page.getByTestId(`care-column-${stage}`).locator("li").count(), stage).toBeGreaterThan(0);
    await check(page, "care-02-caseload-board");

    // The person's record: consent, accept, red's checklist, on to amber.
    await resetReady(page);
    await page.goto(`${base}/care/people/${personId}`);
    await page.getByTestId("care-heading").waitFor();
    const step = async (name: string | RegExp) => {
      await page.getByRole("button", { name }).click();
      await page.waitForLoadState("networkidle");
      await settled(page);
    };
    // Each tick is saved before the box shows it ticked (the record answers with the new version).
    const tickAll = async () => {
      const ids = await page
        .locator(".nhsuk-checkboxes__input:not([disabled]):not(:checked)")
        .evaluateAll((boxes) => boxes.map((b) => b.id));
      for (const id of ids) {
        await page.locator(`#${id}`).click();
        await expect.poll(() => page.locator(`#${id}`).isChecked(), { timeout: 30_000 }).toBe(true);
      }
      await settled(page);
    };
    await step("Record consent given");
    await step("Accept onto the pathway (red)");
    await expect.poll(() => page.getByTestId("care-stage").innerText()).toContain("Red");
    // Refused with what is missing before the checklist is done.
    await page.getByRole("button", { name: "Move to amber" }).click();
    await page.getByTestId("care-problem").waitFor();
    await tickAll();
    await step("Move to amber");
    await expect.poll(() => page.getByTestId("care-stage").innerText()).toContain("Amber");

    // The plan: what matters, a problem, a goal in their words, an action with an owner.
    await page
      .getByLabel("What matters to the person, in their words")
      .fill("Being able to get to church on Sundays");
    await page.getByRole("button", { name: "Add a problem" }).click();
    await page.getByLabel("Problem 1", { exact: true }).fill("Blood sugar not checked for over a year");
    await page.getByRole("button", { name: "Add a goal" }).click();
    await page.getByLabel("Goal 1", { exact: true }).fill("I want to know my sugar is under control");
    await page.getByRole("button", { name: "Add an action" }).click();
    await page.getByLabel("Action 1", { exact: true }).fill("Book HbA1c, blood pressure and foot check");
    await page.getByLabel("Who").fill("Practice nurse");
    await page.getByRole("button", { name: "Save the plan" }).click();
    await page.getByTestId("plan-message").getByText("Saved as version 1").waitFor();
    await page.getByRole("heading", { name: "Shared care plan" }).evaluate((e) => e.scrollIntoView());
    await check(page, "care-03-plan-editor");

    // A second coordinator opens the same plan (version 1); both edit; the first saves.
    const two = await signInAs("coordinator_two");
    await two.page.goto(`${base}/care/people/${personId}`);
    await two.page.getByTestId("care-heading").waitFor();
    await settled(two.page);
    await page.getByRole("button", { name: "Add a goal" }).click();
    await page.getByLabel("Goal 2", { exact: true }).fill("I'd like to walk to the shops again");
    await page.getByRole("button", { name: "Save the plan" }).click();
    await page.getByTestId("plan-message").getByText("Saved as version 2").waitFor();
    // The second save from version 1 is refused with both sides' changes; nothing is lost.
    await two.page.getByRole("button", { name: 'Add a "what to do if"' }).click();
    await two.page.getByLabel("If", { exact: true }).fill("If my sugar is over 15 twice in a day");
    await two.page.getByLabel("Then", { exact: true }).fill("Ring the practice nurse the same day");
    await two.page.getByRole("button", { name: "Save the plan" }).click();
    await two.page.getByTestId("plan-conflict").waitFor();
    expect(await two.page.getByTestId("plan-conflict").innerText()).toContain("walk to the shops");
    await two.page.getByTestId("plan-conflict").evaluate((e) => e.scrollIntoView());
    await screenshot(two.page, "care-04-plan-conflict");
    await two.page.getByRole("button", { name: "Keep both: put my changes on their version" }).click();
    await two.page.getByRole("button", { name: "Save the plan" }).click();
    await two.page.getByTestId("plan-message").getByText("Saved as version 3").waitFor();
    const saved = await getPlan(api.state, personId);
    expect(saved?.version).toBe(3);
    expect(saved?.content.goals.map((g) => g.text)).toContain("I'd like to walk to the shops again");
    expect(saved?.content.contingency.map((c) => c.trigger)).toContain(
      "If my sugar is over 15 twice in a day",
    );
    expect(saved?.content.whatMatters).toBe("Being able to get to church on Sundays");
    // Three saves, one refused: four audit events of plan writes, no more.
    expect(await planWrites(personId)).toBe(4);

    // Amber → green → discharged with monitoring.
    await resetReady(page);
    await page.reload();
    await page.getByTestId("care-heading").waitFor();
    await settled(page);
    await tickAll();
    await step("Move to green");
    await expect.poll(() => page.getByTestId("care-stage").innerText()).toContain("Green");
    await tickAll();
    await step("Discharge with 3-monthly monitoring");
    await expect.poll(() => page.getByTestId("care-stage").innerText()).toContain("monitoring");
    expect(await page.getByTestId("plan-versions").locator("li").count()).toBe(3);
    await page.evaluate("window.scrollTo(0, 0)");
    await check(page, "care-05-record-discharged");
    expect(errors.filter((e) => !/ 422 | 409 |status of 4(09|22)/.test(e))).toEqual([]);
    expect(two.errors.filter((e) => !/409/.test(e))).toEqual([]);

    // Refused: an analyst (the page says why, no record requested), another practice's coordinator.
    const analyst = await signInAs("ics_analyst");
    await analyst.page.goto(`${base}/care/people/${personId}`);
    await analyst.page.getByTestId("care-refused").waitFor();
    const elsewhere = await signInAs("coordinator_elsewhere");
    await elsewhere.page.goto(`${base}/care/people/${personId}`);
    await elsewhere.page.getByText("was not found in your scope").waitFor();
    const board = await elsewhere.page.goto(`${base}/care`);
    expect(board?.ok()).toBe(true);
    await elsewhere.page.waitForLoadState("networkidle");
    expect(await elsewhere.page.getByText(personId).count()).toBe(0);

    // The commissioner sees the caseloads as disclosed figures only.
    const commissioner = await signInAs("commissioner");
    await resetReady(commissioner.page);
    await commissioner.page
      .getByRole("navigation", { name: "Menu" })
      .getByRole("link", { name: "Caseloads" })
      .click();
    await commissioner.page.getByTestId("care-summary").waitFor();
    await check(commissioner.page, "care-06-commissioner-caseloads");

    expect((await verifyAudit(api.state)).ok).toBe(true);
  });
});
