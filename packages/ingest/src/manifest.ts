// Reads and validates an extract's manifest.json.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EXTRACT_SCHEMAS, type ExtractManifest } from "@bevan/domain";
import { ExtractError } from "./errors.ts";

export function readManifest(dir: string): ExtractManifest {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) {
    throw new ExtractError(
      `no manifest.json in ${dir}: an extract folder needs one (see docs/extract-format.md)`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ExtractError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const problems = validateManifest(data);
  if (problems.length > 0)
    throw new ExtractError(`${path} is not a valid extract manifest:\n  - ${problems.join("\n  - ")}`);
  return data as ExtractManifest;
}

export function validateManifest(data: unknown): string[] {
  const problems: string[] = [];
  if (typeof data !== "object" || data === null) return ["the manifest must be a JSON object"];
  const m = data as Record<string, unknown>;
  if (m.format !== "bevan-extract") problems.push(`"format" must be "bevan-extract"`);
  if (m.formatVersion !== "1") problems.push(`"formatVersion" must be "1"`);
  if (typeof m.extractDate !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(m.extractDate)) {
    problems.push(`"extractDate" must be a date in the form YYYY-MM-DD`);
  }
  if (!Array.isArray(m.files) || m.files.length === 0) {
    problems.push(`"files" must be a non-empty array`);
    return problems;
  }
  const known = new Set(EXTRACT_SCHEMAS.map((s) => s.name));
  const seen = new Set<string>();
  m.files.forEach((f: unknown, i: number) => {
    const file = f as Record<string, unknown>;
    if (typeof file?.name !== "string" || !known.has(file.name)) {
      problems.push(`files[${i}].name must be one of ${[...known].join(", ")}`);
    } else if (seen.has(file.name)) problems.push(`files[${i}]: ${file.name} is listed twice`);
    else seen.add(file.name);
    if (typeof file?.file !== "string" || file.file.includes("/") || file.file.includes("\\")) {
      problems.push(`files[${i}].file must be a file name in the extract folder`);
    }
    if (typeof file?.version !== "string") problems.push(`files[${i}].version must be a string`);
  });
  return problems;
}
