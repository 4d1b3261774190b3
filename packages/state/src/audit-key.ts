// The audit key: the secret that chains the audit trail (HMAC-SHA-256), kept outside the
// application state like the pseudonymisation key, so that whoever can rewrite the state
// cannot rewrite the chain to match. From BEVAN_AUDIT_KEY, or a key file; the embedded
// default generates a development key beside the warehouse (secrets/audit.key).
import { createHmac, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { writePrivateFile } from "./private-files.ts";

export interface AuditKey {
  readonly key: Buffer;
  /** A public fingerprint of the key (16 hex), stored with each event: never the key. */
  readonly id: string;
  /** Where it came from, for messages: never the key itself. */
  readonly source: string;
  readonly isDevelopmentKey: boolean;
}

export const AUDIT_KEY_ENV = "BEVAN_AUDIT_KEY";
const DEV_KEY_BANNER =
  "# Bevan DEVELOPMENT audit key - generated for the embedded default. Keep it apart from the state.";

/** An audit key that cannot be read or made: says what to set. */
export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditKeyError";
  }
}

export function auditKeyFrom(key: Buffer, source: string, isDevelopmentKey = false): AuditKey {
  if (key.length < 32) throw new AuditKeyError(`the audit key in ${source} is shorter than 256 bits`);
  const id = createHmac("sha256", key).update("bevan-audit-key-id").digest("hex").slice(0, 16);
  return { key, id, source, isDevelopmentKey };
}

/** A random key held only in memory: for in-memory state (tests), whose trail dies with it. */
export function ephemeralAuditKey(): AuditKey {
  return auditKeyFrom(randomBytes(32), "an in-memory key", true);
}

/**
 * The key from BEVAN_AUDIT_KEY (64+ hex characters), else from `keyFile`; when neither
 * exists and `createDevKey` is set, a fresh development key is written to `keyFile` (0600).
 */
export function loadAuditKey(keyFile: string | null, options: { createDevKey?: boolean } = {}): AuditKey {
  const fromEnv = process.env[AUDIT_KEY_ENV];
  if (fromEnv) return auditKeyFrom(parseKey(fromEnv, AUDIT_KEY_ENV), `environment variable ${AUDIT_KEY_ENV}`);
  if (keyFile && existsSync(keyFile)) {
    const text = readFileSync(keyFile, "utf8");
    const line = text.split("\n").find((l) => l.trim() !== "" && !l.startsWith("#")) ?? "";
    return auditKeyFrom(parseKey(line.trim(), keyFile), keyFile, text.startsWith(DEV_KEY_BANNER));
  }
  if (!options.createDevKey || !keyFile)
    throw new AuditKeyError(
      `no audit key: set ${AUDIT_KEY_ENV} to 64 hexadecimal characters${keyFile ? `, or put the key in ${keyFile}` : ""}. ` +
        "Keep it where the state's owner cannot read it, and use the same key for the life of the audit trail.",
    );
  const key = randomBytes(32);
  // Exclusive: of two processes making the key at once, both end up with the first one's.
  if (!writePrivateFile(keyFile, `${DEV_KEY_BANNER}\n${key.toString("hex")}\n`, { exclusive: true }))
    return loadAuditKey(keyFile);
  return auditKeyFrom(key, keyFile, true);
}

function parseKey(hex: string, where: string): Buffer {
  if (!/^[0-9a-fA-F]{64,}$/.test(hex))
    throw new AuditKeyError(
      `the audit key in ${where} must be at least 64 hexadecimal characters (256 bits)`,
    );
  return Buffer.from(hex, "hex");
}
