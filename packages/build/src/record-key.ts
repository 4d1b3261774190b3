// The secret behind the disclosure-control record keys (person_asof.record_key,
// docs/disclosure-control.md). Like the pseudonymisation key it lives outside the warehouse,
// so nobody who reads pseudonymised ids (or the warehouse) can work out a person's record key
// and from it the perturbation of a published count. Keep it for the life of the warehouse:
// a new secret gives every published count a fresh perturbation, a second draw an attacker
// could average with the first.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export const RECORD_KEY_ENV = "BEVAN_RECORD_KEY";

/** `secrets/record-key` beside the warehouse file. */
export function recordKeyFileFor(warehousePath: string): string {
  return join(dirname(resolve(warehousePath)), "secrets", "record-key");
}

/**
 * The secret as hex: BEVAN_RECORD_KEY, else the file beside the warehouse, created (0600)
 * when missing. An in-memory warehouse gets a fresh secret per process.
 */
export function loadRecordKeySecret(warehousePath: string): string {
  const fromEnv = process.env[RECORD_KEY_ENV];
  if (fromEnv) return checkSecret(fromEnv.trim(), RECORD_KEY_ENV);
  if (warehousePath === ":memory:" || warehousePath === "") return ephemeral;
  const file = recordKeyFileFor(warehousePath);
  if (existsSync(file)) {
    const line =
      readFileSync(file, "utf8")
        .split("\n")
        .find((l) => l.trim() !== "" && !l.startsWith("#")) ?? "";
    return checkSecret(line.trim(), file);
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(
    file,
    `# Bevan disclosure-control record-key secret: keep with the warehouse, never share.\n${secret}\n`,
    { mode: 0o600 },
  );
  chmodSync(file, 0o600);
  return secret;
}

const ephemeral = randomBytes(32).toString("hex");

function checkSecret(hex: string, where: string): string {
  if (!/^[0-9a-fA-F]{32,}$/.test(hex))
    throw new Error(`the record-key secret in ${where} must be at least 32 hexadecimal characters`);
  return hex.toLowerCase();
}
