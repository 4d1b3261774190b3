// Codes the generator draws from the real codelists in shared/data/codelists: each
// condition's QOF cluster (for code variety beyond the usual code) and the eFI symptom sets.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv, parseCsvObjects, type RegisterCode } from "@bevan/domain";
import { CONDITIONS } from "./conditions.ts";
import { DEFICIT_TERMS, DEFICIT_WEIGHTS } from "./frailty.ts";
import { ReferenceDataMissingError } from "./reference.ts";

export interface CodeBook {
  /** Alternative codes of each condition's cluster (active diagnoses only). */
  readonly alternatives: ReadonlyMap<RegisterCode, readonly string[]>;
  /**
   * One code per drawable eFI deficit (those that are not a QOF condition of the generator:
   * arthritis, falls, hearing impairment …), in deficit order, with its relative frequency.
   */
  readonly frailtySymptoms: readonly {
    readonly deficit: string;
    readonly code: string;
    readonly weight: number;
  }[];
}

// Codes that are not a plain active diagnosis for a person in general practice.
const NOT_PLAIN =
  /remission|resolved|childbirth|pregnan|puerper|obstetric|history|mother|fetus|neonat|in-situ|suspected|screening|referral|due to|caused by|secondary|scale|score|review|assessment|phase|form|\bhandover\b/i;

// A deficit's code is a plain finding or disorder, not a screening, referral or diabetes code.
const NOT_A_DEFICIT = /diabet|screening|referral|excluded|history|suspected|\bfh\b|family/i;

export function loadCodeBook(sharedDataDir: string): CodeBook {
  const qof = join(sharedDataDir, "codelists", "nhsd-qof");
  if (!existsSync(qof)) throw new ReferenceDataMissingError(qof);
  const alternatives = new Map<RegisterCode, string[]>();
  const type1 = new Set(
    parseCsvObjects(readFileSync(join(qof, "nhsd-primary-care-domain-refsets-dmtype1_cod.csv"), "utf8")).map(
      (r) => r.code ?? "",
    ),
  );
  // Symptom codes must not also be diagnosis codes of a register (e.g. a dementia code for "memory problems").
  const registerCodes = new Set<string>();
  for (const file of readdirSync(qof).filter((f) => f.endsWith(".csv"))) {
    for (const r of parseCsvObjects(readFileSync(join(qof, file), "utf8"))) registerCodes.add(r.code ?? "");
  }
  for (const spec of CONDITIONS) {
    const file = join(qof, `nhsd-primary-care-domain-refsets-${spec.cluster}_cod.csv`);
    const codes = parseCsvObjects(readFileSync(file, "utf8"))
      .filter((r) => !NOT_PLAIN.test(r.term ?? ""))
      .map((r) => r.code ?? "")
      .filter((c) => c !== "")
      .sort();
    // Type 1 codes are written only for people with type 1 diabetes (see primary-care.ts).
    const usable = spec.id === "DM" ? codes.filter((c) => !type1.has(c)) : codes;
    alternatives.set(spec.id, usable.length > 0 ? usable : [...spec.usualCodes]);
  }
  const gm = join(sharedDataDir, "codelists", "gm-sde");
  const index = parseCsvObjects(readFileSync(join(gm, "EFI_36_DEFICITS_INDEX.csv"), "utf8"));
  const frailtySymptoms = index
    .filter((r) => DEFICIT_WEIGHTS[r.clegg2016_deficit ?? ""] !== undefined && (r.folder ?? "") !== "")
    .map((r) => {
      const folder = join(gm, r.folder ?? "");
      const file = readdirSync(folder).find((f) => f.endsWith(".snomed.txt"));
      const rows = file ? parseCsv(readFileSync(join(folder, file), "utf8"), "\t") : [];
      const deficit = r.clegg2016_deficit ?? "";
      const usable = rows.filter(
        (row) =>
          (row[0] ?? "") !== "" && !registerCodes.has(row[0] ?? "") && !NOT_A_DEFICIT.test(row[1] ?? ""),
      );
      const preferred = DEFICIT_TERMS[deficit];
      const plain = (preferred && usable.find((row) => preferred.test(row[1] ?? ""))) || usable[0];
      return { deficit, code: plain?.[0] ?? "", weight: DEFICIT_WEIGHTS[deficit] ?? 0 };
    })
    .filter((s) => s.code !== "");
  return { alternatives, frailtySymptoms };
}
