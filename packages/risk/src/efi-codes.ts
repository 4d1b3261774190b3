// The eFI symptom and sign deficit codes (Clegg et al. 2016, GM-SDE SNOMED sets in
// shared/data/codelists/gm-sde/patient/efi-*), loaded into a temporary table for the frailty
// proxy. Condition deficits are already features through the registers.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv, parseCsvObjects } from "@bevan/domain";
import type { Warehouse } from "@bevan/engine";

export class RiskDataMissingError extends Error {
  constructor(path: string) {
    super(
      `reference data missing: ${path}. Put the shared data beside the repository (../shared/data) or set BEVAN_SHARED_DATA.`,
    );
    this.name = "RiskDataMissingError";
  }
}

export function readEfiSymptomCodes(sharedDataDir: string): { code: string; deficit: string }[] {
  const gm = join(sharedDataDir, "codelists", "gm-sde");
  let index: Record<string, string>[];
  try {
    index = parseCsvObjects(readFileSync(join(gm, "EFI_36_DEFICITS_INDEX.csv"), "utf8"));
  } catch {
    throw new RiskDataMissingError(join(gm, "EFI_36_DEFICITS_INDEX.csv"));
  }
  const out: { code: string; deficit: string }[] = [];
  for (const r of index) {
    const folder = r.folder ?? "";
    if (!folder.startsWith("patient/")) continue;
    const dir = join(gm, folder);
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".snomed.txt"))) {
      for (const row of parseCsv(readFileSync(join(dir, file), "utf8"), "\t")) {
        const code = (row[0] ?? "").trim();
        if (/^\d+$/.test(code)) out.push({ code, deficit: r.clegg2016_deficit ?? folder });
      }
    }
  }
  return out;
}

export async function loadEfiSymptomCodes(wh: Warehouse, sharedDataDir: string): Promise<void> {
  const codes = readEfiSymptomCodes(sharedDataDir);
  await wh.exec("CREATE OR REPLACE TEMP TABLE _risk_efi_code (code VARCHAR, deficit VARCHAR)");
  const d = wh.dialect;
  for (let i = 0; i < codes.length; i += 500) {
    const values = codes
      .slice(i, i + 500)
      .map((c) => `(${d.stringLiteral(c.code)}, ${d.stringLiteral(c.deficit)})`)
      .join(", ");
    await wh.exec(`INSERT INTO _risk_efi_code VALUES ${values}`);
  }
}
