// Pseudonymisation at the door: the NHS number becomes a keyed HMAC-SHA-256 pseudonym.
// The key lives outside the warehouse (environment variable or key file); the warehouse
// never sees an NHS number.
import { hash, randomBytes } from "node:crypto";
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
  // Owner-only whatever the umask: the folder also holds the re-identification store.
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  chmodSync(dirname(keyFile), 0o700);
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
  return pseudonymiser(key)(nhsNumber);
}

/**
 * A fast pseudonym function for one key. HMAC (RFC 2104) is computed from two one-shot
 * SHA-256 hashes with the padded keys prepared once: about six times faster than
 * createHmac per value, which matters at millions of people.
 */
export function pseudonymiser(key: Buffer): (nhsNumber: string) => bigint {
  const BLOCK = 64;
  const k = Buffer.alloc(BLOCK);
  (key.length > BLOCK ? hash("sha256", key, "buffer") : key).copy(k);
  const inner = Buffer.alloc(BLOCK + 64);
  const outer = Buffer.alloc(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = (k[i] ?? 0) ^ 0x36;
    outer[i] = (k[i] ?? 0) ^ 0x5c;
  }
  return (nhsNumber: string) => {
    const length = BLOCK + inner.write(nhsNumber, BLOCK, "utf8");
    if (length - BLOCK !== Buffer.byteLength(nhsNumber))
      throw new Error("identifier too long to pseudonymise");
    hash("sha256", inner.subarray(0, length), "buffer").copy(outer, BLOCK);
    return hash("sha256", outer, "buffer").readBigUInt64BE(0) & 0x7fffffffffffffffn;
  };
}
