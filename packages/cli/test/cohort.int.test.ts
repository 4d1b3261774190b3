// `bevan cohort` as a newcomer meets it: run an example, explain its SQL, clear errors.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Warehouse } from "@bevan/engine";
import { afterAll, describe, expect, inject, it } from "vitest";
import { BEVAN_BIN, PINNED_NODE, REPO_ROOT } from "../../../test/paths.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-cohort-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const EXAMPLES = join(REPO_ROOT, "packages", "query", "examples");

function bevan(...args: string[]) {
  const r = spawnSync(PINNED_NODE, [BEVAN_BIN, ...args], {
    encoding: "utf8",
    cwd: REPO_ROOT,
    env: { ...process.env, BEVAN_DATA_DIR: tmp, CI: "1" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("bevan cohort", () => {
  it("run --json gives count, breakdowns and (on request) members, matching the warehouse", async () => {
    const { db } = inject("demo");
    const r = bevan(
      "cohort",
      "run",
      join(EXAMPLES, "learning-disability.json"),
      "--db",
      db,
      "--json",
      "--members",
    );
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    const wh = await Warehouse.open(db, { readOnly: true });
    const expected = await wh.one<{ n: bigint }>(
      "SELECT count(*) AS n FROM person_asof WHERE registered AND learning_disability",
    );
    wh.close();
    expect(out.count).toBe(Number(expected.n));
    expect(out.members).toHaveLength(out.count);
    expect(Object.keys(out.breakdowns).sort()).toEqual([
      "age_band",
      "ethnicity",
      "imd_quintile",
      "pcn",
      "place",
      "practice",
      "sex",
    ]);
    expect(out.data.buildAsOf).toBe("2026-03-31");
    const plain = bevan("cohort", "run", join(EXAMPLES, "learning-disability.json"), "--db", db);
    expect(plain.out).toContain(
      `Learning disability: ${out.count.toLocaleString("en-GB")} people at 2026-03-31`,
    );
    expect(plain.out).toContain("unsuppressed");
  });

  it("run stops with the fix (exit 2) when the cohort needs risk scores the build did not make", () => {
    const { db } = inject("demo");
    // The shared test warehouse is built without scores, as after `bevan build --no-risk`.
    const r = bevan(
      "cohort",
      "run",
      join(EXAMPLES, "learning-disability-high-admission-risk.json"),
      "--db",
      db,
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `this cohort uses admission_risk, which this warehouse has not scored for 2026-03-31: run \`bevan build --db ${db}\` without --no-risk`,
    );
    expect(r.out).toBe("");
  });

  it("timeline gives a count per month end", () => {
    const { db } = inject("demo");
    const r = bevan(
      "cohort",
      "timeline",
      join(EXAMPLES, "learning-disability.json"),
      "--db",
      db,
      "--from",
      "2025-10-01",
      "--json",
    );
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).timeline.map((p: { asOf: string }) => p.asOf)).toEqual([
      "2025-10-31",
      "2025-11-30",
      "2025-12-31",
      "2026-01-31",
      "2026-02-28",
      "2026-03-31",
    ]);
  });

  it("explain prints the SQL for both dialects without a warehouse", () => {
    const r = bevan(
      "cohort",
      "explain",
      join(EXAMPLES, "clozapine-secondary-care-only.json"),
      "--dialect",
      "both",
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("-- Clozapine from secondary care, not in the GP record: duckdb");
    expect(r.out).toContain("INTERVAL (-12) MONTH");
    expect(r.out).toContain("date_add('month', -12,");
  });

  it("an invalid definition exits 2 naming the node and what is allowed", () => {
    const file = join(tmp, "bad.json");
    writeFileSync(
      file,
      JSON.stringify({
        kind: "cohort",
        language: 1,
        name: "x",
        population: "registered",
        criteria: { kind: "sex", in: ["X"] },
      }),
    );
    const r = bevan("cohort", "explain", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'at /criteria/in/0: "X" is not allowed (in a "sex" node); allowed: "F", "M", "U"',
    );
    writeFileSync(join(tmp, "broken.json"), "{ nope");
    expect(bevan("cohort", "explain", join(tmp, "broken.json")).err).toContain("is not valid JSON");
  });

  it("a score cohort on a warehouse without scores exits 2 and says what is missing", () => {
    const r = bevan("cohort", "run", join(EXAMPLES, "ndh-high-qdiabetes.json"), "--db", inject("demo").db);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      "this cohort uses qdiabetes, which this warehouse has not scored for 2026-03-31: run `bevan build --db",
    );
    expect(r.err).toContain("to compute the clinical scores");
  });
});
