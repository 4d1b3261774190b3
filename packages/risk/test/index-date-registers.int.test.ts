// Features are computed from the record as it stood at the index date: a register that reads
// another register (NDH excludes people on the diabetes register) must read that register at
// the index date, not the build's current one, or a later diagnosis leaks into the features.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildWarehouse } from "@bevan/build";
import { ALL_TABLES } from "@bevan/domain";
import { createTableSql, setBuildInfo, Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHARED_DATA } from "../../../test/paths.ts";
import { featureColumns, loadEfiSymptomCodes } from "../src/index.ts";

const NDH = "700449008";
const DM = "44054006";
// person id → coded events (date, SNOMED code)
const PEOPLE: Record<number, [string, string][]> = {
  1: [
    ["2023-01-01", NDH],
    ["2025-09-01", DM],
  ], // NDH at the index date; diabetes diagnosed later
  2: [
    ["2019-01-01", NDH],
    ["2021-01-01", DM],
  ], // already diabetic at the index date: DM, not NDH
  3: [["2023-01-01", NDH]], // NDH throughout
};

const tmp = mkdtempSync(join(tmpdir(), "bevan-risk-ndh-"));
let wh: Warehouse;
beforeAll(async () => {
  wh = await Warehouse.open(join(tmp, "w.duckdb"));
  for (const t of ALL_TABLES) await wh.exec(createTableSql(t, wh.dialect));
  await wh.exec(
    "INSERT INTO organisation (org_code, org_name, org_type, parent_code, list_size) VALUES ('P1', 'Practice', 'practice', NULL, 1000)",
  );
  for (const [id, events] of Object.entries(PEOPLE)) {
    await wh.exec(
      "INSERT INTO person (person_id, sex, birth_month, ethnicity_group, ethnicity_code, lsoa_code, practice_code, registration_start, registration_end, death_date, care_home) VALUES ($id, 'F', DATE '1960-01-01', 'White', 'A', NULL, 'P1', DATE '2000-01-01', NULL, NULL, FALSE)",
      { id: Number(id) },
    );
    for (const [date, code] of events)
      await wh.exec(
        "INSERT INTO gp_event (person_id, event_date, coding_system, code, value, unit, source_org) VALUES ($id, $date, 'snomedct', $code, NULL, NULL, 'P1')",
        { id: Number(id), date, code },
      );
  }
  await setBuildInfo(wh, { extract_date: "2026-03-31" });
  await buildWarehouse(wh, { sharedDataDir: SHARED_DATA, now: () => new Date("2026-04-01T00:00:00Z") });
  await loadEfiSymptomCodes(wh, SHARED_DATA);
}, 120_000);
afterAll(() => {
  wh?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function registersOn(indexDate: string): Promise<Record<number, { dm: number; ndh: number }>> {
  const f = await featureColumns(wh, indexDate);
  const ids = f.columns.person_id as BigInt64Array;
  const dm = f.columns.register_dm as Float64Array;
  const ndh = f.columns.register_ndh as Float64Array;
  return Object.fromEntries([...ids].map((id, i) => [Number(id), { dm: dm[i] ?? -1, ndh: ndh[i] ?? -1 }]));
}

describe("features at an index date before the build's as-of date", () => {
  it("the build (2026-03-31) has person 1 on DM only", async () => {
    const rows = await wh.all<{ register: string }>(
      "SELECT register FROM register WHERE person_id = 1 ORDER BY register",
    );
    expect(rows.map((r) => r.register)).toEqual(["DM"]);
  });
  it("a year earlier person 1 was on NDH and not DM; the others are unchanged", async () => {
    expect(await registersOn("2025-03-31")).toEqual({
      1: { dm: 0, ndh: 1 },
      2: { dm: 1, ndh: 0 },
      3: { dm: 0, ndh: 1 },
    });
  });
});
