// The generator's hidden truth (DIR/truth/risk.csv, never ingested): each person's true
// probabilities for one period, keyed by the warehouse's person key. NHS numbers are
// pseudonymised with the warehouse's key as they are read and are never kept.
import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pseudonymiser } from "@bevan/ingest";

export interface TruthRisk {
  readonly pAdmission: number;
  readonly pDeath: number;
  /** Admission probability given only the record at the period start (null in truth folders written before it existed). */
  readonly pAdmissionRecorded: number | null;
}

export class TruthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TruthError";
  }
}

/** True risks for the period starting within a few days of `periodStart` (generator years are 365 days). */
export async function readTruth(
  truthDir: string,
  key: Buffer,
  periodStart: string,
): Promise<Map<bigint, TruthRisk>> {
  const file = join(truthDir, "risk.csv");
  if (!existsSync(file)) {
    throw new TruthError(
      `no ${file}: pass --truth the truth/ folder that \`bevan generate\` wrote beside the extract`,
    );
  }
  const target = Date.parse(`${periodStart}T00:00:00Z`);
  const pseudonym = pseudonymiser(key);
  const out = new Map<bigint, TruthRisk>();
  const lines = createInterface({
    input: createReadStream(file, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let header: string[] | null = null;
  let col = { nhs: 0, start: 0, pa: 0, pd: 0 };
  let recordedCol = -1;
  let periods = new Set<string>();
  for await (const line of lines) {
    if (line === "") continue;
    const f = line.split(",");
    if (!header) {
      header = f;
      col = {
        nhs: f.indexOf("nhs_number"),
        start: f.indexOf("period_start"),
        pa: f.indexOf("p_emergency_admission"),
        pd: f.indexOf("p_death"),
      };
      if (Object.values(col).some((i) => i < 0))
        throw new TruthError(`${file} is not a Bevan truth risk file`);
      recordedCol = f.indexOf("p_emergency_admission_recorded");
      continue;
    }
    const start = f[col.start] ?? "";
    if (periods.size < 16) periods.add(start);
    if (Math.abs(Date.parse(`${start}T00:00:00Z`) - target) > 3 * 86_400_000) continue;
    out.set(pseudonym(f[col.nhs] ?? ""), {
      pAdmission: Number(f[col.pa]),
      pDeath: Number(f[col.pd]),
      pAdmissionRecorded: recordedCol < 0 ? null : Number(f[recordedCol]),
    });
  }
  if (out.size === 0) {
    throw new TruthError(
      `${file} has no period starting near ${periodStart} (periods start on ${[...periods].sort().join(", ")}); choose --as-of so that the validation year is one of them`,
    );
  }
  periods = new Set();
  return out;
}
