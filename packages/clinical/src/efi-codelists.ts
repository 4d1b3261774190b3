// The eFI deficit code sets: GM-SDE `efi-*` SNOMED CT sets, mapped to Clegg's 36 deficits by
// codelists/gm-sde/EFI_36_DEFICITS_INDEX.csv (35 sets; polypharmacy has none).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvObjects } from "@bevan/domain";
import { CodelistError, type CodelistSource, readCodelist } from "./codelists.ts";

export interface EfiDeficitSource extends CodelistSource {
  readonly deficit: number;
  readonly deficitName: string;
}

export function efiCodelistSources(sharedDataDir: string): EfiDeficitSource[] {
  const gm = join(sharedDataDir, "codelists", "gm-sde");
  let text: string;
  try {
    text = readFileSync(join(gm, "EFI_36_DEFICITS_INDEX.csv"), "utf8");
  } catch {
    throw new CodelistError(
      `the eFI deficit index is missing: expected ${join(gm, "EFI_36_DEFICITS_INDEX.csv")}`,
    );
  }
  const out: EfiDeficitSource[] = [];
  for (const r of parseCsvObjects(text)) {
    const folder = r.folder ?? "";
    if (folder === "") continue; // polypharmacy: derived from medication issues
    const file = readdirSync(join(gm, folder)).find((f) => f.endsWith(".snomed.txt"));
    if (!file)
      throw new CodelistError(`eFI deficit ${r.deficit_no}: no .snomed.txt file in ${join(gm, folder)}`);
    out.push({
      id: `gm-sde/${r.gm_sde_concept}`,
      system: "snomedct",
      path: join("codelists", "gm-sde", folder, file),
      publisher: "Greater Manchester Secure Data Environment code sets",
      deficit: Number(r.deficit_no),
      deficitName: r.clegg2016_deficit ?? "",
    });
  }
  return out;
}

/** SNOMED CT code → eFI deficit number, from the GM-SDE code sets. */
export function loadEfiDeficitMap(sharedDataDir: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const s of efiCodelistSources(sharedDataDir)) {
    for (const c of readCodelist(sharedDataDir, s).codes) if (!map.has(c.code)) map.set(c.code, s.deficit);
  }
  return map;
}
