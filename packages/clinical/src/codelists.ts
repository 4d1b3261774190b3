// Codelist management: OpenCodelists-style CSVs (`code,term`), dm+d lists (`type,id,bnf_code,nm`)
// and GM-SDE sets (`code<TAB>description`) imported into the warehouse with provenance.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import {
  type CodingSystem,
  codelistCode,
  codelistTable,
  normaliseCode,
  parseCsv,
  parseCsvObjects,
} from "@bevan/domain";
import type { Engine } from "@bevan/engine";

export interface CodelistSource {
  readonly id: string;
  readonly system: CodingSystem;
  /** Path relative to the shared data folder. */
  readonly path: string;
  readonly publisher: string;
  /** A codelist derived from the file: only the codes whose term matches. */
  readonly termPattern?: RegExp;
}

export interface LoadedCodelist {
  readonly id: string;
  readonly system: CodingSystem;
  readonly source: string;
  readonly version: string;
  readonly codes: readonly { readonly code: string; readonly term: string }[];
}

export class CodelistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CodelistError";
  }
}

/** Reads one codelist file, whichever of the three layouts it uses. */
export function readCodelist(sharedDataDir: string, source: CodelistSource): LoadedCodelist {
  const path = join(sharedDataDir, source.path);
  if (!existsSync(path)) throw new CodelistError(`codelist ${source.id}: file not found at ${path}`);
  const text = readFileSync(path, "utf8");
  let codes: { code: string; term: string }[];
  if (path.endsWith(".txt")) {
    codes = parseCsv(text, "\t").map((r) => ({ code: r[0] ?? "", term: r[1] ?? "" }));
  } else {
    const rows = parseCsvObjects(text);
    codes = rows.map((r) => ({
      code: r.code ?? r.id ?? r.Code ?? "",
      term: r.term ?? r.nm ?? r.Description ?? "",
    }));
  }
  const pattern = source.termPattern;
  codes = codes
    .filter((c) => c.code.trim() !== "" && (pattern === undefined || pattern.test(c.term)))
    .map((c) => ({ code: normaliseCode(source.system, c.code), term: c.term }));
  if (codes.length === 0) throw new CodelistError(`codelist ${source.id}: no codes found in ${path}`);
  const version = `sha256:${createHash("sha256")
    .update(pattern ? `${text}\n${pattern.source}` : text)
    .digest("hex")
    .slice(0, 12)}`;
  return {
    id: source.id,
    system: source.system,
    source: `${source.publisher} (${basename(path)})`,
    version,
    codes,
  };
}

/**
 * Adds these codelists to the warehouse's `codelist` and `codelist_code` tables, which the build
 * has just recreated (so no list is there twice).
 */
export async function importCodelists(
  wh: Engine,
  lists: readonly LoadedCodelist[],
  importedAt: string,
): Promise<void> {
  if (lists.length === 0) return;
  await wh.insertRows(
    codelistTable.name,
    ["codelist_id", "coding_system", "source", "version", "imported_at"],
    lists.map((l) => [l.id, l.system, l.source, l.version, importedAt]),
  );
  const codes: string[][] = [];
  for (const l of lists) {
    const seen = new Set<string>();
    for (const c of l.codes) {
      if (seen.has(c.code)) continue;
      seen.add(c.code);
      codes.push([l.id, c.code, c.term]);
    }
  }
  await wh.insertRows(codelistCode.name, ["codelist_id", "code", "term"], codes);
}
