// Spec tests for the register rules: small hand-made people, each showing one rule.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_TABLES } from "@bevan/domain";
import { createTableSql, setBuildInfo, Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHARED_DATA } from "../../../test/paths.ts";
import { buildWarehouse } from "../src/build.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-reg-"));
let wh: Warehouse;
let registers: Map<number, string[]>;
let status: Map<
  number,
  { age: number; registered: boolean; deceased: boolean; learning_disability: boolean }
>;

// person id, birth month, registration end, death date
const PEOPLE: [number, string, string | null, string | null][] = [
  [1, "1950-06-01", null, null], // DM, later resolved → not on DM
  [2, "1950-06-01", null, null], // DM resolved, then DM again → on DM
  [3, "1960-01-01", null, null], // CKD 3 then CKD 2 → not on CKD; CKD 4 → on CKD (person 4)
  [4, "1960-01-01", null, null],
  [5, "2015-01-01", null, null], // asthma code at 10 with an inhaler this year → AST; person 6 has no inhaler
  [6, "1990-01-01", null, null],
  [7, "2014-01-01", null, null], // depression at 12 → not DEP (18+)
  [8, "1970-01-01", "2025-01-01", null], // hypertension but left the practice → on no register
  [9, "1940-01-01", null, "2026-01-01"], // hypertension but died → on no register
  [10, "1970-01-01", null, null], // hypertension code dated after the as-of date → not on HYP
  [11, "1980-01-01", null, null], // SMI then remission → not MH; LD → LD flag
  [12, "1980-01-01", null, null], // NDH and DM → DM only
  [13, "1970-01-01", null, null], // cancer first diagnosed 2001 → not CAN; person 14 in 2010 → CAN
  [14, "1970-01-01", null, null],
  [15, "1960-01-01", null, null], // hypertension then hypertension resolved → not HYP; person 16 coded again after → HYP
  [16, "1960-01-01", null, null],
  [17, "1960-01-01", null, null], // CKD 3 then CKD resolved → not CKD
  [18, "1950-01-01", null, null], // COPD, heart failure and epilepsy, each then resolved → on none
  [19, "1950-01-01", null, null], // the same resolved codes dated before the diagnoses → on all three
];

const EVENTS: [number, string, string][] = [
  [1, "2010-01-01", "44054006"],
  [1, "2020-01-01", "315051004"],
  [2, "2010-01-01", "44054006"],
  [2, "2015-01-01", "315051004"],
  [2, "2022-01-01", "44054006"],
  [3, "2018-01-01", "433144002"],
  [3, "2023-01-01", "431856006"],
  [4, "2018-01-01", "431857002"],
  [5, "2025-01-01", "195967001"],
  [6, "2020-01-01", "195967001"],
  [7, "2026-01-01", "35489007"],
  [8, "2015-01-01", "38341003"],
  [9, "2015-01-01", "38341003"],
  [10, "2026-06-01", "38341003"],
  [11, "2015-01-01", "58214004"],
  [11, "2020-01-01", "4926007"],
  [11, "1990-01-01", "984661000000105"],
  [12, "2019-01-01", "700449008"],
  [12, "2021-01-01", "44054006"],
  [13, "2001-05-01", "254837009"],
  [14, "2010-05-01", "254837009"],
  [15, "2012-01-01", "38341003"],
  [15, "2020-01-01", "162659009"], // hypertension resolved (HYPRES_COD)
  [16, "2012-01-01", "38341003"],
  [16, "2016-01-01", "162659009"],
  [16, "2021-01-01", "38341003"],
  [17, "2018-01-01", "433144002"],
  [17, "2022-01-01", "939211000000104"], // CKD resolved (CKDRES_COD)
  [18, "2010-01-01", "13645005"],
  [18, "2012-01-01", "84114007"],
  [18, "2014-01-01", "84757009"],
  [18, "2020-01-01", "941201000000103"], // COPD resolved
  [18, "2020-01-01", "521691000000100"], // heart failure resolved
  [18, "2020-01-01", "162658001"], // epilepsy resolved
  [19, "2009-01-01", "941201000000103"],
  [19, "2009-01-01", "521691000000100"],
  [19, "2009-01-01", "162658001"],
  [19, "2010-01-01", "13645005"],
  [19, "2012-01-01", "84114007"],
  [19, "2014-01-01", "84757009"],
];

beforeAll(async () => {
  wh = await Warehouse.open(join(tmp, "w.duckdb"));
  for (const t of ALL_TABLES) await wh.exec(createTableSql(t, wh.dialect));
  await wh.exec(
    "INSERT INTO organisation (org_code, org_name, org_type, parent_code, list_size) VALUES ('P1', 'Practice', 'practice', NULL, 1000)",
  );
  for (const [id, birth, end, death] of PEOPLE) {
    await wh.exec(
      "INSERT INTO person (person_id, sex, birth_month, ethnicity_group, ethnicity_code, lsoa_code, practice_code, registration_start, registration_end, death_date, care_home) VALUES ($id, 'F', $birth, 'White', 'A', NULL, 'P1', DATE '2000-01-01', $end, $death, FALSE)",
      { id, birth, end, death },
    );
  }
  for (const [id, date, code] of EVENTS) {
    await wh.exec(
      "INSERT INTO gp_event (person_id, event_date, coding_system, code, value, unit, source_org) VALUES ($id, $date, 'snomedct', $code, NULL, NULL, 'P1')",
      {
        id,
        date,
        code,
      },
    );
  }
  // An inhaler (PRIMIS ASTRXM1) issued to person 5 in the last year.
  await wh.exec(
    "INSERT INTO medication_issue (person_id, issue_date, coding_system, code, description, quantity, source_org) VALUES (5, DATE '2026-01-10', 'dmd', '320537007', 'Beclometasone', 1, 'P1')",
  );
  await setBuildInfo(wh, { extract_date: "2026-03-31" });
  await buildWarehouse(wh, { sharedDataDir: SHARED_DATA, now: () => new Date("2026-04-01T00:00:00Z") });
  registers = new Map();
  for (const r of await wh.all<{ person_id: bigint; register: string }>(
    "SELECT person_id, register FROM register ORDER BY register",
  )) {
    const id = Number(r.person_id);
    registers.set(id, [...(registers.get(id) ?? []), r.register]);
  }
  status = new Map(
    (
      await wh.all<{
        person_id: bigint;
        age: number;
        registered: boolean;
        deceased: boolean;
        learning_disability: boolean;
      }>("SELECT * FROM person_asof")
    ).map((r) => [Number(r.person_id), r]),
  );
});
afterAll(() => {
  wh.close();
  rmSync(tmp, { recursive: true, force: true });
});

const on = (id: number) => registers.get(id) ?? [];

describe("register rules", () => {
  it("DM: the latest diabetes code must be later than any resolved code", () => {
    expect(on(1)).not.toContain("DM");
    expect(on(2)).toContain("DM");
  });
  it("CKD: the latest CKD code must be stage 3–5", () => {
    expect(on(3)).not.toContain("CKD");
    expect(on(4)).toContain("CKD");
  });
  it("HYP, CKD, COPD, HF, EP: the latest diagnosis must be later than any resolved code (QOF resolved refsets)", () => {
    expect(on(15)).not.toContain("HYP");
    expect(on(16)).toContain("HYP");
    expect(on(17)).not.toContain("CKD");
    for (const r of ["COPD", "HF", "EP"]) {
      expect(on(18), r).not.toContain(r);
      expect(on(19), r).toContain(r);
    }
  });
  it("AST: needs an asthma inhaler in the last 12 months", () => {
    expect(on(5)).toContain("AST");
    expect(on(6)).not.toContain("AST");
  });
  it("DEP: adults only", () => expect(on(7)).not.toContain("DEP"));
  it("only people registered and alive at the as-of date; codes after it do not count", () => {
    expect(on(8)).toEqual([]);
    expect(on(9)).toEqual([]);
    expect(on(10)).toEqual([]);
    expect(status.get(8)?.registered).toBe(false);
    expect(status.get(9)).toMatchObject({ registered: false, deceased: true });
  });
  it("MH: remission removes; LD sets the person's learning disability flag", () => {
    expect(on(11)).not.toContain("MH");
    expect(on(11)).toContain("LD");
    expect(status.get(11)?.learning_disability).toBe(true);
  });
  it("NDH: not for people on the diabetes register", () => {
    expect(on(12)).toContain("DM");
    expect(on(12)).not.toContain("NDH");
  });
  it("CAN: first diagnosis on or after 1 April 2003", () => {
    expect(on(13)).not.toContain("CAN");
    expect(on(14)).toContain("CAN");
  });
  it("age at the as-of date counts whole years from the birth month", () => {
    expect(status.get(5)?.age).toBe(11);
    expect(status.get(1)?.age).toBe(75);
  });
});
