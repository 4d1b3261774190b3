// Pseudonymisation at the door: the NHS number becomes a keyed HMAC-SHA-256 pseudonym.
// The key lives outside the warehouse (environment variable or key file); the warehouse
// never sees an NHS number.
import { createHmac, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface PseudonymKey {
  readonly key: Buffer;
  /** Where it came from, for messages: never the key itself. */
  readonly source: string;
  readonly isDevelopmentKey: boolean;
}

export const KEY_ENV = "BEVAN_PSEUDONYM_KEY";
const DEV_KEY_BANNER =
  "# Bevan DEVELOPMENT pseudonymisation key - generated for the embedded default. Do not use with real data.";

/**
 * The key from BEVAN_PSEUDONYM_KEY (64+ hex characters), else from `keyFile`; when neither
 * exists and `createDevKey` is set, a fresh development key is written to `keyFile`.
 */
export function loadPseudonymKey(keyFile: string, options: { createDevKey?: boolean } = {}): PseudonymKey {
  const fromEnv = process.env[KEY_ENV];
  if (fromEnv)
    return {
      key: parseKey(fromEnv, KEY_ENV),
      source: `environment variable ${KEY_ENV}`,
      isDevelopmentKey: false,
    };
  if (existsSync(keyFile)) {
    const text = readFileSync(keyFile, "utf8");
    const line = text.split("\n").find((l) => l.trim() !== "" && !l.startsWith("#")) ?? "";
    return {
      key: parseKey(line.trim(), keyFile),
      source: keyFile,
      isDevelopmentKey: text.startsWith(DEV_KEY_BANNER),
    };
  }
  if (!options.createDevKey) {
    throw new Error(
      `no pseudonymisation key: set ${KEY_ENV} to 64 hex characters, or put the key in ${keyFile}. ` +
        "Use the same key for every load of the same population, or the pseudonyms will not link.",
    );
  }
  mkdirSync(dirname(keyFile), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(keyFile, `${DEV_KEY_BANNER}\n${key.toString("hex")}\n`, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  return { key, source: keyFile, isDevelopmentKey: true };
}

function parseKey(hex: string, where: string): Buffer {
  if (!/^[0-9a-fA-F]{64,}$/.test(hex)) {
    throw new Error(
      `the pseudonymisation key in ${where} must be at least 64 hexadecimal characters (256 bits)`,
    );
  }
  return Buffer.from(hex, "hex");
}

/**
 * The person key: the first 63 bits of HMAC-SHA-256(key, NHS number), as a positive BIGINT.
 * 63 bits keeps collisions negligible (about 1 in 10^5 at 10 million people) and joins fast;
 * ingest still checks for collisions.
 */
export function pseudonym(key: Buffer, nhsNumber: string): bigint {
  const digest = createHmac("sha256", key).update(nhsNumber).digest();
  return digest.readBigUInt64BE(0) & 0x7fffffffffffffffn;
}
