// Users: created with a role and scopes; local password (scrypt) for the embedded default,
// an OIDC subject for production sign-in.
import { randomBytes, randomUUID, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import type { ScopeGrant } from "./policy.ts";
import type { Sql } from "./sql.ts";

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number },
) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1 };

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly scopes: readonly ScopeGrant[];
  readonly password?: string;
  readonly oidc?: { readonly issuer: string; readonly subject: string };
  readonly isDemo?: boolean;
}

export class UserExistsError extends Error {
  constructor(username: string) {
    super(`a user named '${username}' already exists`);
    this.name = "UserExistsError";
  }
}

export async function createUser(db: Sql, user: NewUser): Promise<string> {
  const id = randomUUID();
  const hash = user.password === undefined ? null : await hashPassword(user.password);
  return db.transaction(async (tx) => {
    const taken = await tx.query("SELECT 1 FROM users WHERE username = $1", [user.username]);
    if (taken.length > 0) throw new UserExistsError(user.username);
    await tx.query(
      `INSERT INTO users (id, username, display_name, role_code, password_hash, oidc_issuer, oidc_subject, is_demo)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        user.username,
        user.displayName,
        user.role,
        hash,
        user.oidc?.issuer ?? null,
        user.oidc?.subject ?? null,
        user.isDemo ?? false,
      ],
    );
    for (const s of user.scopes) {
      await tx.query("INSERT INTO user_scopes (user_id, level, org_code) VALUES ($1, $2, $3)", [
        id,
        s.level,
        s.code,
      ]);
    }
    return id;
  });
}

/** The user id if the username and password match an enabled local user, else null. */
export async function verifyPassword(db: Sql, username: string, password: string): Promise<string | null> {
  const rows = await db.query<{ id: string; password_hash: string | null }>(
    "SELECT id, password_hash FROM users WHERE username = $1 AND NOT disabled",
    [username],
  );
  const row = rows[0];
  // Hash even for unknown users so timing does not reveal which usernames exist.
  const stored = row?.password_hash ?? DUMMY_HASH;
  const ok = await checkPassword(password, stored);
  return ok && row?.password_hash ? row.id : null;
}

export async function userForOidcSubject(db: Sql, issuer: string, subject: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    "SELECT id FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2 AND NOT disabled",
    [issuer, subject],
  );
  return rows[0]?.id ?? null;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await scryptAsync(password, Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

const DUMMY_HASH = `scrypt$16384$8$1$${Buffer.alloc(16).toString("base64")}$${Buffer.alloc(32).toString("base64")}`;
