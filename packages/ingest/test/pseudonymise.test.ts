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

describe("the fast pseudonymiser", () => {
  it("agrees with Node's createHmac for short, block-length and over-long keys", async () => {
    const { createHmac } = await import("node:crypto");
    const { pseudonymiser } = await import("../src/pseudonymise.ts");
    for (const key of [Buffer.from("k"), Buffer.alloc(64, 1), Buffer.alloc(131, 2)]) {
      const p = pseudonymiser(key);
      for (const n of ["9434765919", "9990000018", ""]) {
        const expected =
          createHmac("sha256", key).update(n).digest().readBigUInt64BE(0) & 0x7fffffffffffffffn;
        expect(p(n)).toBe(expected);
      }
    }
  });

  it("matches RFC 4231 test case 6 (a 131-byte key, hashed first)", async () => {
    const { pseudonymiser } = await import("../src/pseudonymise.ts");
    // HMAC-SHA-256 = 60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54
    const p = pseudonymiser(Buffer.alloc(131, 0xaa));
    expect(p("Test Using Larger Than Block-Size Key - Hash Key First")).toBe(0x60e431591ee0b67fn);
  });
});
