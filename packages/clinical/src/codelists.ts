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
import type { Warehouse } from "@bevan/engine";

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

/** Replaces the warehouse's copy of these codelists. */
export async function importCodelists(
  wh: Warehouse,
  lists: readonly LoadedCodelist[],
  importedAt: string,
): Promise<void> {
  const d = wh.dialect;
  const ids = lists.map((l) => d.stringLiteral(l.id)).join(", ");
  if (ids === "") return;
  await wh.exec(`DELETE FROM ${codelistCode.name} WHERE codelist_id IN (${ids})`);
  await wh.exec(`DELETE FROM ${codelistTable.name} WHERE codelist_id IN (${ids})`);
  const meta = await wh.appender(codelistTable.name);
  const codes = await wh.appender(codelistCode.name);
  for (const l of lists) {
    meta.appendVarchar(l.id);
    meta.appendVarchar(l.system);
    meta.appendVarchar(l.source);
    meta.appendVarchar(l.version);
    meta.appendVarchar(importedAt);
    meta.endRow();
    const seen = new Set<string>();
    for (const c of l.codes) {
      if (seen.has(c.code)) continue;
      seen.add(c.code);
      codes.appendVarchar(l.id);
      codes.appendVarchar(c.code);
      codes.appendVarchar(c.term);
      codes.endRow();
    }
  }
  meta.closeSync();
  codes.closeSync();
}
