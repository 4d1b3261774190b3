// The generator's acceptance: determinism, and epidemiology an NHS analyst would recognise
// (QOF-like register prevalence, emergency admission rates, gradients by age and deprivation).
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { Warehouse } from "@bevan/engine";
import { summarise, type WarehouseSummary } from "@bevan/query";
import { generate } from "@bevan/synth";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SHARED_DATA } from "./paths.ts";

function digestTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash("sha256").update(readFileSync(p)).digest("hex"));
    }
  };
  walk(dir);
  return out;
}

describe("generator determinism", () => {
  const tmp = mkdtempSync(join(tmpdir(), "bevan-gen-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("the same seed gives byte-identical files (extract and truth); another seed differs", async () => {
    const demo = inject("demo");
    const again = join(tmp, "again");
    const other = join(tmp, "other");
    await generate({
      persons: 20_000,
      seed: 7,
      outDir: again,
      asOf: "2026-03-31",
      sharedDataDir: SHARED_DATA,
    });
    await generate({
      persons: 20_000,
      seed: 8,
      outDir: other,
      asOf: "2026-03-31",
      sharedDataDir: SHARED_DATA,
    });
    const a = digestTree(demo.extract);
    const b = digestTree(again);
    const c = digestTree(other);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect(a.size).toBe(21); // 16 extract files (opt_outs.csv among them), manifest.json, truth/{README.md, risk.csv, conditions.csv, audits.csv}
    for (const [file, hash] of a) expect(b.get(file), file).toBe(hash);
    expect(c.get("patients.csv")).not.toBe(a.get("patients.csv"));
    expect(c.get("gp_events.csv")).not.toBe(a.get("gp_events.csv"));
  });
});

// QOF-like targets from the foundation issue: recorded prevalence, with the register's age denominator.
const TARGETS: Record<string, number> = {
  HYP: 0.145,
  DM: 0.075,
  AST: 0.065,
  COPD: 0.02,
  CHD: 0.03,
  AF: 0.02,
  HF: 0.01,
  DEM: 0.0075,
  MH: 0.01,
  LD: 0.0055,
  CKD: 0.04,
};

describe("epidemiology of the 20,000-person build (seed 7)", () => {
  let wh: Warehouse;
  let summary: WarehouseSummary;
  beforeAll(async () => {
    wh = await Warehouse.open(inject("demo").db, { readOnly: true });
    summary = await summarise(wh);
  });
  afterAll(() => wh.close());

  it("register prevalence is within ±30% of England's QOF figures", () => {
    for (const [code, target] of Object.entries(TARGETS)) {
      const p = summary.registers[code as keyof typeof summary.registers].prevalence;
      expect(p, code).toBeGreaterThan(target * 0.7);
      expect(p, code).toBeLessThan(target * 1.3);
    }
  });

  it("has type 1 as about a tenth of the diabetes register (England: 8–10%)", () => {
    const share = summary.diabetes.type1 / (summary.diabetes.type1 + summary.diabetes.type2);
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.15);
  });

  it("has 70 to 140 emergency admissions per 1,000 registered people a year", () => {
    expect(summary.activity.emergencyAdmissionsPer1000).toBeGreaterThan(70);
    expect(summary.activity.emergencyAdmissionsPer1000).toBeLessThan(140);
  });

  it("reproduces Trafford's age structure (ONS mid-2024: 17.6% aged 65+, 20.8% under 16)", async () => {
    const r = await wh.one<{ old: number; young: number }>(
      "SELECT avg(CASE WHEN age >= 65 THEN 1.0 ELSE 0 END) AS old, avg(CASE WHEN age < 16 THEN 1.0 ELSE 0 END) AS young FROM person_asof WHERE registered",
    );
    expect(r.old).toBeGreaterThan(0.15);
    expect(r.old).toBeLessThan(0.2);
    expect(r.young).toBeGreaterThan(0.18);
    expect(r.young).toBeLessThan(0.23);
  });

  it("puts every person in a real Trafford LSOA with its IMD 2025 decile, and one ICB, 4 places, 26 practices", async () => {
    const r = await wh.one<{ missing: bigint; lsoas: bigint }>(
      "SELECT count(*) FILTER (WHERE imd_decile IS NULL) AS missing, count(DISTINCT lsoa_code) AS lsoas FROM person_asof",
    );
    expect(r.missing).toBe(0n);
    expect(Number(r.lsoas)).toBe(139); // Trafford's 2021 LSOAs
    expect(summary.organisations).toMatchObject({ icbs: 1, places: 4, practices: 26 });
  });

  it("has a deprivation gradient: diabetes and COPD commoner in the most deprived quintile", async () => {
    const rows = await wh.all<{ register: string; q1: number; q5: number }>(`
      SELECT r.register,
        count(*) FILTER (WHERE p.imd_quintile = 1) * 1.0 / (SELECT count(*) FROM person_asof WHERE registered AND imd_quintile = 1) AS q1,
        count(*) FILTER (WHERE p.imd_quintile = 5) * 1.0 / (SELECT count(*) FROM person_asof WHERE registered AND imd_quintile = 5) AS q5
      FROM register r JOIN person_asof p USING (person_id) WHERE r.register IN ('DM', 'COPD') GROUP BY r.register`);
    for (const r of rows) expect(r.q1 / r.q5, r.register).toBeGreaterThan(1.3);
  });

  it("emergency admissions rise steeply with age (85+ at least 4 times 20–39)", async () => {
    const r = await wh.one<{ young: number; old: number }>(`
      WITH a AS (SELECT person_id, count(*) AS n FROM hospital_spell WHERE admission_method = 'emergency'
                 AND admission_date > DATE '2025-03-31' GROUP BY person_id)
      SELECT sum(CASE WHEN age BETWEEN 20 AND 39 THEN coalesce(a.n, 0) END) * 1.0 / count(*) FILTER (WHERE age BETWEEN 20 AND 39) AS young,
             sum(CASE WHEN age >= 85 THEN coalesce(a.n, 0) END) * 1.0 / count(*) FILTER (WHERE age >= 85) AS old
      FROM person_asof p LEFT JOIN a USING (person_id) WHERE p.registered`);
    expect(r.old / r.young).toBeGreaterThan(4);
  });

  it("writes undiagnosed conditions only to the truth: about 30% of hypertension never diagnosed (HSE 2019: about 3 in 10)", () => {
    const [header = "", ...lines] = readFileSync(
      join(inject("demo").extract, "truth", "conditions.csv"),
      "utf8",
    )
      .trim()
      .split("\n");
    const cols = header.split(",");
    const at = (name: string) => cols.indexOf(name);
    const hyp = lines.map((l) => l.split(",")).filter((r) => r[at("condition")] === "HYP");
    const undiagnosed = hyp.filter((r) => r[at("recorded")] === "false" && r[at("diagnosed_date")] === "");
    const resolved = hyp.filter((r) => r[at("resolved_date")] !== "");
    expect(undiagnosed.length / hyp.length).toBeGreaterThan(0.2);
    expect(undiagnosed.length / hyp.length).toBeLessThan(0.4);
    // A resolved code takes a person off the register: recorded false, with a diagnosis date.
    for (const r of resolved)
      expect([r[at("recorded")], r[at("diagnosed_date")] !== ""]).toEqual(["false", true]);
    expect(resolved.length).toBeGreaterThan(0);
  });

  // About a third of trust clozapine patients lack it in the GP record; at 20,000 people there are
  // only a dozen or so clozapine patients, so the check is loose.
  it("issues clozapine from the mental-health trust, and some of those GP records lack it", async () => {
    const r = await wh.one<{ trust: bigint; gp: bigint }>(`
      SELECT count(DISTINCT person_id) FILTER (WHERE source_org = 'RXV') AS trust,
             count(DISTINCT person_id) FILTER (WHERE source_org <> 'RXV') AS gp
      FROM medication_issue WHERE description LIKE 'Clozapine%'`);
    expect(Number(r.trust)).toBeGreaterThan(0);
    expect(Number(r.gp)).toBeLessThan(Number(r.trust));
    expect(1 - Number(r.gp) / Number(r.trust)).toBeLessThan(0.7);
  });

  it("biomarkers agree with conditions: people with diabetes have higher HbA1c", async () => {
    const r = await wh.one<{ dm: number; other: number }>(`
      SELECT avg(value) FILTER (WHERE dm) AS dm, avg(value) FILTER (WHERE NOT dm) AS other FROM (
        SELECT e.value, EXISTS (SELECT 1 FROM register r WHERE r.person_id = e.person_id AND r.register = 'DM') AS dm
        FROM gp_event e WHERE e.code = '999791000000106')`);
    expect(r.dm).toBeGreaterThan(50);
    expect(r.other).toBeLessThan(45);
  });

  it("records social care, assisted bin collection and imaging across four acute trusts", async () => {
    const r = await wh.one<{ bins: bigint; trusts: bigint; waiting: bigint }>(`SELECT
      (SELECT count(*) FROM social_care_service WHERE service_type = 'assisted_bin_collection') AS bins,
      (SELECT count(DISTINCT trust_code) FROM imaging_request) AS trusts,
      (SELECT count(*) FROM imaging_request WHERE test_date IS NULL) AS waiting`);
    expect(Number(r.bins)).toBeGreaterThan(0);
    expect(Number(r.trusts)).toBe(4);
    expect(Number(r.waiting)).toBeGreaterThan(0);
  });
});
