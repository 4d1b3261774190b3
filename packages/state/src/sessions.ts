// Server-side sessions. The cookie carries a random 256-bit id; the database stores only
// its SHA-256, so a leaked database cannot be replayed as cookies. Each session has its own
// CSRF token for state-changing requests.
import { createHash, randomBytes } from "node:crypto";
import type { Sql } from "./sql.ts";

export interface Session {
  readonly userId: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export const SESSION_HOURS = 8;

const digest = (id: string) => createHash("sha256").update(id).digest("hex");
const token = () => randomBytes(32).toString("base64url");

/**
 * Starts a session for `userId`. Any session the caller presented is ended first, so a
 * session id fixed before sign-in is never the one that is signed in (rotation).
 */
export async function startSession(
  db: Sql,
  userId: string,
  options: { previousId?: string; now?: Date } = {},
): Promise<{ id: string; session: Session }> {
  const now = options.now ?? new Date();
  const id = token();
  const session: Session = {
    userId,
    csrfToken: token(),
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
  };
  await db.transaction(async (tx) => {
    if (options.previousId)
      await tx.query("DELETE FROM sessions WHERE id_hash = $1", [digest(options.previousId)]);
    await tx.query("DELETE FROM sessions WHERE expires_at < $1", [now.toISOString()]);
    await tx.query(
      "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
      [digest(id), userId, session.csrfToken, now.toISOString(), session.expiresAt],
    );
  });
  return { id, session };
}

export async function findSession(db: Sql, id: string, now: Date = new Date()): Promise<Session | null> {
  const rows = await db.query<{ user_id: string; csrf_token: string; expires_at: string }>(
    "SELECT user_id, csrf_token, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2",
    [digest(id), now.toISOString()],
  );
  const row = rows[0];
  return row ? { userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
}

export async function endSession(db: Sql, id: string): Promise<void> {
  await db.query("DELETE FROM sessions WHERE id_hash = $1", [digest(id)]);
}

/** OIDC authorisation-code flows in flight: state → PKCE verifier and nonce, for ten minutes. */
export async function saveOidcFlow(
  db: Sql,
  flow: { state: string; codeVerifier: string; nonce: string },
  now: Date = new Date(),
): Promise<void> {
  await db.query("DELETE FROM oidc_flows WHERE expires_at < $1", [now.toISOString()]);
  await db.query("INSERT INTO oidc_flows (state, code_verifier, nonce, expires_at) VALUES ($1, $2, $3, $4)", [
    flow.state,
    flow.codeVerifier,
    flow.nonce,
    new Date(now.getTime() + 600_000).toISOString(),
  ]);
}

/** Takes (and deletes) a flow, so a state value works once. */
export async function takeOidcFlow(
  db: Sql,
  state: string,
  now: Date = new Date(),
): Promise<{ codeVerifier: string; nonce: string } | null> {
  const rows = await db.query<{ code_verifier: string; nonce: string }>(
    "DELETE FROM oidc_flows WHERE state = $1 AND expires_at > $2 RETURNING code_verifier, nonce",
    [state, now.toISOString()],
  );
  const row = rows[0];
  return row ? { codeVerifier: row.code_verifier, nonce: row.nonce } : null;
}
