// `bevan users` as an administrator at the console uses it: add a user (password on stdin),
// list, grant, disable; mistakes exit 2 with what to fix; every action is in the audit trail,
// which still verifies. PGlite state in a folder, and a PostgreSQL server via --state URL.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Warehouse } from "@bevan/engine";
import { openState } from "@bevan/state";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BEVAN_BIN, PINNED_NODE, REPO_ROOT } from "../../../test/paths.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-users-"));
const state = join(tmp, "state");
const PASSPHRASE = "a long passphrase for jones";
let practice = "";
let pcn = "";
beforeAll(async () => {
  const wh = await Warehouse.open(inject("demo").db, { readOnly: true });
  try {
    const row = await wh.one<{ practice: string; pcn: string }>(
      "SELECT org_code AS practice, parent_code AS pcn FROM organisation WHERE org_type = 'practice' AND parent_code IS NOT NULL ORDER BY org_code LIMIT 1",
    );
    practice = row.practice;
    pcn = row.pcn;
  } finally {
    wh.close();
  }
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function bevan(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(PINNED_NODE, [BEVAN_BIN, "users", ...args], {
    encoding: "utf8",
    cwd: REPO_ROOT,
    input: input ?? "",
    env: { ...process.env, BEVAN_DATA_DIR: tmp, CI: "1", ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("bevan users", () => {
  it("adds a user with a role, scopes and a password read from stdin, and lists them", () => {
    const db = inject("demo").db;
    const add = bevan(
      [
        "add",
        "gp.jones",
        "--role",
        "clinician",
        "--scope",
        `practice:${practice}`,
        "--name",
        "Dr Jones",
        "--password-stdin",
        "--db",
        db,
        "--state",
        state,
      ],
      `${PASSPHRASE}\n`,
    );
    expect(add.err).toBe("");
    expect(add.code).toBe(0);
    expect(add.out).toBe(`added gp.jones\tclinician\tpractice:${practice}\tDr Jones\tsign-in: password\n`);
    const list = bevan(["list", "--state", state, "--json"]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.out)).toEqual([
      expect.objectContaining({
        username: "gp.jones",
        role: "clinician",
        scopes: [{ level: "practice", code: practice }],
      }),
    ]);
  });

  it("grants a wider scope and revokes the old one, checked against the warehouse's organisations", () => {
    const db = inject("demo").db;
    const grant = bevan([
      "grant",
      "gp.jones",
      "--scope",
      `pcn:${pcn}`,
      "--revoke",
      `practice:${practice}`,
      "--db",
      db,
      "--state",
      state,
    ]);
    expect(grant.code).toBe(0);
    expect(grant.out).toContain(`updated gp.jones\tclinician\tpcn:${pcn}\t`);
    const wrongLevel = bevan([
      "grant",
      "gp.jones",
      "--scope",
      `pcn:${practice}`,
      "--db",
      db,
      "--state",
      state,
    ]);
    expect(wrongLevel.code).toBe(2);
    expect(wrongLevel.err).toContain(`no pcn with code ${practice} in the warehouse's organisations`);
  });

  it("exits 2 with what to fix for an unknown role, user, scope form or missing state", () => {
    const role = bevan(["grant", "gp.jones", "--role", "superuser", "--state", state]);
    expect(role.code).toBe(2);
    expect(role.err).toMatch(/no role 'superuser': roles are .*clinician/);
    const nobody = bevan(["disable", "nobody", "--state", state]);
    expect(nobody.code).toBe(2);
    expect(nobody.err).toContain("no user named 'nobody'");
    const form = bevan(["add", "x", "--role", "clinician", "--scope", "ward:7", "--state", state]);
    expect(form.code).toBe(2);
    expect(form.err).toContain("write LEVEL:CODE");
    const short = bevan(["add", "y", "--role", "clinician", "--password-stdin", "--state", state], "short\n");
    expect(short.code).toBe(2);
    expect(short.err).toContain("at least 12 characters");
    const noSignIn = bevan(["add", "z", "--role", "clinician", "--state", state]);
    expect(noSignIn.code).toBe(2);
    expect(noSignIn.err).toContain("say how z signs in: --password-stdin");
    const missing = bevan(["list", "--state", join(tmp, "nowhere")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("no application state at");
  });

  it("disables a user, and audits every action without the password", () => {
    const off = bevan(["disable", "gp.jones", "--state", state]);
    expect(off.code).toBe(0);
    expect(off.out).toContain("DISABLED");
    const audit = spawnSync(PINNED_NODE, [BEVAN_BIN, "audit", "list", "--state", state, "--json"], {
      encoding: "utf8",
    });
    const events = JSON.parse(audit.stdout) as { action: string; username: string; endpoint: string }[];
    expect(events.map((e) => e.action)).toEqual(["user.create", "user.list", "user.grant", "user.disable"]);
    expect(events.every((e) => e.username.startsWith("cli:"))).toBe(true);
    expect(audit.stdout).not.toContain(PASSPHRASE);
    const verify = spawnSync(PINNED_NODE, [BEVAN_BIN, "audit", "verify", "--state", state], {
      encoding: "utf8",
    });
    expect(verify.stdout).toContain("audit chain intact: 4 events");
  });

  it("works the same on a PostgreSQL server named by --state postgres://", async () => {
    const admin = await openState({ kind: "postgres", url: inject("postgres") });
    await admin.exec("DROP DATABASE IF EXISTS users_cli_test");
    await admin.exec("CREATE DATABASE users_cli_test");
    await admin.close();
    const url = inject("postgres").replace(/\/postgres$/, "/users_cli_test");
    // A server in production is given its audit key; without one the command says so.
    const keyless = bevan(["list", "--state", url], undefined, { BEVAN_DATA_DIR: join(tmp, "server") });
    expect(keyless.code).toBe(2);
    expect(keyless.err).toContain("no audit key: set BEVAN_AUDIT_KEY");
    const env = { BEVAN_AUDIT_KEY: "ab".repeat(32) };
    const add = bevan(
      [
        "add",
        "analyst.smith",
        "--role",
        "ics_analyst",
        "--scope",
        `pcn:${pcn}`,
        "--oidc-subject",
        "248289761001",
        "--oidc-issuer",
        "https://idp.example",
        "--state",
        url,
      ],
      undefined,
      env,
    );
    expect(add.code, add.err).toBe(0);
    expect(add.out).toContain("sign-in: oidc");
    const list = bevan(["list", "--state", url], undefined, env);
    expect(list.out).toContain(`analyst.smith\tics_analyst\tpcn:${pcn}`);
  });
});
