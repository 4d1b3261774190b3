// Runs the HL7/HAPI FHIR validator (packages/care/validator) for tests: fetches its jars from
// Maven Central with Maven on first use (cached under node_modules/.cache), then checks every
// file given in one JVM, so the validator starts once per test run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const VALIDATOR = join(dirname(fileURLToPath(import.meta.url)), "..", "validator");
const CACHE = join(
  VALIDATOR,
  "..",
  "..",
  "..",
  "node_modules",
  ".cache",
  "bevan-fhir-validator",
  "hapi-8.8.0",
);

export interface ValidationMessage {
  readonly severity: "fatal" | "error" | "warning" | "information";
  readonly location: string | null;
  readonly message: string;
}

/** The validator's jars, fetched once from Maven Central. */
export function ensureValidator(): string {
  const lib = join(CACHE, "lib");
  if (existsSync(lib) && readdirSync(lib).some((f) => f.startsWith("hapi-fhir-validation-"))) return lib;
  mkdirSync(CACHE, { recursive: true });
  const mvn = process.env.BEVAN_MVN ?? "mvn";
  const r = spawnSync(
    mvn,
    [
      "-q",
      "-B",
      "-f",
      join(VALIDATOR, "pom.xml"),
      "dependency:copy-dependencies",
      `-DoutputDirectory=${lib}`,
    ],
    { stdio: ["ignore", "inherit", "inherit"], timeout: 600_000 },
  );
  if (r.status !== 0) throw new Error(`could not fetch the FHIR validator with Maven (exit ${r.status})`);
  return lib;
}

/** Validates each JSON file against FHIR R4; one result per file, in order. */
export function validateFhir(files: readonly string[]): { file: string; messages: ValidationMessage[] }[] {
  const lib = ensureValidator();
  const java = process.env.BEVAN_JAVA ?? "java";
  const r = spawnSync(java, ["-cp", `${lib}/*`, join(VALIDATOR, "ValidateFhir.java"), ...files], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 600_000,
  });
  if (r.status !== 0)
    throw new Error(`the FHIR validator failed (exit ${r.status}): ${r.stderr.slice(0, 2000)}`);
  return r.stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l));
}
