// Reference tables loaded beside an extract: 2021 LSOAs with IMD 2025 (all of England) and the
// Townsend score derived from it, named from the ONS estimates where we have them.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { lsoa, parseCsvObjects, townsendFromImdRank } from "@bevan/domain";
import type { Warehouse } from "@bevan/engine";
import { ExtractError } from "./errors.ts";

export async function loadReferenceTables(wh: Warehouse, sharedDataDir: string): Promise<number> {
  const imdPath = join(sharedDataDir, "reference", "imd", "imd2025_england_lsoa21.csv");
  const namesPath = join(
    sharedDataDir,
    "reference",
    "ons-trafford",
    "mid-year_2024_population_estimates_lsoa.csv",
  );
  if (!existsSync(imdPath)) {
    throw new ExtractError(
      `IMD 2025 reference file not found at ${imdPath}; set BEVAN_SHARED_DATA to the shared data folder`,
    );
  }
  const names = new Map<string, string>();
  if (existsSync(namesPath)) {
    for (const r of parseCsvObjects(readFileSync(namesPath, "utf8")))
      names.set(r.area_code ?? "", r.area_name ?? "");
  }
  await wh.exec(`DELETE FROM ${lsoa.name}`);
  const appender = await wh.appender(lsoa.name);
  let count = 0;
  const rows = parseCsvObjects(readFileSync(imdPath, "utf8"));
  for (const r of rows) {
    const code = r.lsoa21_code ?? "";
    const decile = Number(r.IMD_decile);
    appender.appendVarchar(code);
    appender.appendVarchar(names.get(code) ?? code);
    appender.appendInteger(decile);
    appender.appendInteger(Math.ceil(decile / 2));
    appender.appendInteger(Number(r.IMD_rank));
    appender.appendDouble(Number(r.IMD_score));
    appender.appendDouble(townsendFromImdRank(Number(r.IMD_rank), rows.length));
    appender.endRow();
    count++;
  }
  appender.closeSync();
  return count;
}
