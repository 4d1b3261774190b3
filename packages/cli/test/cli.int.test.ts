// The CLI as a newcomer meets it: help everywhere, clear errors, JSON that scripts can read.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REGISTER_CODES } from "@bevan/domain";
import { afterAll, describe, expect, inject, it } from "vitest";
import { BEVAN_BIN, PINNED_NODE, REPO_ROOT } from "../../../test/paths.ts";
import { loadCommands } from "../src/main.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function bevan(...args: string[]) {
  const r = spawnSync(PINNED_NODE, [BEVAN_BIN, ...args], {
    encoding: "utf8",
    cwd: REPO_ROOT,
    env: { ...process.env, BEVAN_DATA_DIR: tmp, CI: "1" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("bevan CLI", () => {
  it("lists its commands, and every command has --help", async () => {
    const top = bevan("--help");
    expect(top.code).toBe(0);
    for (const c of await loadCommands()) {
      expect(top.out).toContain(c.name);
      const help = bevan(c.name, "--help");
      expect(help.code, c.name).toBe(0);
      expect(help.out).toContain(`Usage: bevan ${c.name}`);
    }
  });

  it("exits 2 with a clear message for an unknown command, a bad option or a bad value", () => {
    expect(bevan("frobnicate")).toMatchObject({ code: 2 });
    const bad = bevan("generate", "--persns", "10");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Unknown option '--persns'.*\n.*bevan generate --help/);
    const small = bevan("generate", "--persons", "5", "--out", join(tmp, "x"));
    expect(small.code).toBe(2);
    expect(small.err).toContain("--persons must be a whole number from 10");
    const date = bevan("build", "--db", join(tmp, "w.duckdb"), "--as-of", "2026-02-30");
    expect(date.err).toContain("--as-of must be a date in the form YYYY-MM-DD");
  });

  it("refuses to overwrite a folder that is not an extract", () => {
    const dir = join(tmp, "precious");
    mkdirSync(dir);
    writeFileSync(join(dir, "thesis.txt"), "do not delete");
    const r = bevan("generate", "--persons", "10", "--out", dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("is not empty and is not a Bevan extract");
  });

  it("tells you to ingest before building, and to build before summarising", () => {
    const db = join(tmp, "empty.duckdb");
    const build = bevan("build", "--db", db);
    expect(build.code).toBe(2);
    expect(build.err).toMatch(/holds no people: run `bevan ingest/);
    expect(bevan("summary", "--db", join(tmp, "missing.duckdb")).err).toMatch(/no warehouse at/);
  });

  it("summary --json gives the documented shape", () => {
    const r = bevan("summary", "--db", inject("demo").db, "--json");
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.asOf).toBe("2026-03-31");
    expect(s.persons.registered).toBeGreaterThan(18_000);
    expect(s.organisations).toMatchObject({ icbs: 1, places: 4, practices: 26 });
    expect(Object.keys(s.registers).sort()).toEqual([...REGISTER_CODES].sort());
    expect(s.registers.HYP).toMatchObject({ count: expect.any(Number), prevalence: expect.any(Number) });
    expect(s.activity).toMatchObject({
      emergencyAdmissions12m: expect.any(Number),
      emergencyAdmissionsPer1000: expect.any(Number),
    });
  });

  it("generate → ingest → build → summary works end to end on a small population", () => {
    const out = join(tmp, "e2e");
    const db = join(tmp, "e2e.duckdb");
    expect(bevan("generate", "--persons", "500", "--seed", "3", "--out", out).code).toBe(0);
    const ingest = bevan("ingest", out, "--db", db, "--json");
    expect(ingest.code).toBe(0);
    const report = JSON.parse(ingest.out);
    expect(
      report.files.every(
        (f: { rowsRead: number; rowsLoaded: number; rowsQuarantined: number }) =>
          f.rowsRead === f.rowsLoaded + f.rowsQuarantined,
      ),
    ).toBe(true);
    expect(report.rowsRead).toBe(report.rowsLoaded + report.rowsQuarantined);
    expect(report.persons).toBe(500);
    expect(bevan("build", "--db", db).code).toBe(0);
    const summary = bevan("summary", "--db", db);
    expect(summary.code).toBe(0);
    expect(summary.out).toMatch(/As of 2026-03-31: \d+ registered/);
  });
});
