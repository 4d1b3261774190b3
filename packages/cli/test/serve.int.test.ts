// `bevan serve` as a newcomer runs it: demo users, sign-in, an audited read, the audit
// chain verified by `bevan audit verify`, and a graceful shutdown on SIGTERM.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPseudonymKey, pseudonymiser } from "@bevan/ingest";
import { expect, inject, it } from "vitest";
import { BEVAN_BIN, PINNED_NODE } from "../../../test/paths.ts";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

it("serves with demo users, audits a patient read, verifies the chain and shuts down cleanly", async () => {
  const { db, keyFile } = inject("demo");
  const dir = mkdtempSync(join(tmpdir(), "bevan-serve-"));
  // Beside the state folder: its audit key and checkpoints.
  const state = join(dir, "state");
  const port = await freePort();
  const child = spawn(
    PINNED_NODE,
    [BEVAN_BIN, "serve", "--db", db, "--port", String(port), "--state", state, "--demo-users"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += String(d);
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 240 && !stderr.includes("is running"); i++)
      await new Promise((r) => setTimeout(r, 250));
    expect(stderr).toContain("DEMO users (synthetic data only)");
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "demo-clinician", password: "demo" }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const list = await fetch(`${base}/api/patients?register=HYP&limit=3`, { headers: { cookie } });
    expect(list.status).toBe(200);
    const body = (await list.json()) as {
      identity: string;
      rows: { personId: string; nhsNumber: string | null }[];
    };
    expect(body.identity).toBe("identified");
    expect(body.rows[0]?.nhsNumber).toMatch(/^9\d{9}$/);
    // The store written at ingest maps each person back to the NHS number whose keyed
    // pseudonym the person key is.
    const pseudonym = pseudonymiser(loadPseudonymKey(keyFile).key);
    for (const row of body.rows) expect(String(pseudonym(row.nhsNumber ?? ""))).toBe(row.personId);
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(0);
    expect(stderr).toContain("shutting down");
    // Logs never carry the NHS numbers that were served.
    expect(stderr).not.toContain(body.rows[0]?.nhsNumber ?? "unset");
    const verify = spawnSync(PINNED_NODE, [BEVAN_BIN, "audit", "verify", "--state", state], {
      encoding: "utf8",
    });
    // The demo user's sign-in and the patient read.
    expect(verify.stdout).toContain("audit chain intact: 2 events");
    expect(verify.status).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});

it("says so when the warehouse has no re-identification store, and serves pseudonymous ids", async () => {
  const dir = mkdtempSync(join(tmpdir(), "bevan-serve-noreid-"));
  const db = join(dir, "warehouse.duckdb");
  copyFileSync(inject("demo").db, db);
  const child = spawn(
    PINNED_NODE,
    [BEVAN_BIN, "serve", "--db", db, "--port", String(await freePort()), "--state", join(dir, "state")],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += String(d);
  });
  try {
    for (let i = 0; i < 240 && !stderr.includes("is running"); i++)
      await new Promise((r) => setTimeout(r, 250));
    expect(stderr).toContain(
      `no re-identification store at ${join(dir, "secrets", "reidentification.duckdb")}`,
    );
    expect(stderr).toContain("`bevan ingest` writes it");
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(dir, { recursive: true, force: true });
  }
});
