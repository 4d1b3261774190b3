// `bevan model report` and the risk parts of `bevan summary`, run as a newcomer would.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { BEVAN_BIN, PINNED_NODE, REPO_ROOT } from "../../../test/paths.ts";

const demo = inject("demo");
const tmp = mkdtempSync(join(tmpdir(), "bevan-model-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function bevan(...args: string[]) {
  const r = spawnSync(PINNED_NODE, [BEVAN_BIN, ...args], {
    encoding: "utf8",
    cwd: REPO_ROOT,
    env: { ...process.env, BEVAN_DATA_DIR: tmp, CI: "1" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("bevan model report", () => {
  it("prints the report JSON the issue specifies", () => {
    const r = bevan(
      "model",
      "report",
      "--db",
      demo.db,
      "--truth",
      join(demo.extract, "truth"),
      "--replicates",
      "20",
      "--json",
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j.model)).toEqual(
      expect.arrayContaining(["auroc", "aurocCi", "calibrationSlope", "calibrationIntercept", "brier"]),
    );
    expect(j.aurocCi ?? j.model.aurocCi).toHaveLength(2);
    expect(typeof j.oracle.auroc).toBe("number");
    expect(typeof j.oracle.recordedAuroc).toBe("number");
    expect(j.groups.length).toBeGreaterThan(10);
    expect(j.pyramid.tiers).toHaveLength(4);
  });

  it("explains what is missing: no subcommand, no key for the truth", () => {
    expect(bevan("model", "--db", demo.db)).toMatchObject({ code: 2 });
    const copy = join(tmp, "w", "warehouse.duckdb");
    mkdirSync(join(tmp, "w"), { recursive: true });
    copyFileSync(demo.db, copy);
    const r = bevan("model", "report", "--db", copy, "--truth", join(demo.extract, "truth"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/pseudonymisation key/);
  });

  it("bevan build scores risk and summary shows tiers and segments", () => {
    const copy = join(tmp, "b", "warehouse.duckdb");
    mkdirSync(join(tmp, "b"), { recursive: true });
    copyFileSync(demo.db, copy);
    expect(bevan("build", "--db", copy).code).toBe(0);
    const s = JSON.parse(bevan("summary", "--db", copy, "--json").out);
    expect(s.riskTiers.map((t: { tier: string }) => t.tier)).toEqual([
      "very_high",
      "high",
      "moderate",
      "low",
    ]);
    expect(s.segments).toHaveLength(8);
    const people = s.segments.reduce((a: number, g: { persons: number }) => a + g.persons, 0);
    expect(people).toBe(s.persons.registered);
  });
});
