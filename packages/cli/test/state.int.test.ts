// The application state at the console, as its owner meets it: everything bevan writes is
// owner-only whatever the umask; an embedded folder has one owner and a second server is
// refused with a message naming the folder and the process; a backup sealed with the audit
// key restores (and an edited one does not); `bevan audit verify` checks the trail against
// the checkpoint file and the server log; a damaged folder is named with what to do.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { loadAuditKey, openState, readBackup } from "@bevan/state";
import { afterAll, describe, expect, inject, it } from "vitest";
import { BEVAN_BIN, PINNED_NODE, REPO_ROOT } from "../../../test/paths.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-state-cli-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  rmSync(tmp, { recursive: true, force: true });
});

/** Runs bevan, optionally under a given umask (through sh, as a user's shell would). */
function bevan(args: string[], options: { input?: string; umask?: string } = {}) {
  const [file, argv] = options.umask
    ? ["sh", ["-c", `umask ${options.umask}; exec "$0" "$@"`, PINNED_NODE, BEVAN_BIN, ...args]]
    : [PINNED_NODE, [BEVAN_BIN, ...args]];
  const r = spawnSync(file, argv as string[], {
    encoding: "utf8",
    cwd: REPO_ROOT,
    input: options.input ?? "",
    env: { ...process.env, BEVAN_DATA_DIR: tmp, CI: "1" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

/** Every file under `dir` and its mode, for the permission checks. */
function modes(dir: string): { path: string; mode: number; folder: boolean }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => {
    const path = join(e.parentPath, e.name);
    return { path, mode: statSync(path).mode & 0o777, folder: e.isDirectory() };
  });
}

describe("bevan state and audit at the console", () => {
  // One small warehouse written under umask 000, and one state folder the tests share: a
  // fresh PGlite folder costs an initdb, so the file keeps to two.
  const dir = join(tmp, "w");
  const db = join(dir, "warehouse.duckdb");
  const state = join(dir, "state");

  it("writes the extract, warehouse and keys owner-only under umask 000", () => {
    expect(
      bevan(["generate", "--persons", "20", "--seed", "3", "--out", join(dir, "extract")], { umask: "000" })
        .code,
    ).toBe(0);
    const ingest = bevan(["ingest", join(dir, "extract"), "--db", db], { umask: "000" });
    expect(ingest.code, ingest.err).toBe(0);
    const add = bevan(
      ["users", "add", "it.admin", "--role", "administrator", "--password-stdin", "--db", db],
      {
        umask: "000",
        input: "a long passphrase here\n",
      },
    );
    expect(add.code, add.err).toBe(0);
  });

  it("gives an embedded folder one owner: a second server is refused naming the folder and the process", async () => {
    const port = await freePort();
    const child = spawn(
      "sh",
      [
        "-c",
        'umask 000; exec "$0" "$@"',
        PINNED_NODE,
        BEVAN_BIN,
        "serve",
        "--db",
        inject("demo").db,
        "--port",
        String(port),
        "--state",
        state,
        "--demo-users",
      ],
      { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, BEVAN_DATA_DIR: tmp } },
    );
    children.push(child);
    let log = "";
    child.stderr?.on("data", (d) => {
      log += String(d);
    });
    for (let i = 0; i < 480 && !log.includes("is running"); i++) await new Promise((r) => setTimeout(r, 250));
    expect(log).toContain("is running");
    const refusal = `the application state in ${state} is in use by bevan serve (port ${port}) (process ${child.pid}`;
    const second = bevan([
      "serve",
      "--db",
      inject("demo").db,
      "--port",
      String(await freePort()),
      "--state",
      state,
    ]);
    expect(second.code).toBe(2);
    expect(second.err).toContain(refusal);
    expect(second.err).toContain("Stop that process first");
    const users = bevan(["users", "list", "--state", state]);
    expect(users.code).toBe(2);
    expect(users.err).toContain(refusal);
    // Reads the server audits, then a clean stop: the log carries checkpoints of the head.
    const signIn = await fetch(`http://127.0.0.1:${port}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "demo-clinician", password: "demo" }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    for (let i = 0; i < 3; i++)
      expect(
        (await fetch(`http://127.0.0.1:${port}/api/patients?register=HYP&limit=2`, { headers: { cookie } }))
          .status,
      ).toBe(200);
    child.kill("SIGTERM");
    expect(await new Promise((resolve) => child.once("exit", resolve))).toBe(0);
    writeFileSync(join(tmp, "serve.log"), log);
    expect(log).toMatch(/serve: audit checkpoint \{"kind":"head","seq":\d+/);
    const verify = bevan(["audit", "verify", "--state", state, "--log", join(tmp, "serve.log")]);
    expect(verify.code, verify.out + verify.err).toBe(0);
    expect(verify.out).toMatch(/audit chain intact: \d+ events.*from .*checkpoints\.jsonl, .*serve\.log/);
    // Everything written so far, by the CLI and by the server, is its owner's only.
    const all = modes(dir);
    const files = all.filter((e) => !e.folder);
    for (const name of [
      "warehouse.duckdb",
      "pseudonym.key",
      "audit.key",
      "reidentification.duckdb",
      "checkpoints.jsonl",
    ])
      expect(
        files.some((f) => f.path.endsWith(name)),
        name,
      ).toBe(true);
    expect(files.filter((f) => f.path.startsWith(`${state}/`)).length).toBeGreaterThan(500);
    expect(files.filter((f) => f.mode !== 0o600).map((f) => f.path)).toEqual([]);
    expect(all.filter((e) => e.folder && e.mode !== 0o700).map((e) => e.path)).toEqual([]);
    // A lock left by a process that has gone is taken over.
    const gone = spawnSync("true").pid;
    writeFileSync(
      `${state}.lock`,
      JSON.stringify({ pid: gone, host: hostname(), command: "bevan serve", since: "x" }),
    );
    expect(bevan(["users", "list", "--state", state]).code).toBe(0);
  });

  it("finds an edited event at the console", async () => {
    const copy = join(dir, "state-edited");
    spawnSync("cp", ["-a", state, copy]);
    const tampered = await openState({ kind: "pglite", dir: copy });
    await tampered.exec(
      "ALTER TABLE audit_events DISABLE TRIGGER USER; UPDATE audit_events SET row_count = row_count + 1 WHERE seq = 2; ALTER TABLE audit_events ENABLE TRIGGER USER",
    );
    await tampered.close();
    const edited = bevan(["audit", "verify", "--state", copy]);
    expect(edited.code).toBe(1);
    expect(edited.out).toContain("audit chain BROKEN at event 2: its content does not match its seal");
  });

  it("backs up and restores: same users and audit trail; an edited backup is refused", async () => {
    const file = join(tmp, "backups", "state.bevan-state.gz");
    const backup = bevan(["state", "backup", "--state", state, "--out", file]);
    expect(backup.code, backup.err).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Restored over the folder in use: the folder that was there is kept aside, not deleted.
    const restore = bevan(["state", "restore", file, "--state", state]);
    expect(restore.code, restore.err).toBe(0);
    const aside = /the folder that was there is kept at (\S+);/.exec(restore.out)?.[1] ?? "";
    expect(aside).toMatch(/state\.replaced-/);
    const rows = async (folder: string) => {
      const s = await openState({ kind: "pglite", dir: folder });
      try {
        return {
          users: await s.query(
            "SELECT id, username, role_code, password_hash, disabled FROM users ORDER BY id",
          ),
          scopes: await s.query("SELECT * FROM user_scopes ORDER BY user_id, level, org_code"),
          audit: await s.query("SELECT seq, action, username, hash FROM audit_events ORDER BY seq"),
        };
      } finally {
        await s.close();
      }
    };
    const before = await rows(aside);
    const after = await rows(state);
    expect(before.users).toHaveLength(7); // the demo users, demo-matron (care) among them
    expect(after.users).toEqual(before.users);
    expect(after.scopes).toEqual(before.scopes);
    // The restored trail is the original, then the restore itself; it verifies.
    expect(after.audit.slice(0, before.audit.length)).toEqual(before.audit);
    expect(after.audit.at(-1)).toMatchObject({ action: "state.restored" });
    const verify = bevan(["audit", "verify", "--state", state]);
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toContain("restored from a backup");
    // One changed value, or the newest lines cut off: refused before anything is written.
    const lines = gunzipSync(readFileSync(file)).toString("utf8").split("\n");
    const userLine = lines.findIndex((l) => l.includes('"table":"users"'));
    const edited = join(tmp, "edited.gz");
    writeFileSync(
      edited,
      gzipSync(
        lines
          .map((l, i) => (i === userLine ? l.replace('"disabled":false', '"disabled":true') : l))
          .join("\n"),
      ),
    );
    const refused = bevan(["state", "restore", edited, "--state", join(dir, "never")]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("does not match its seal");
    const settings = { key: loadAuditKey(join(dir, "secrets", "audit.key")), checkpointFile: null };
    writeFileSync(edited, gzipSync(lines.slice(0, -3).join("\n")));
    await expect(readBackup(edited, settings)).rejects.toThrow(/does not match its seal/);
    expect(existsSync(join(dir, "never"))).toBe(false);
    // The damaged-folder message names the folder and the way back.
    writeFileSync(join(aside, "global", "pg_control"), Buffer.alloc(8192));
    const damaged = bevan(["users", "list", "--state", aside]);
    expect(damaged.code).toBe(2);
    expect(damaged.err).toContain(`cannot open application state at the folder ${aside}`);
    expect(damaged.err).toContain(`bevan state restore FILE --state ${aside}`);
  });

  it("--demo-users stays on this machine", () => {
    const open = bevan([
      "serve",
      "--db",
      inject("demo").db,
      "--host",
      "0.0.0.0",
      "--demo-users",
      "--state",
      state,
    ]);
    expect(open.code).toBe(2);
    expect(open.err).toContain(
      "--demo-users publishes its passwords ('demo'), so it listens only on this machine",
    );
  });
});
