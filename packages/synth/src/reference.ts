// The real public data the synthetic ICS is built on: Trafford's 2021 LSOAs with ONS
// mid-2024 populations by single year of age and sex, IMD 2025 deciles, and its 26 GP
// practices with list sizes and localities (all OGL v3, in ../shared/data/reference/).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvObjects } from "@bevan/domain";

export interface LsoaRef {
  readonly code: string;
  readonly name: string;
  readonly msoaNumber: number;
  readonly imdDecile: number;
  readonly imdRank: number;
  readonly imdScore: number;
  /** Population by single year of age 0…90 (90 = 90+), females then males. */
  readonly females: readonly number[];
  readonly males: readonly number[];
  locality: string;
}

export interface PracticeRef {
  readonly code: string;
  readonly name: string;
  readonly listSize: number;
  readonly msoaCode: string;
  readonly locality: string;
}

export interface ReferenceData {
  readonly lsoas: readonly LsoaRef[];
  readonly practices: readonly PracticeRef[];
  readonly totalPopulation: number;
}

export class ReferenceDataMissingError extends Error {
  constructor(path: string) {
    super(
      `reference data not found at ${path}. Bevan's synthetic population is built on the public data in shared/data/reference; ` +
        "set BEVAN_SHARED_DATA to the folder that holds `reference/` and `codelists/` (by default ../shared/data beside the repository).",
    );
    this.name = "ReferenceDataMissingError";
  }
}

function readRef(dir: string, ...parts: string[]): Record<string, string>[] {
  const path = join(dir, ...parts);
  if (!existsSync(path)) throw new ReferenceDataMissingError(path);
  return parseCsvObjects(readFileSync(path, "utf8"));
}

const AGES = Array.from({ length: 91 }, (_, i) => (i === 90 ? "90+" : String(i)));

// Trafford MSOA codes run E02001259 (Trafford 001) … E02001286 (Trafford 028) in MSOA-number order.
const MSOA_CODE_BASE = 1258;

export function loadReferenceData(sharedDataDir: string): ReferenceData {
  const imd = new Map(
    readRef(sharedDataDir, "reference", "imd", "imd2025_england_lsoa21.csv").map((r) => [
      r.lsoa21_code ?? "",
      r,
    ]),
  );
  const pops = readRef(
    sharedDataDir,
    "reference",
    "ons-trafford",
    "mid-year_2024_population_estimates_lsoa.csv",
  );
  const byCode = new Map<string, { name: string; females?: number[]; males?: number[] }>();
  for (const r of pops) {
    const code = r.area_code ?? "";
    const entry = byCode.get(code) ?? { name: r.area_name ?? code };
    const counts = AGES.map((a) => Number(r[a] ?? 0));
    if (r.sex === "Females") entry.females = counts;
    else if (r.sex === "Males") entry.males = counts;
    byCode.set(code, entry);
  }
  const practices: PracticeRef[] = readRef(
    sharedDataDir,
    "reference",
    "ons-trafford",
    "trafford_gp_patient_registrations.csv",
  )
    .map((r) => ({
      code: r.practice_code ?? "",
      name: r.practice_name ?? "",
      listSize: Number(r.registered_patients),
      msoaCode: r.msoa_code ?? "",
      locality: r.locality ?? "",
    }))
    .sort((a, b) => a.code.localeCompare(b.code));

  // Locality of an MSOA: that of the practice in the nearest-numbered MSOA (MSOA numbers run north to south).
  const practiceMsoas = practices.map((p) => ({
    n: Number(p.msoaCode.slice(-4)) - MSOA_CODE_BASE,
    locality: p.locality,
  }));
  const localityOf = (msoaNumber: number) => {
    let best = practiceMsoas[0];
    for (const p of practiceMsoas) {
      if (best === undefined || Math.abs(p.n - msoaNumber) < Math.abs(best.n - msoaNumber)) best = p;
    }
    return best?.locality ?? "Unknown";
  };

  const lsoas: LsoaRef[] = [];
  for (const [code, entry] of [...byCode.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const deprivation = imd.get(code);
    if (!deprivation || !entry.females || !entry.males) continue;
    const msoaNumber = Number(/(\d{3})[A-Z]$/.exec(entry.name)?.[1] ?? 0);
    lsoas.push({
      code,
      name: entry.name,
      msoaNumber,
      imdDecile: Number(deprivation.IMD_decile),
      imdRank: Number(deprivation.IMD_rank),
      imdScore: Number(deprivation.IMD_score),
      females: entry.females,
      males: entry.males,
      locality: localityOf(msoaNumber),
    });
  }
  const totalPopulation = lsoas.reduce(
    (sum, l) => sum + l.females.reduce((a, b) => a + b, 0) + l.males.reduce((a, b) => a + b, 0),
    0,
  );
  return { lsoas, practices, totalPopulation };
}
