// The audit trail against someone who can rewrite the whole application state but does not
// hold the audit key: every kind of tampering the security probe tried, made behind the
// append-only trigger's back, is found by verifyAudit, on PGlite and on a PostgreSQL server.
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  type AuditEvent,
  type AuditInput,
  type AuditKey,
  appendAudit,
  attachAudit,
  auditKeyFrom,
  enableAudit,
  eventSeal,
  GENESIS_HASH,
  openState,
  queryAudit,
  restoreMark,
  type SqlClient,
  verifyAudit,
  writeCheckpoint,
} from "../src/index.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-tamper-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const event = (n: number): AuditInput => ({
  userId: null,
  username: `user${n}`,
  role: "clinician",
  scope: [{ level: "practice", code: "P91006" }],
  action: "patient.read",
  endpoint: "GET /api/patients/:personId",
  params: { personId: String(1000 + n), nested: { z: 1, a: [2, 3] } },
  rowCount: 1,
  personIds: [String(1000 + n)],
  clientIp: "127.0.0.1",
});

for (const backend of ["pglite", "postgres"] as const) {
  describe(`audit tampering on ${backend}`, () => {
    let db: SqlClient;
    const key: AuditKey = auditKeyFrom(randomBytes(32), "the test");
    let file = "";
    let chains = 0;
    beforeAll(async () => {
      if (backend === "pglite") db = await openState({ kind: "pglite" });
      else {
        const admin = await openState({ kind: "postgres", url: inject("postgres") });
        await admin.exec("DROP DATABASE IF EXISTS audit_tamper_test");
        await admin.exec("CREATE DATABASE audit_tamper_test");
        await admin.close();
        db = await openState({
          kind: "postgres",
          url: inject("postgres").replace(/\/postgres$/, "/audit_tamper_test"),
        });
      }
    });
    afterAll(async () => db.close());

    /** Runs SQL with the append-only trigger off: what an owner of the database can do. */
    const bypass = (sql: string) =>
      db.exec(
        `ALTER TABLE audit_events DISABLE TRIGGER USER; ${sql}; ALTER TABLE audit_events ENABLE TRIGGER USER`,
      );
    /** A fresh trail of `n` events with its own checkpoint file. */
    const freshChain = async (n: number) => {
      await bypass("DELETE FROM audit_events");
      await db.query("UPDATE audit_head SET seq = 0, hash = $1", [GENESIS_HASH]);
      file = join(tmp, `${backend}-${++chains}.jsonl`);
      attachAudit(db, { key, checkpointFile: file });
      for (let i = 1; i <= n; i++) await appendAudit(db, event(i));
      expect(await verifyAudit(db)).toMatchObject({ ok: true, events: n });
    };
    const hashOf = async (seq: number) =>
      (await db.query<{ hash: string }>("SELECT hash FROM audit_events WHERE seq = $1", [seq]))[0]?.hash ??
      "";

    it("passes an intact trail, checked against every checkpoint", async () => {
      await freshChain(6);
      const v = await verifyAudit(db);
      expect(v).toMatchObject({ ok: true, events: 6, keyed: 6, checkpoints: { checked: 6, latestSeq: 6 } });
      expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(6);
    });

    it("edit: a changed field is found at that event", async () => {
      await freshChain(6);
      await bypass("UPDATE audit_events SET row_count = 99 WHERE seq = 3");
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 3, problem: "altered" });
    });

    it("delete: a removed event in the middle is named", async () => {
      await freshChain(6);
      await bypass("DELETE FROM audit_events WHERE seq = 3");
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 3, problem: "missing" });
    });

    it("reorder: two events swapped (sequence numbers swapped back) are found", async () => {
      await freshChain(6);
      await bypass(
        "UPDATE audit_events SET seq = -1 WHERE seq = 2; UPDATE audit_events SET seq = 2 WHERE seq = 3; UPDATE audit_events SET seq = 3 WHERE seq = -1",
      );
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 2, problem: "link" });
    });

    it("insert: an event slipped into the middle (later ones renumbered) is found", async () => {
      await freshChain(6);
      await bypass(
        "UPDATE audit_events SET seq = seq + 100 WHERE seq >= 3; UPDATE audit_events SET seq = seq - 99 WHERE seq >= 103",
      );
      // A forged event 3 that links to event 2 and carries a seal made without the key.
      const forged: Omit<AuditEvent, "hash"> = {
        ...event(99),
        cohortId: null,
        cohortVersion: null,
        flags: [],
        seq: 3,
        at: new Date().toISOString(),
        chain: "hmac-sha256",
        keyId: key.id,
        prevHash: await hashOf(2),
      };
      await insertRaw(db, forged, eventSeal(forged, auditKeyFrom(randomBytes(32), "a guess")));
      await db.query("UPDATE audit_head SET seq = 7");
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 3, problem: "altered" });
      // And one appended past the head, head left alone.
      await freshChain(4);
      await insertRaw(db, { ...forged, seq: 5, prevHash: await hashOf(4) }, "f".repeat(64));
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 5, problem: "link" });
    });

    it("delete-tail: the newest events removed (head left) are found", async () => {
      await freshChain(6);
      await bypass("DELETE FROM audit_events WHERE seq > 4");
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 5, problem: "head" });
    });

    it("delete-tail-and-head: the newest events removed and the head moved back are found by the checkpoints", async () => {
      await freshChain(6);
      await bypass("DELETE FROM audit_events WHERE seq > 4");
      await db.query("UPDATE audit_head SET seq = 4, hash = $1", [await hashOf(4)]);
      const v = await verifyAudit(db);
      expect(v).toMatchObject({ ok: false, brokenAt: 5, problem: "truncated" });
      if (!v.ok) expect(v.reason).toContain("records event 6, but the trail ends at event 4");
      // Without the checkpoints the shortened trail would pass: they are what finds it.
      expect(await verifyAudit(db, { checkpointFile: null })).toMatchObject({ ok: true, events: 4 });
    });

    it("truncate-all: every event removed and the head reset are found by the checkpoints", async () => {
      await freshChain(6);
      await bypass("DELETE FROM audit_events");
      await db.query("UPDATE audit_head SET seq = 0, hash = $1", [GENESIS_HASH]);
      expect(await verifyAudit(db)).toMatchObject({ ok: false, events: 0, problem: "truncated" });
    });

    it("rechain: an edit with every later seal recomputed is found, with a guessed key or none", async () => {
      for (const how of ["guessed key", "plain SHA-256"] as const) {
        await freshChain(6);
        const guess = auditKeyFrom(randomBytes(32), "a guess");
        await rechain(db, 3, how === "guessed key" ? guess : null, { claimKeyId: key.id });
        const v = await verifyAudit(db);
        expect(v.ok, how).toBe(false);
        if (!v.ok) {
          expect(v.brokenAt, how).toBe(3);
          expect(v.problem, how).toBe(how === "guessed key" ? "altered" : "downgraded");
        }
      }
      // Every event re-sealed without the key: the trail is no longer sealed, and the
      // checkpoints no longer match.
      await freshChain(6);
      await rechain(db, 1, null);
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 1, problem: "rewritten" });
      expect(await verifyAudit(db, { checkpointFile: null })).toMatchObject({
        ok: false,
        problem: "unsealed",
      });
    });

    it("rechain with the key itself (compromised) is still found where a checkpoint was written", async () => {
      await freshChain(6);
      await rechain(db, 3, key);
      expect(await verifyAudit(db, { checkpointFile: null })).toMatchObject({ ok: true });
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 3, problem: "rewritten" });
    });

    it("a checkpoint file edited, emptied or deleted is found; another key is named", async () => {
      await freshChain(3);
      const lines = readFileSync(file, "utf8").trim().split("\n");
      writeFileSync(file, `${lines.slice(0, 2).join("\n")}\n${lines[2]?.replace(/"seq":3/, '"seq":2')}\n`);
      expect(await verifyAudit(db)).toMatchObject({ ok: false, problem: "checkpoint-forged" });
      writeFileSync(file, "");
      expect(await verifyAudit(db)).toMatchObject({ ok: false, problem: "checkpoints-missing" });
      unlinkSync(file);
      expect(await verifyAudit(db)).toMatchObject({ ok: false, problem: "checkpoints-missing" });
      const other = auditKeyFrom(randomBytes(32), "another");
      const v = await verifyAudit(db, { key: other, checkpointFile: null });
      expect(v).toMatchObject({ ok: false, brokenAt: 1, problem: "other-key" });
      if (!v.ok) expect(v.reason).toContain(key.id);
    });

    it("a restore recorded under the key supersedes the checkpoints of the events it gave up", async () => {
      await freshChain(6);
      // The state goes back to a backup taken at event 4: events 5 and 6 are gone.
      await bypass("DELETE FROM audit_events WHERE seq > 4");
      await db.query("UPDATE audit_head SET seq = 4, hash = $1", [await hashOf(4)]);
      expect(await verifyAudit(db)).toMatchObject({ ok: false, problem: "truncated" });
      writeCheckpoint(file, restoreMark(key, { seq: 4, hash: await hashOf(4) }, 6, new Date().toISOString()));
      await appendAudit(db, event(7));
      const v = await verifyAudit(db);
      expect(v).toMatchObject({ ok: true, events: 5, checkpoints: { restores: [{ fromSeq: 6, toSeq: 4 }] } });
      // A restore mark someone wrote without the key is a forged checkpoint.
      appendFileSync(
        file,
        `${JSON.stringify({ ...restoreMark(key, { seq: 1, hash: await hashOf(1) }, 5, new Date().toISOString()), mac: "0".repeat(64) })}\n`,
      );
      expect(await verifyAudit(db)).toMatchObject({ ok: false, problem: "checkpoint-forged" });
    });

    it("seals a trail written before the key existed, which from then on cannot be rewritten", async () => {
      await bypass("DELETE FROM audit_events");
      await db.query("UPDATE audit_head SET seq = 0, hash = $1", [GENESIS_HASH]);
      // Three events as the unkeyed chain wrote them.
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq++) {
        const body: Omit<AuditEvent, "hash"> = {
          ...event(seq),
          cohortId: null,
          cohortVersion: null,
          flags: [],
          seq,
          at: new Date().toISOString(),
          chain: "sha256",
          keyId: null,
          prevHash: prev,
        };
        prev = eventSeal(body, null);
        await insertRaw(db, body, prev);
      }
      await db.query("UPDATE audit_head SET seq = 3, hash = $1", [prev]);
      file = join(tmp, `${backend}-legacy.jsonl`);
      expect(await verifyAudit(db, { key, checkpointFile: file })).toMatchObject({
        ok: false,
        problem: "unsealed",
      });
      await enableAudit(db, { key, checkpointFile: file });
      const [seal] = await queryAudit(db, { action: "audit.sealed" });
      expect(seal).toMatchObject({
        seq: 4,
        chain: "hmac-sha256",
        params: { unkeyedEvents: 3, unkeyedHead: prev },
      });
      expect(await verifyAudit(db)).toMatchObject({ ok: true, events: 4, keyed: 1 });
      // Re-chaining the unkeyed part (possible without a key) now breaks the seal's link.
      await rechain(db, 2, null, { until: 3 });
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 4, problem: "link" });
    });
  });
}

/**
 * Re-seals events from `from` (to `until`) after editing `from`: with `key`, or plain SHA-256
 * when null. Keyed seals claim `claimKeyId` (the real key's public id, as a forger would).
 */
async function rechain(
  db: SqlClient,
  from: number,
  key: AuditKey | null,
  options: { claimKeyId?: string; until?: number } = {},
) {
  const until = options.until ?? Number.MAX_SAFE_INTEGER;
  const events = (await queryAudit(db, { limit: 1000 })).filter((e) => e.seq <= until);
  let prev = events.find((e) => e.seq === from - 1)?.hash ?? GENESIS_HASH;
  await db.exec("ALTER TABLE audit_events DISABLE TRIGGER USER");
  for (const e of events.filter((x) => x.seq >= from)) {
    const { hash: _old, ...rest } = e;
    const body: Omit<AuditEvent, "hash"> = {
      ...rest,
      ...(e.seq === from ? { rowCount: e.rowCount + 1 } : {}),
      chain: key ? "hmac-sha256" : "sha256",
      keyId: key ? (options.claimKeyId ?? key.id) : null,
      prevHash: prev,
    };
    prev = eventSeal(body, key);
    await db.query(
      "UPDATE audit_events SET row_count = $1, chain = $2, key_id = $3, prev_hash = $4, hash = $5 WHERE seq = $6",
      [body.rowCount, body.chain, body.keyId, body.prevHash, prev, e.seq],
    );
  }
  await db.exec("ALTER TABLE audit_events ENABLE TRIGGER USER");
  const last = events.at(-1);
  if (last && until === Number.MAX_SAFE_INTEGER)
    await db.query("UPDATE audit_head SET hash = $1 WHERE seq = $2", [prev, last.seq]);
}

async function insertRaw(db: SqlClient, e: Omit<AuditEvent, "hash">, hash: string) {
  await db.query(
    `INSERT INTO audit_events (seq, at, user_id, username, role_code, scope, action, endpoint, params,
       cohort_id, cohort_version, row_count, person_ids, client_ip, flags, chain, key_id, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
    [
      e.seq,
      e.at,
      e.userId,
      e.username,
      e.role,
      { grants: e.scope },
      e.action,
      e.endpoint,
      e.params,
      e.cohortId ?? null,
      e.cohortVersion ?? null,
      e.rowCount,
      { ids: e.personIds },
      e.clientIp,
      { flags: e.flags },
      e.chain,
      e.keyId,
      e.prevHash,
      hash,
    ],
  );
}
