// `bevan score`, `bevan codelists` and the clinical lines of `bevan summary`, as a newcomer meets them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCsvObjects } from "@bevan/domain";
import { afterAll, describe, expect, inject, it } from "vitest";
import { BEVAN_BIN, PINNED_NODE, REPO_ROOT } from "../../../test/paths.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-score-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function bevan(...args: string[]) {
  const r = spawnSync(PINNED_NODE, [BEVAN_BIN, ...args], {
    encoding: "utf8",
    cwd: REPO_ROOT,
    env: { ...process.env, BEVAN_DATA_DIR: tmp, CI: "1" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("bevan score", () => {
  it("scores good rows, explains bad ones, and shows ClinRisk's disclaimer for QRISK3", () => {
    const header =
      "age,sex,ethnicity,smoking,diabetes,af,atypical_antipsychotics,corticosteroids,erectile_dysfunction,migraine,rheumatoid_arthritis,ckd,severe_mental_illness,sle,treated_hypertension,family_history_chd,height_cm,weight_kg,cholesterol_hdl_ratio,sbp,sbp_sd,townsend";
    // Row 1 is ClinRisk test patient 1 (17.2%); row 2 is too old.
    writeFileSync(
      join(tmp, "in.csv"),
      `${header}\n64,female,2,0,none,0,0,0,0,0,0,0,0,0,0,0,178,80,4,180,20,0\n85,female,2,0,none,0,0,0,0,0,0,0,0,0,0,0,178,80,4,180,20,0\n`,
    );
    const r = bevan("score", "qrisk3", "--in", join(tmp, "in.csv"), "--out", join(tmp, "out.csv"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2 rows, 1 scored, 1 with an error/);
    expect(r.out).toMatch(/ClinRisk/);
    const out = parseCsvObjects(readFileSync(join(tmp, "out.csv"), "utf8"));
    expect(Number(out[0]?.qrisk3_10y_percent).toFixed(1)).toBe("17.2");
    expect(out[1]).toMatchObject({ qrisk3_10y_percent: "", error: "age must be 25–84 for QRISK3" });
  });
  it("exits 2 naming the score list or the missing columns", () => {
    expect(bevan("score", "qrisk4", "--in", "x", "--out", "y").err).toMatch(/qrisk3, qdiabetes-a/);
    writeFileSync(join(tmp, "bad.csv"), "id\n1\n");
    const r = bevan("score", "hfrs", "--in", join(tmp, "bad.csv"), "--out", join(tmp, "o.csv"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/lacks the column\(s\) icd10_codes/);
  });
});

describe("bevan summary", () => {
  it("gives multimorbidity shares and the diabetes register by type", () => {
    const r = bevan("summary", "--db", inject("demo").db, "--json");
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.multimorbidity.denominator).toBe(s.persons.registered);
    expect(s.multimorbidity.twoPlus).toBeGreaterThan(s.multimorbidity.fivePlus);
    expect(s.multimorbidity.twoPlusShare).toBeCloseTo(
      s.multimorbidity.twoPlus / s.multimorbidity.denominator,
      5,
    );
    expect(s.diabetes.type1 + s.diabetes.type2).toBe(s.registers.DM.count);
    expect(bevan("summary", "--db", inject("demo").db).out).toMatch(/Multimorbidity .* on 2\+ .* on 5\+/);
  });
});

describe("bevan codelists", () => {
  it("lists every codelist with system, source, version and import date", () => {
    const r = bevan("codelists", "--db", inject("demo").db, "--json");
    expect(r.code).toBe(0);
    const lists = JSON.parse(r.out) as { codelist_id: string; coding_system: string; codes: number }[];
    expect(lists.find((l) => l.codelist_id === "nhsd-qof/dm_cod")).toMatchObject({
      coding_system: "snomedct",
    });
    expect(lists.find((l) => l.codelist_id === "inhalers-dmd/ics_asthma")).toMatchObject({
      coding_system: "dmd",
    });
    expect(lists.filter((l) => l.codelist_id.startsWith("gm-sde/efi-"))).toHaveLength(35);
    const text = bevan("codelists", "--db", inject("demo").db);
    expect(text.out).toMatch(/^codelist\s+system\s+codes\s+version\s+imported\s+source/);
  });
});
