import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { KEY_ENV, loadPseudonymKey, pseudonym } from "../src/pseudonymise.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-key-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => {
  delete process.env[KEY_ENV];
});

describe("pseudonymisation key and pseudonyms", () => {
  it("matches an independent HMAC-SHA-256 (RFC 4231 test case 2) in its first 63 bits", () => {
    // RFC 4231 case 2: key "Jefe", data "what do ya want for nothing?"
    // HMAC-SHA-256 = 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843
    const key = Buffer.from("Jefe");
    expect(pseudonym(key, "what do ya want for nothing?")).toBe(0x5bdcc146bf60754en & 0x7fffffffffffffffn);
  });

  it("creates a development key file only when asked, readable only by its owner, and reloads it", () => {
    const file = join(tmp, "dev", "key");
    expect(() => loadPseudonymKey(file)).toThrow(/no pseudonymisation key/);
    const created = loadPseudonymKey(file, { createDevKey: true });
    expect(created.isDevelopmentKey).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toMatch(/DEVELOPMENT/);
    expect(loadPseudonymKey(file).key.equals(created.key)).toBe(true);
  });

  it("prefers the environment variable and rejects a short key", () => {
    process.env[KEY_ENV] = "ab".repeat(32);
    const k = loadPseudonymKey(join(tmp, "none"));
    expect(k.isDevelopmentKey).toBe(false);
    expect(k.source).toContain(KEY_ENV);
    process.env[KEY_ENV] = "abcd";
    expect(() => loadPseudonymKey(join(tmp, "none"))).toThrow(/at least 64 hexadecimal/);
  });
});
