// Test helper: locate and parse the external reference vectors in ../shared/data (relative
// to the repository root). These files come from the reference implementations; tests must
// compare against them, never against numbers this package produced itself.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Path to a file under ../shared/data/ (e.g. sharedData("vectors", "nhsrwaitinglist", "x.csv")). */
export function sharedData(...parts: string[]): string {
  return path.resolve(repoRoot, "..", "shared", "data", ...parts);
}

/** Path to a file in this package's test/fixtures folder (small copied references, provenance noted there). */
export function fixture(name: string): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "fixtures", name);
}

export function readText(file: string): string {
  return readFileSync(file, "utf8").replace(/^\uFEFF/, "");
}

export function readJson<T>(file: string): T {
  return JSON.parse(readText(file)) as T;
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.some((c) => c.trim() !== ""));
  if (!header) return [];
  const names = header.map((h) => h.trim());
  return body.map((r) => Object.fromEntries(names.map((n, i) => [n, (r[i] ?? "").trim()])));
}

export function readCsv(file: string): Record<string, string>[] {
  return parseCsv(readText(file));
}

/** A numeric cell; null for blank or NA. */
export function num(cell: string | undefined): number | null {
  if (cell === undefined || cell === "" || cell === "NA") return null;
  const n = Number(cell);
  if (Number.isNaN(n)) throw new Error(`not a number: ${cell}`);
  return n;
}

/** A numeric cell that must be present. */
export function req(cell: string | undefined): number {
  const n = num(cell);
  if (n === null) throw new Error("expected a number, found a blank cell");
  return n;
}

export const phe = (...parts: string[]) => sharedData("vectors", "pheindicatormethods", ...parts);
export const pheSheet = (name: string) => readCsv(phe("sheets_csv", name));

/** Relative closeness with an absolute floor for values at or near zero. */
export function close(actual: number | null, expected: number | null, rel = 1e-6, abs = 1e-12): boolean {
  if (actual === null || expected === null) return actual === expected;
  return Math.abs(actual - expected) <= Math.max(abs, rel * Math.abs(expected));
}
