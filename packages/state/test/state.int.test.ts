// Application state against both back ends with the same migrations and SQL: PGlite in
// process and a real PostgreSQL 15 server started by the test setup.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  type AuditInput,
  appendAudit,
  createUser,
  endSession,
  ephemeralAuditKey,
  findSession,
  grantUser,
  InvalidGrantError,
  keepImagingForecasts,
  keptImagingForecasts,
  listRoles,
  listUsers,
  loadPrincipal,
  migrate,
  migrations,
  openState,
  parseScope,
  postgresCohortStore,
  type SqlClient,
  seedDemoUsers,
  setUserDisabled,
  startSession,
  UnknownUserError,
  verifyAudit,
  verifyPassword,
} from "../src/index.ts";

const ORGS = { icb: "QOP", place: "TRF-W", pcn: "TRF-W-PCN1", practice: "P91006" };

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

describe("an embedded state folder on disk", () => {
  it("is owner-only inside, and leaves the folder around it (which may be shared, like /tmp) as it was", async () => {
    const shared = mkdtempSync(join(tmpdir(), "bevan-shared-"));
    try {
      chmodSync(shared, 0o1777);
      const dir = join(shared, "state");
      const db = await openState(
        { kind: "pglite", dir },
        {
          audit: {
            key: ephemeralAuditKey(),
            checkpointFile: join(shared, "audit", "state.checkpoints.jsonl"),
          },
        },
      );
      await appendAudit(db, event(1));
      await db.close();
      expect(statSync(shared).mode & 0o7777).toBe(0o1777);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(shared, "audit", "state.checkpoints.jsonl")).mode & 0o777).toBe(0o600);
      const wide = readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
        (e) => (statSync(join(e.parentPath, e.name)).mode & 0o077) !== 0,
      );
      expect(wide).toEqual([]);
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });
});

for (const backend of ["pglite", "postgres"] as const) {
  describe(`application state on ${backend}`, () => {
    let db: SqlClient;
    beforeAll(async () => {
      if (backend === "pglite") db = await openState({ kind: "pglite" });
      else {
        // A fresh database per run, so the test starts from an empty schema.
        const admin = await openState({ kind: "postgres", url: inject("postgres") });
        await admin.exec("DROP DATABASE IF EXISTS state_test");
        await admin.exec("CREATE DATABASE state_test");
        await admin.close();
        db = await openState(
          { kind: "postgres", url: inject("postgres").replace(/\/postgres$/, "/state_test") },
          { audit: { key: ephemeralAuditKey(), checkpointFile: null } },
        );
      }
    });
    afterAll(async () => db.close());

    it("applies the migrations once", async () => {
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ version: number }>("SELECT version FROM schema_migrations");
      expect(rows.map((r) => r.version)).toEqual(migrations().map((m) => m.version));
    });

    it("keeps imaging forecasts as first made, per as-of date and scope, and reads back earlier ones", async () => {
      const f = (p10: number) => ({
        weeks: ["2026-01-05", "2026-01-12"],
        mean: [4.2, 4.4],
        p10: [p10, p10],
        p90: [7, 7],
        p025: [1, 1],
        p975: [9, 9],
      });
      await keepImagingForecasts(db, "2025-12-31", "icb:QOP", [
        { trust: "RM3", modality: "MR", forecast: f(2) },
      ]);
      // Made again for the same date and scope: the first stands.
      await keepImagingForecasts(db, "2025-12-31", "icb:QOP", [
        { trust: "RM3", modality: "MR", forecast: f(3) },
      ]);
      await keepImagingForecasts(db, "2026-03-31", "icb:QOP", [
        { trust: "RM3", modality: "MR", forecast: f(4) },
      ]);
      await keepImagingForecasts(db, "2025-12-31", "trust:RM3", [
        { trust: "RM3", modality: "MR", forecast: f(5) },
      ]);
      const kept = await keptImagingForecasts(db, "icb:QOP", "2026-03-31");
      expect(kept).toEqual([{ asOf: "2025-12-31", trust: "RM3", modality: "MR", forecast: f(2) }]);
      expect(await keptImagingForecasts(db, "icb:QOP", "2026-06-30")).toHaveLength(2);
      expect(await keptImagingForecasts(db, "other", "2026-06-30")).toEqual([]);
    });

    it("seeds one demo user per role, with scopes as policy data", async () => {
      expect(await seedDemoUsers(db, ORGS)).toHaveLength(5);
      expect(await seedDemoUsers(db, ORGS)).toEqual([]);
      const id = await verifyPassword(db, "demo-coordinator", "demo");
      expect(id).not.toBeNull();
      expect(await verifyPassword(db, "demo-coordinator", "wrong")).toBeNull();
      expect(await verifyPassword(db, "nobody", "demo")).toBeNull();
      const p = await loadPrincipal(db, id as string);
      expect(p?.role.code).toBe("care_coordinator");
      expect(p?.role.directCare).toBe(true);
      expect(p?.role.purpose).toBe("direct_care");
      expect(p?.scopes).toEqual([{ level: "pcn", code: "TRF-W-PCN1" }]);
      expect(p?.role.permissions).not.toContain("audit:read");
      const admin = await loadPrincipal(db, (await verifyPassword(db, "demo-admin", "demo")) as string);
      expect(admin?.role.permissions).toEqual(["audit:read", "data-quality:read", "users:manage"]);
      expect(admin?.scopes).toEqual([]);
      expect(admin?.role.purpose).toBe("administration");
    });

    it("records a purpose for every role, consistent with direct care", async () => {
      const roles = await listRoles(db);
      expect(Object.fromEntries(roles.map((r) => [r.code, r.purpose]))).toEqual({
        administrator: "administration",
        care_coordinator: "direct_care",
        clinician: "direct_care",
        commissioner: "planning",
        ics_analyst: "planning",
      });
      // The policy data cannot say a role is for direct care and planning at once, nor give
      // an administration role patient data.
      await expect(
        db.query("UPDATE roles SET purpose = 'planning' WHERE code = 'clinician'"),
      ).rejects.toThrow();
      await expect(
        db.query("UPDATE roles SET patient_data = 'pseudonymous' WHERE code = 'administrator'"),
      ).rejects.toThrow();
      await expect(
        db.query(
          "INSERT INTO roles (code, name, description, direct_care, patient_data) VALUES ('x', 'x', 'x', false, 'none')",
        ),
      ).rejects.toThrow();
    });

    it("rotates sessions at sign-in and ends them at sign-out", async () => {
      const userId = (await verifyPassword(db, "demo-analyst", "demo")) as string;
      const first = await startSession(db, userId);
      expect((await findSession(db, first.id))?.userId).toBe(userId);
      const second = await startSession(db, userId, { previousId: first.id });
      expect(second.id).not.toBe(first.id);
      expect(await findSession(db, first.id)).toBeNull();
      expect((await findSession(db, second.id))?.csrfToken).toBe(second.session.csrfToken);
      // Only the hash of the id is stored.
      const stored = await db.query<{ id_hash: string }>("SELECT id_hash FROM sessions");
      expect(stored.map((r) => r.id_hash)).not.toContain(second.id);
      await endSession(db, second.id);
      expect(await findSession(db, second.id)).toBeNull();
      const expired = await startSession(db, userId, { now: new Date("2000-01-01T00:00:00Z") });
      expect(await findSession(db, expired.id)).toBeNull();
    });

    it("administers users: role and scope changes, disabling ends sessions, bad grants refused", async () => {
      await createUser(db, {
        username: "admin-test",
        displayName: "Admin Test",
        role: "clinician",
        scopes: [parseScope("practice:P91006")],
        password: "a long passphrase here",
      });
      const id = (await verifyPassword(db, "admin-test", "a long passphrase here")) as string;
      const session = await startSession(db, id);
      // Adding a scope does not end sessions; changing the role does.
      let u = await grantUser(db, "admin-test", { add: [{ level: "pcn", code: "TRF-W-PCN1" }] });
      expect(u.scopes).toEqual([
        { level: "pcn", code: "TRF-W-PCN1" },
        { level: "practice", code: "P91006" },
      ]);
      expect(await findSession(db, session.id)).not.toBeNull();
      u = await grantUser(db, "admin-test", {
        role: "care_coordinator",
        remove: [parseScope("practice:P91006")],
      });
      expect(u.role).toBe("care_coordinator");
      expect(u.scopes).toEqual([{ level: "pcn", code: "TRF-W-PCN1" }]);
      expect(await findSession(db, session.id)).toBeNull();
      const again = await startSession(db, id);
      u = await setUserDisabled(db, "admin-test", true);
      expect(u.disabled).toBe(true);
      expect(await findSession(db, again.id)).toBeNull();
      expect(await verifyPassword(db, "admin-test", "a long passphrase here")).toBeNull();
      expect(await loadPrincipal(db, id)).toBeNull();
      await setUserDisabled(db, "admin-test", false);
      expect(await verifyPassword(db, "admin-test", "a long passphrase here")).toBe(id);
      expect((await listUsers(db)).find((x) => x.username === "admin-test")?.signIn).toBe("password");
      await expect(grantUser(db, "admin-test", { role: "root" })).rejects.toThrow(InvalidGrantError);
      await expect(grantUser(db, "nobody", { role: "clinician" })).rejects.toThrow(UnknownUserError);
      expect(() => parseScope("ward:W1")).toThrow(/LEVEL:CODE with LEVEL one of icb, place, pcn, practice/);
      expect(() => parseScope("practice:P1' OR 1=1")).toThrow(InvalidGrantError);
    });

    it("versions saved cohorts: saving again adds a version, old versions stay", async () => {
      const userId = (await verifyPassword(db, "demo-clinician", "demo")) as string;
      const store = postgresCohortStore(db);
      const v1 = await store.create({
        name: "Hypertension",
        definition: { kind: "registers", all: ["HYP"] },
        by: userId,
      });
      expect(v1.version).toBe(1);
      const v2 = await store.addVersion(v1.cohortId, {
        definition: { kind: "registers", all: ["HYP", "DM"] },
        by: userId,
        note: "add diabetes",
      });
      expect(v2?.version).toBe(2);
      expect((await store.version(v1.cohortId))?.definition).toEqual({
        kind: "registers",
        all: ["HYP", "DM"],
      });
      expect((await store.version(v1.cohortId, 1))?.definition).toEqual({ kind: "registers", all: ["HYP"] });
      expect((await store.get(v1.cohortId))?.latestVersion).toBe(2);
      expect(
        await store.addVersion("00000000-0000-0000-0000-000000000000", { definition: {}, by: userId }),
      ).toBeNull();
    });

    it("keeps a gapless hash chain under concurrent appends and verifies it", async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => appendAudit(db, event(i))));
      const v = await verifyAudit(db);
      expect(v).toMatchObject({ ok: true, events: 20 });
      const seqs = await db.query<{ seq: number }>("SELECT seq FROM audit_events ORDER BY seq");
      expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it("refuses UPDATE, DELETE and TRUNCATE on the audit log", async () => {
      await expect(db.query("UPDATE audit_events SET row_count = 2 WHERE seq = 3")).rejects.toThrow(
        /append-only/,
      );
      await expect(db.query("DELETE FROM audit_events WHERE seq = 3")).rejects.toThrow(/append-only/);
      await expect(db.exec("TRUNCATE audit_events")).rejects.toThrow(/append-only/);
    });

    const bypass = (sql: string) =>
      db.exec(
        `ALTER TABLE audit_events DISABLE TRIGGER USER; ${sql}; ALTER TABLE audit_events ENABLE TRIGGER USER`,
      );
    const resetChain = async (events: number) => {
      await bypass("DELETE FROM audit_events");
      await db.query("UPDATE audit_head SET seq = 0, hash = repeat('0', 64)");
      for (let i = 0; i < events; i++) await appendAudit(db, event(i));
      expect((await verifyAudit(db)).ok).toBe(true);
    };

    it("detects a change to any audited field (made behind the trigger's back) at that event", async () => {
      const change: Record<string, string> = {
        username: "'someone-else'",
        role_code: "'administrator'",
        action: "'patient.list'",
        endpoint: "'GET /elsewhere'",
        row_count: "row_count + 1",
        client_ip: "'10.0.0.1'",
        at: "at + interval '1 second'",
        person_ids: `'{"ids": []}'::jsonb`,
        params: `'{"personId": "1"}'::jsonb`,
        scope: `'{"grants": []}'::jsonb`,
        prev_hash: "repeat('1', 64)",
        flags: `'{"flags": ["break-glass"]}'::jsonb`,
        key_id: "'0000000000000000'",
      };
      for (const [col, value] of Object.entries(change)) {
        await resetChain(4);
        await bypass(`UPDATE audit_events SET ${col} = ${value} WHERE seq = 3`);
        expect(await verifyAudit(db), col).toMatchObject({ ok: false, brokenAt: 3 });
      }
    });

    it("detects deletion in the middle and at the end", async () => {
      await resetChain(5);
      await bypass("DELETE FROM audit_events WHERE seq = 5");
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 5 });
      await bypass("DELETE FROM audit_events WHERE seq = 3");
      expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 3 });
    });
  });
}
