// Reads an extract's manifest.json and validates it against the published JSON Schema
// (packages/ingest/schema/extract-manifest.schema.json), so code behind it sees a typed,
// valid manifest.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ExtractManifest } from "@bevan/domain";
import { Ajv } from "ajv";
import { ExtractError } from "./errors.ts";

export const MANIFEST_SCHEMA_PATH = join(import.meta.dirname, "..", "schema", "extract-manifest.schema.json");
export const MANIFEST_SCHEMA: Record<string, unknown> = JSON.parse(
  readFileSync(MANIFEST_SCHEMA_PATH, "utf8"),
);

const validate = new Ajv({ allErrors: true, strict: true }).compile(MANIFEST_SCHEMA);

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

/** Problems with a manifest, one readable line each; empty when it is valid. */
export function validateManifest(data: unknown): string[] {
  const problems: string[] = [];
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      const where =
        e.instancePath === "" ? "the manifest" : `"${e.instancePath.slice(1).replaceAll("/", ".")}"`;
      const allowed =
        e.keyword === "enum"
          ? `: one of ${(e.params as { allowedValues: string[] }).allowedValues.join(", ")}`
          : "";
      const constant =
        e.keyword === "const" ? ` "${(e.params as { allowedValue: string }).allowedValue}"` : "";
      problems.push(`${where} ${e.message}${constant}${allowed}`);
    }
  }
  // Uniqueness of names is beyond JSON Schema's uniqueItems (which compares whole objects).
  const files = (data as { files?: unknown })?.files;
  if (Array.isArray(files)) {
    const seen = new Set<string>();
    files.forEach((f: { name?: unknown }, i) => {
      if (typeof f?.name !== "string") return;
      if (seen.has(f.name)) problems.push(`"files.${i}": ${f.name} is listed twice`);
      seen.add(f.name);
    });
  }
  return problems;
}
